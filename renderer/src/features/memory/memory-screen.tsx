/** The learner's memory: what the tutor remembers per module, which they can correct or delete. */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MemorySummary } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { DefinitionList } from '../../ui/definition-list.tsx';
import { FormActions, SaveOrLeave, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { ConfirmButton, EmptyState, Loading, ScreenHeading, formatDateTime } from '../../ui/status.tsx';
import type { MemoryPatch } from './memory-service.ts';

type Level = MemorySummary['understandingLevel'];
const LEVELS: Level[] = ['emerging', 'developing', 'proficient', 'mastered'];

function MemoryEditor({ summary, onDone }: { summary: MemorySummary; onDone: () => void }) {
  const update = useAppStore((s) => s.updateMemory);
  const [whatLearned, setWhatLearned] = useState(summary.whatLearned);
  const [howLearned, setHowLearned] = useState(summary.howLearned);
  const [keyConcepts, setKeyConcepts] = useState(summary.keyConcepts.join(', '));
  const [level, setLevel] = useState<Level>(summary.understandingLevel);
  const [insights, setInsights] = useState(summary.learningInsights);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const patch: MemoryPatch = {};
    if (whatLearned !== summary.whatLearned) patch.whatLearned = whatLearned;
    if (howLearned !== summary.howLearned) patch.howLearned = howLearned;
    const concepts = keyConcepts.split(',').map((c) => c.trim()).filter(Boolean);
    if (concepts.join('\u0000') !== summary.keyConcepts.join('\u0000')) patch.keyConcepts = concepts;
    if (level !== summary.understandingLevel) patch.understandingLevel = level;
    if (insights !== summary.learningInsights) patch.learningInsights = insights;
    if (Object.keys(patch).length === 0 || (await update(summary.id, patch))) onDone();
  }

  return (
    <form className="memory-editor" onSubmit={(e) => void submit(e)} aria-label={t.memory.editLabel(summary.id)}>
      <TextArea label={t.memory.whatLearned} value={whatLearned} onChange={setWhatLearned} required rows={3} />
      <TextArea label={t.memory.howLearned} value={howLearned} onChange={setHowLearned} rows={2} />
      <TextField label={t.memory.keyConcepts} value={keyConcepts} onChange={setKeyConcepts} />
      <SelectField<Level> label={t.memory.understandingLevel} value={level} onChange={setLevel} options={LEVELS.map((l) => ({ value: l, label: t.memory.levels[l] ?? l }))} />
      <TextArea label={t.memory.learningInsights} value={insights} onChange={setInsights} rows={2} />
      <FormActions>
        <SaveOrLeave onLeave={onDone} />
      </FormActions>
    </form>
  );
}

/** One memory summary; `readOnly` for teachers looking at a learner. */
export function MemoryCard({ summary, readOnly }: { summary: MemorySummary; readOnly?: boolean }) {
  const remove = useAppStore((s) => s.deleteMemory);
  const [editing, setEditing] = useState(false);
  return (
    <li className="card memory-card" data-memory-id={summary.id}>
      {editing ? (
        <MemoryEditor summary={summary} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="memory-card__what">{summary.whatLearned}</p>
          <DefinitionList
            compact
            rows={[
              [t.memory.howLearned, summary.howLearned || null],
              [t.memory.keyConceptsView, summary.keyConcepts.length ? summary.keyConcepts.join(', ') : null],
              [t.memory.understandingLevel, t.memory.levels[summary.understandingLevel] ?? summary.understandingLevel],
              [t.memory.learningInsights, summary.learningInsights || null],
              [t.memory.teachingEffectiveness, summary.teachingEffectiveness || null],
            ]}
          />
          <p className="muted">
            {t.memory.source[summary.source] ?? summary.source} · {formatDateTime(summary.updatedAt)}
          </p>
          {readOnly ? null : (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setEditing(true)}>
                {t.common.edit}
              </button>
              <ConfirmButton question={t.memory.deleteConfirm} onConfirm={() => void remove(summary.id)}>
                {t.common.delete}
              </ConfirmButton>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** Summaries grouped by module, in the library's order. */
export function groupByModule(summaries: MemorySummary[], moduleTitles: Map<number, string>, order: number[]): { moduleId: number; title: string; items: MemorySummary[] }[] {
  const groups = new Map<number, MemorySummary[]>();
  for (const s of summaries) {
    const g = groups.get(s.moduleId) ?? [];
    g.push(s);
    groups.set(s.moduleId, g);
  }
  const rank = (id: number) => {
    const i = order.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a - b)
    .map(([moduleId, items]) => ({
      moduleId,
      title: moduleTitles.get(moduleId) ?? t.memory.unknownModule,
      items: [...items].sort((x, y) => y.updatedAt.localeCompare(x.updatedAt)),
    }));
}

export function MemoryScreen() {
  const { summaries, status, modules } = useAppStore(useShallow((s) => ({ summaries: s.summaries, status: s.memoryStatus, modules: s.modules })));
  const loadMemory = useAppStore((s) => s.loadMemory);
  const loadModules = useAppStore((s) => s.loadModules);
  useEffect(() => {
    void loadMemory();
    void loadModules();
  }, [loadMemory, loadModules]);

  const groups = groupByModule(summaries, new Map(modules.map((m) => [m.id, m.title])), modules.map((m) => m.id));
  return (
    <div className="page">
      <ScreenHeading>{t.memory.title}</ScreenHeading>
      <p className="lead">{t.memory.intro}</p>
      {status === 'loading' ? <Loading /> : null}
      {status === 'ready' && summaries.length === 0 ? <EmptyState>{t.memory.empty}</EmptyState> : null}
      {groups.map((g) => (
        <section key={g.moduleId} aria-labelledby={`memory-module-${g.moduleId}`} className="memory-group">
          <h2 id={`memory-module-${g.moduleId}`}>{t.memory.moduleHeading(g.title)}</h2>
          <ul className="memory-list">
            {g.items.map((m) => (
              <MemoryCard key={m.id} summary={m} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
