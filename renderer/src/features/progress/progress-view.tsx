/**
 * A learner's progress: overall figures, activity, and each module with mastery per concept.
 * Used by the learner's own Progress screen and by the teacher's learner drilldown.
 */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { EmptyState, ProgressBar, formatDateTime } from '../../ui/status.tsx';
import { ActivityChart } from './activity-chart.tsx';
import type { ModuleProgress, ProgressOverview } from './progress-slice.ts';

function ConceptTable({ progress, title }: { progress: ModuleProgress | undefined; title: string }) {
  if (!progress) return null;
  if (progress.concepts.length === 0) return <p className="muted">{t.progress.noConcepts}</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t.progress.conceptsOf(title)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.progress.concept}</th>
          <th scope="col">{t.progress.mastery}</th>
        </tr>
      </thead>
      <tbody>
        {progress.concepts.map((c) => (
          <tr key={c.conceptId}>
            <th scope="row">{c.title}</th>
            <td>
              <span className="mastery-cell">
                <ProgressBar value={c.mastery * 100} label={`${c.title}: ${t.progress.mastery}`} />
                <span>{c.mastered ? t.tutor.conceptMastered : t.common.percent(c.mastery * 100)}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProgressView({
  overview,
  moduleProgress,
  onExpand,
}: {
  overview: ProgressOverview;
  moduleProgress: Record<number, ModuleProgress>;
  onExpand: (moduleId: number) => void;
}) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const { totals } = overview;
  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      onExpand(id);
    }
    setOpen(next);
  };
  const started = overview.modules.some((m) => m.progress !== null);

  return (
    <>
      <section className="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t.progress.overall}</h2>
        <ProgressBar value={totals.completionPercentage} label={t.progress.completion} />
        <dl className="stats">
          <div>
            <dt>{t.progress.completion}</dt>
            <dd>{t.common.percent(totals.completionPercentage)}</dd>
          </div>
          <div>
            <dt>{t.library.completed}</dt>
            <dd>{t.progress.modulesCompleted(totals.modulesCompleted, overview.modules.length)}</dd>
          </div>
          <div>
            <dt>{t.progress.mastery}</dt>
            <dd>{t.progress.conceptsMastered(totals.conceptsMastered, totals.conceptCount)}</dd>
          </div>
          <div>
            <dt>{t.progress.timeSpent}</dt>
            <dd>{t.common.duration(totals.timeSpentSeconds)}</dd>
          </div>
          <div>
            <dt>{t.progress.messages}</dt>
            <dd>{totals.totalMessages}</dd>
          </div>
          <div>
            <dt>{t.progress.streak}</dt>
            <dd>{t.progress.streakDays(totals.streakDays)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">{t.progress.activityTitle}</h2>
        <ActivityChart days={totals.activity} />
      </section>

      <section aria-labelledby="per-module-title">
        <h2 id="per-module-title">{t.progress.perModule}</h2>
        {!started ? <EmptyState>{t.progress.empty}</EmptyState> : null}
        <ul className="progress-modules">
          {overview.modules.map(({ module, progress, conceptsMastered }) => (
            <li key={module.id} className="card progress-module" data-module-slug={module.slug}>
              <h3>{module.title}</h3>
              <ProgressBar value={progress?.completionPercentage ?? 0} label={t.library.progressLabel(module.title)} />
              <p className="muted">
                {t.common.percent(progress?.completionPercentage ?? 0)} · {t.library.conceptsMastered(conceptsMastered, module.conceptCount)}
                {progress ? ` · ${t.progress.levelReached}: ${t.progress.masteryLevel[progress.masteryLevel] ?? progress.masteryLevel}` : ''}
                {progress ? ` · ${t.progress.timeSpent}: ${t.common.duration(progress.timeSpentSeconds)}` : ''}
                {progress?.lastActivityAt ? ` · ${t.progress.lastActivity}: ${formatDateTime(progress.lastActivityAt)}` : ''}
              </p>
              <button type="button" className="link-button" aria-expanded={open.has(module.id)} onClick={() => toggle(module.id)}>
                {open.has(module.id) ? t.progress.hideConcepts : t.progress.showConcepts}
              </button>
              {open.has(module.id) ? <ConceptTable progress={moduleProgress[module.id]} title={module.title} /> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
