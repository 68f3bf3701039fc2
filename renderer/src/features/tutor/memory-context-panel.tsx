/**
 * What the tutor used for a reply (messages:context) or would use now (memory:context): the
 * four memory layers — about the learner, this module with mastery, this conversation, and
 * what they worked out in other modules — plus, for a reply, what the tutor did.
 */
import { useEffect, useRef } from 'react';
import type { MemoryContextView } from '../../../../src/shared/contract/index.ts';
import { t } from '../../i18n/index.ts';
import { DefinitionList, type DefinitionRow } from '../../ui/definition-list.tsx';
import { Loading } from '../../ui/status.tsx';
import type { ContextPanelState, ReplyAnalysis } from './tutor-slice.ts';

const f = t.onboarding.fields;
const options = t.onboarding.options as Record<string, Record<string, string>>;

function profileRows(p: MemoryContextView['profile']): DefinitionRow[] {
  const choice = (group: string, v: string | null) => (v === null ? null : (options[group]?.[v] ?? v));
  const rows: DefinitionRow[] = [
    [t.tutor.profileName, p.name],
    [f.goals, p.goals],
    [f.reason, p.reason],
    [f.backgroundInfo, p.backgroundInfo],
    [f.familiarity, choice('familiarity', p.familiarity)],
    [f.preferredPace, choice('preferredPace', p.preferredPace)],
    [f.interactionPreference, choice('interactionPreference', p.interactionPreference)],
    [f.learningStyle, choice('learningStyle', p.learningStyle)],
    [t.tutor.overallCompletion, t.common.percent(p.overallCompletion)],
  ];
  // An empty answer says nothing about the learner either.
  return rows.map(([label, value]) => [label, value === '' ? null : value]);
}

function Analysis({ analysis }: { analysis: ReplyAnalysis }) {
  return (
    <section>
      <h3>{t.tutor.analysisTitle}</h3>
      <DefinitionList
        compact
        rows={[
          [t.tutor.analysisMove, t.tutor.moves[analysis.move] ?? analysis.move],
          [t.tutor.analysisConcept, analysis.conceptTitle || null],
        ]}
      />
      {analysis.masteredNow ? <p className="notice">{t.tutor.analysisMastered}</p> : null}
      {analysis.hintGiven ? <p className="muted">{t.tutor.analysisHint}</p> : null}
    </section>
  );
}

function Layers({ view }: { view: MemoryContextView }) {
  const nothing = <p className="muted">{t.tutor.memoryNothing}</p>;
  return (
    <>
      <section>
        <h3>{t.tutor.memoryProfile}</h3>
        <DefinitionList rows={profileRows(view.profile)} compact />
      </section>
      <section>
        <h3>
          {t.tutor.memoryModule}: {view.module.title}
        </h3>
        {view.module.concepts.length ? (
          <ul className="plain-list">
            {view.module.concepts.map((c) => (
              <li key={c.id} className={c.focus ? 'context-focus' : undefined}>
                {c.mastered ? '✓ ' : ''}
                {c.title} — {c.mastered ? t.tutor.conceptMastered : c.mastery > 0 ? t.tutor.conceptInProgress(c.mastery * 100) : t.tutor.conceptNotStarted}
                {c.focus ? <span className="badge">{t.tutor.memoryFocus}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          nothing
        )}
      </section>
      <section>
        <h3>{t.tutor.memoryConversation}</h3>
        {view.conversation.rollingSummary ? (
          <>
            <h4>{t.tutor.memoryRollingSummary}</h4>
            <p>{view.conversation.rollingSummary}</p>
          </>
        ) : null}
        <h4>{t.tutor.memoryRecentTurns}</h4>
        {view.conversation.recentTurns.length ? (
          <ol className="plain-list context-turns">
            {view.conversation.recentTurns.map((turn, i) => (
              <li key={i}>
                <strong>{turn.role === 'user' ? t.tutor.you : t.tutor.tutorName}:</strong> {turn.content}
              </li>
            ))}
          </ol>
        ) : (
          nothing
        )}
      </section>
      <section>
        <h3>{t.tutor.memoryPrior}</h3>
        {view.priorKnowledge.length ? (
          <ul className="plain-list">
            {view.priorKnowledge.map((p) => (
              <li key={p.summaryId}>
                <strong>{p.moduleTitle}</strong>: {p.whatLearned}
                {p.keyConcepts.length ? ` (${p.keyConcepts.join(', ')})` : ''} — {t.memory.levels[p.understandingLevel] ?? p.understandingLevel}
                {p.usedInReply ? <span className="badge">{t.tutor.memoryUsedInReply}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          nothing
        )}
      </section>
      <p className="muted">{t.tutor.memoryBudget(view.budget.dynamicChars, view.budget.limitChars, view.budget.droppedPriorItems)}</p>
    </>
  );
}

export function MemoryContextPanel({ panel, onClose }: { panel: ContextPanelState; onClose: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [panel.mode, panel.messageId]);
  return (
    <aside className="context-panel" aria-labelledby="context-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="context-panel__header">
        <h2 id="context-title" ref={headingRef} tabIndex={-1}>
          {panel.mode === 'reply' ? t.tutor.memoryPanelTitle : t.tutor.memoryPanelNow}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
      {panel.status === 'loading' ? <Loading /> : null}
      {panel.unavailable ? <p className="notice">{t.tutor.memoryUnavailable}</p> : null}
      {panel.analysis ? <Analysis analysis={panel.analysis} /> : null}
      {panel.status === 'ready' && !panel.unavailable && !panel.view ? <p className="muted">{t.tutor.memoryNothing}</p> : null}
      {panel.view ? <Layers view={panel.view} /> : null}
    </aside>
  );
}
