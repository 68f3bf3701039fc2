/** The learner's own progress. */
import { useEffect } from 'react';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { Loading, ScreenHeading } from '../../ui/status.tsx';
import { ProgressView } from './progress-view.tsx';

export function ProgressScreen() {
  const overview = useAppStore((s) => s.overview);
  const status = useAppStore((s) => s.overviewStatus);
  const moduleProgress = useAppStore((s) => s.moduleProgress);
  const loadOverview = useAppStore((s) => s.loadOverview);
  const loadModuleProgress = useAppStore((s) => s.loadModuleProgress);
  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);
  return (
    <div className="page">
      <ScreenHeading>{t.progress.title}</ScreenHeading>
      {status === 'loading' && !overview ? <Loading /> : null}
      {overview ? <ProgressView overview={overview} moduleProgress={moduleProgress} onExpand={(id) => void loadModuleProgress(id)} /> : null}
    </div>
  );
}
