/** The module library: objectives, estimated time, progress per module, and "continue". */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModuleSummary } from '../../../../src/shared/contract/index.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { EmptyState, Loading, ProgressBar, ScreenHeading } from '../../ui/status.tsx';

interface ModuleStanding {
  completion: number;
  mastered: number;
  completed: boolean;
  started: boolean;
}

function ModuleCard({ module, standing, onOpen }: { module: ModuleSummary; standing: ModuleStanding | undefined; onOpen: (id: number) => void }) {
  const headingId = `module-${module.id}-title`;
  const started = standing?.started ?? false;
  return (
    <li className="card module-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="module-card__title">
        {module.title}
      </h2>
      <p className="module-card__meta">
        <span>{t.library.estimated(module.estimatedMinutes)}</span>
        <span>{t.library.difficulty[module.difficultyLevel] ?? module.difficultyLevel}</span>
        <span>{t.library.concepts(module.conceptCount)}</span>
      </p>
      <p>{module.description}</p>
      {module.learningObjectives.length > 0 ? (
        <>
          <h3 className="module-card__subtitle">{t.library.objectives}</h3>
          <ul className="module-card__objectives">
            {module.learningObjectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="module-card__progress">
        <ProgressBar value={standing?.completion ?? 0} label={t.library.progressLabel(module.title)} />
        <p className="muted">
          {standing?.completed
            ? t.library.completed
            : started
              ? `${t.common.percent(standing?.completion ?? 0)} · ${t.library.conceptsMastered(standing?.mastered ?? 0, module.conceptCount)}`
              : t.library.notStarted}
        </p>
      </div>
      <button type="button" className="button button--primary" onClick={() => onOpen(module.id)} aria-describedby={headingId}>
        {started ? t.library.open : t.library.start}
      </button>
    </li>
  );
}

export function LibraryScreen() {
  const { modules, modulesStatus, overview } = useAppStore(useShallow((s) => ({ modules: s.modules, modulesStatus: s.modulesStatus, overview: s.overview })));
  const loadModules = useAppStore((s) => s.loadModules);
  const loadOverview = useAppStore((s) => s.loadOverview);
  const navigate = useAppStore((s) => s.navigate);

  useEffect(() => {
    void loadModules();
    void loadOverview();
  }, [loadModules, loadOverview]);

  const standing = new Map<number, ModuleStanding>();
  for (const row of overview?.modules ?? []) {
    standing.set(row.module.id, {
      completion: row.progress?.completionPercentage ?? 0,
      mastered: row.conceptsMastered,
      completed: row.progress?.isCompleted ?? false,
      started: row.progress !== null,
    });
  }
  const continueId = overview?.totals.continueModuleId ?? null;
  const continueModule = continueId === null ? undefined : modules.find((m) => m.id === continueId);
  const open = (moduleId: number) => navigate({ name: 'tutor', moduleId });

  return (
    <div className="page">
      <ScreenHeading>{t.library.title}</ScreenHeading>
      <p className="lead">{t.library.intro}</p>
      {continueModule ? (
        <section className="card continue-card" aria-labelledby="continue-title">
          <h2 id="continue-title">{t.library.continueTitle}</h2>
          <p>{continueModule.title}</p>
          <button type="button" className="button button--primary" onClick={() => open(continueModule.id)}>
            {t.library.continueAction(continueModule.title)}
          </button>
        </section>
      ) : null}
      {modulesStatus === 'loading' && modules.length === 0 ? <Loading /> : null}
      {modulesStatus === 'ready' && modules.length === 0 ? <EmptyState>{t.library.empty}</EmptyState> : null}
      <ul className="module-grid">
        {modules.map((m) => (
          <ModuleCard key={m.id} module={m} standing={standing.get(m.id)} onOpen={open} />
        ))}
      </ul>
    </div>
  );
}
