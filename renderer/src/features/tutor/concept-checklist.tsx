/** The module's concepts in teaching order, with this learner's mastery of each. */
import type { ModuleProgress } from '../progress/progress-slice.ts';
import { t } from '../../i18n/index.ts';

export function ConceptChecklist({ progress }: { progress: ModuleProgress | undefined }) {
  if (!progress) return null;
  return (
    <section className="concepts" aria-labelledby="concepts-title">
      <h2 id="concepts-title" className="sidebar__title">
        {t.tutor.conceptsTitle}
      </h2>
      <ol className="concept-list">
        {progress.concepts.map((c) => {
          const state = c.mastered ? t.tutor.conceptMastered : c.mastery > 0 ? t.tutor.conceptInProgress(c.mastery * 100) : t.tutor.conceptNotStarted;
          return (
            <li key={c.conceptId} className={`concept ${c.mastered ? 'concept--mastered' : ''}`} data-concept-slug={c.slug} data-mastered={c.mastered ? 'true' : 'false'}>
              <span className="concept__mark" aria-hidden="true">
                {c.mastered ? '✓' : '○'}
              </span>
              <span className="concept__title">{c.title}</span>
              <span className="concept__state">{state}</span>
              <span className="concept__meter" aria-hidden="true">
                <span style={{ width: `${Math.round(c.mastery * 100)}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
