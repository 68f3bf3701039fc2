/** The class at a glance: learners × modules, completion per cell, CSV export. */
import { useEffect } from 'react';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { EmptyState, Loading, ScreenHeading } from '../../ui/status.tsx';
import { ScrollTable } from '../../ui/scroll-table.tsx';

export function ClassGridScreen() {
  const grid = useAppStore((s) => s.classGrid);
  const status = useAppStore((s) => s.classGridStatus);
  const load = useAppStore((s) => s.loadClassGrid);
  const exportCsv = useAppStore((s) => s.exportClassGridCsv);
  const openLearner = useAppStore((s) => s.openLearner);
  useEffect(() => {
    void load();
  }, [load]);

  const cells = new Map((grid?.cells ?? []).map((c) => [`${c.userId}:${c.moduleId}`, c]));
  return (
    <div className="page page--wide">
      <ScreenHeading>{t.teacher.gridTitle}</ScreenHeading>
      <p className="lead">{t.teacher.gridIntro}</p>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={!grid || grid.learners.length === 0}>
          {t.teacher.exportCsv}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void load()}>
          {t.common.refresh}
        </button>
      </div>
      {status === 'loading' ? <Loading /> : null}
      {grid && grid.learners.length === 0 ? <EmptyState>{t.teacher.gridEmpty}</EmptyState> : null}
      {grid && grid.learners.length > 0 ? (
        <ScrollTable caption={t.teacher.gridTitle} className="class-grid">
          <thead>
            <tr>
              <th scope="col">{t.teacher.learner}</th>
              {grid.modules.map((m) => (
                <th key={m.id} scope="col" className="class-grid__module">
                  {m.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.learners.map((l) => (
              <tr key={l.id} data-learner-email={l.email}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => void openLearner(l.id)}>
                    {l.name}
                  </button>
                  {!l.isActive ? <span className="badge">{t.teacher.inactive}</span> : null}
                </th>
                {grid.modules.map((m) => {
                  const cell = cells.get(`${l.id}:${m.id}`);
                  const pct = cell?.completionPercentage ?? 0;
                  return (
                    <td key={m.id} className={`class-grid__cell ${cell?.isCompleted ? 'is-complete' : ''}`} style={{ ['--pct' as string]: `${pct}%` }}>
                      <span className="visually-hidden">{cell ? t.teacher.cell(l.name, m.title, pct) : t.teacher.cellNotStarted(l.name, m.title)}</span>
                      <span aria-hidden="true">{cell ? t.common.percent(pct) : '–'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </div>
  );
}
