/** Content packs: export an installed pack as JSON; import a pack file and show main's report. */
import { useEffect, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { DefinitionList, type DefinitionRow } from '../../ui/definition-list.tsx';
import { EmptyState, Loading, ScreenHeading, formatDateTime } from '../../ui/status.tsx';
import type { ImportReport } from './teacher-slice.ts';

const r = t.teacher.report;

function Report({ report }: { report: ImportReport }) {
  const list = (items: string[]) => (items.length ? items.join(', ') : t.common.none);
  const rows: DefinitionRow[] = [
    [r.status, `${report.packKey}: ${r.statuses[report.status] ?? report.status}`],
    [r.version, r.versionChange(report.fromVersion, report.toVersion)],
    [r.modulesAdded, list(report.modulesAdded)],
    [r.modulesUpdated, list(report.modulesUpdated)],
    [r.modulesRetired, list(report.modulesRetired)],
    [r.concepts, r.conceptCounts(report.conceptsAdded, report.conceptsUpdated, report.conceptsRetired)],
    [r.skipped, list(report.skippedEditedModules)],
  ];
  return (
    <div aria-live="polite">
      <h3>{t.teacher.importReport}</h3>
      <DefinitionList rows={rows} compact />
    </div>
  );
}

export function PacksScreen() {
  const { packs, packsStatus, report, unavailable, busy } = useAppStore(
    useShallow((s) => ({ packs: s.packs, packsStatus: s.packsStatus, report: s.packReport, unavailable: s.packsUnavailable, busy: s.packBusy })),
  );
  const { loadPacks, exportPack, importPack, notify } = useAppStore(
    useShallow((s) => ({ loadPacks: s.loadPacks, exportPack: s.exportPack, importPack: s.importPack, notify: s.notify })),
  );
  const [inputKey, setInputKey] = useState(0);
  useEffect(() => {
    void loadPacks();
  }, [loadPacks]);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    let pack: unknown;
    try {
      pack = JSON.parse(await file.text());
    } catch {
      notify('error', t.errors.invalidFile);
      return;
    } finally {
      setInputKey((k) => k + 1);
    }
    await importPack(pack);
  }

  return (
    <div className="page">
      <ScreenHeading>{t.teacher.packsTitle}</ScreenHeading>
      <p className="lead">{t.teacher.packsIntro}</p>
      {unavailable ? <p className="notice">{t.teacher.packsUnavailable}</p> : null}
      <section className="card" aria-labelledby="installed-packs-title">
        <h2 id="installed-packs-title">{t.teacher.installedPacks}</h2>
        {packsStatus === 'loading' ? <Loading /> : null}
        {packsStatus === 'ready' && packs.length === 0 ? <EmptyState>{t.teacher.noPacks}</EmptyState> : null}
        <ul className="plain-list">
          {packs.map((p) => (
            <li key={p.id} className="pack-row">
              <span>
                <strong>{p.title}</strong> <span className="muted">({p.packKey})</span>
                {p.description ? (
                  <>
                    <br />
                    {p.description}
                  </>
                ) : null}
                <br />
                <span className="muted">
                  {t.teacher.packVersion(p.version, p.language)} · {t.teacher.packImportedAt(formatDateTime(p.importedAt))}
                </span>
              </span>
              <button type="button" className="button" onClick={() => void exportPack(p.packKey)} disabled={busy} aria-label={t.teacher.exportThisPack(p.title)}>
                {t.teacher.exportShort}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="import-pack-title">
        <h2 id="import-pack-title">{t.teacher.importPack}</h2>
        <div className="field">
          <label htmlFor="pack-file" className="field__label">
            {t.teacher.importFile}
          </label>
          <input key={inputKey} id="pack-file" type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} disabled={busy} />
        </div>
        {busy ? <p role="status">{t.teacher.importing}</p> : null}
        {report ? <Report report={report} /> : null}
      </section>
    </div>
  );
}
