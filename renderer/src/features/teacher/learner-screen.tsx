/** One learner, read-only, for their teacher: progress, memory and conversations. */
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { EmptyState, Loading, ScreenHeading, formatDateTime } from '../../ui/status.tsx';
import { groupByModule, MemoryCard } from '../memory/memory-screen.tsx';
import { ProgressView } from '../progress/progress-view.tsx';
import { MessageList } from '../tutor/message-list.tsx';

function LearnerConversation() {
  const conv = useAppStore((s) => s.learnerConversation);
  const title = useAppStore((s) => s.learnerDetail?.conversations.find((c) => c.id === s.learnerConversation?.conversationId)?.title ?? '');
  const loadOlder = useAppStore((s) => s.loadOlderLearnerMessages);
  const close = useAppStore((s) => s.closeLearnerConversation);
  if (!conv) return null;
  return (
    <section className="card learner-conversation" aria-labelledby="learner-conv-title">
      <div className="context-panel__header">
        <h3 id="learner-conv-title">
          {title} <span className="badge">{t.tutor.readOnly}</span>
        </h3>
        <button type="button" className="button" onClick={close}>
          {t.teacher.closeConversation}
        </button>
      </div>
      {conv.status === 'loading' ? (
        <Loading />
      ) : (
        <MessageList
          conversationId={conv.conversationId}
          messages={conv.messages}
          hasMore={conv.hasMore}
          loadingOlder={conv.loadingOlder}
          onLoadOlder={() => void loadOlder()}
          label={title}
        />
      )}
    </section>
  );
}

export function LearnerScreen() {
  const detail = useAppStore((s) => s.learnerDetail);
  const status = useAppStore((s) => s.learnerStatus);
  const moduleProgress = useAppStore((s) => s.learnerModuleProgress);
  const loadModule = useAppStore((s) => s.loadLearnerModuleProgress);
  const openConversation = useAppStore((s) => s.openLearnerConversation);
  const navigate = useAppStore((s) => s.navigate);

  const back = (
    <button type="button" className="link-button" onClick={() => navigate({ name: 'teacher-grid' })}>
      ← {t.teacher.backToGrid}
    </button>
  );
  if (status === 'loading' || !detail) {
    return (
      <div className="page">
        {back}
        {status === 'loading' ? <Loading /> : null}
      </div>
    );
  }
  const titles = new Map(detail.overview.modules.map((m) => [m.module.id, m.module.title]));
  const groups = groupByModule(detail.memory, titles, detail.overview.modules.map((m) => m.module.id));
  return (
    <div className="page">
      {back}
      <ScreenHeading>{t.teacher.drilldownTitle(detail.learner.name)}</ScreenHeading>
      <p className="muted">{detail.learner.email}</p>
      <ProgressView overview={detail.overview} moduleProgress={moduleProgress} onExpand={(id) => void loadModule(id)} />

      <section aria-labelledby="learner-conversations">
        <h2 id="learner-conversations">{t.teacher.conversations}</h2>
        {detail.conversations.length === 0 ? <EmptyState>{t.teacher.noConversations}</EmptyState> : null}
        <ul className="plain-list learner-conversations">
          {detail.conversations.map((c) => (
            <li key={c.id}>
              <span>
                {c.title} · {titles.get(c.moduleId) ?? ''} · {c.status === 'finalized' ? t.tutor.finalized : t.tutor.active} · {formatDateTime(c.updatedAt)}
              </span>{' '}
              <button type="button" className="button" onClick={() => void openConversation(c.id)} aria-label={`${t.teacher.openConversation}: ${c.title}`}>
                {t.teacher.openConversation}
              </button>
            </li>
          ))}
        </ul>
        <LearnerConversation />
      </section>

      <section aria-labelledby="learner-memory">
        <h2 id="learner-memory">{t.teacher.memory}</h2>
        {detail.memory.length === 0 ? <EmptyState>{t.teacher.noMemory}</EmptyState> : null}
        {groups.map((g) => (
          <div key={g.moduleId}>
            <h3>{g.title}</h3>
            <ul className="memory-list">
              {g.items.map((m) => (
                <MemoryCard key={m.id} summary={m} readOnly />
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
