/**
 * Module and concept authoring for teachers: the module list in teaching order (move up and
 * down), a form for a module's content, and its concepts — answer key included, which only
 * teachers ever see.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Concept, Module } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { Checkbox, FormActions, SaveOrLeave, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { ConfirmButton, EmptyState, Loading, ScreenHeading } from '../../ui/status.tsx';
import {
  changedFields,
  commaList,
  formatKeyTerms,
  formatMisconceptions,
  formatResources,
  lines,
  parseKeyTerms,
  parseMisconceptions,
  parseResources,
} from './authoring-format.ts';
import type { ConceptContent, ModuleContent, ModulePatch } from './teacher-service.ts';

const f = t.teacher.fields;
type Difficulty = Module['difficultyLevel'];

interface ModuleForm {
  slug: string;
  title: string;
  description: string;
  objectives: string;
  estimatedMinutes: string;
  difficultyLevel: Difficulty;
  prerequisites: string;
  resources: string;
  systemPrompt: string;
  modulePrompt: string;
  systemCorpus: string;
  moduleCorpus: string;
  dynamicCorpus: string;
  masteryTriggers: string;
  confusionTriggers: string;
  memoryExtractionPrompt: string;
  isActive: boolean;
  retired: boolean;
}

const blankModule = (): ModuleForm => ({
  slug: '',
  title: '',
  description: '',
  objectives: '',
  estimatedMinutes: '30',
  difficultyLevel: 'beginner',
  prerequisites: '',
  resources: '',
  systemPrompt: '',
  modulePrompt: '',
  systemCorpus: '',
  moduleCorpus: '',
  dynamicCorpus: '',
  masteryTriggers: '',
  confusionTriggers: '',
  memoryExtractionPrompt: '',
  isActive: true,
  retired: false,
});

const moduleToForm = (m: Module): ModuleForm => ({
  slug: m.slug,
  title: m.title,
  description: m.description,
  objectives: m.learningObjectives.join('\n'),
  estimatedMinutes: String(m.estimatedMinutes),
  difficultyLevel: m.difficultyLevel,
  prerequisites: m.prerequisites.join(', '),
  resources: formatResources(m.resources),
  systemPrompt: m.systemPrompt,
  modulePrompt: m.modulePrompt,
  systemCorpus: m.systemCorpus,
  moduleCorpus: m.moduleCorpus,
  dynamicCorpus: m.dynamicCorpus,
  masteryTriggers: m.masteryTriggers.join('\n'),
  confusionTriggers: m.confusionTriggers.join('\n'),
  memoryExtractionPrompt: m.memoryExtractionPrompt,
  isActive: m.isActive,
  retired: m.retiredAt !== null,
});

export function formToModuleContent(form: ModuleForm): ModuleContent {
  return {
    slug: form.slug.trim(),
    title: form.title,
    description: form.description,
    learningObjectives: lines(form.objectives),
    estimatedMinutes: Number.parseInt(form.estimatedMinutes, 10) || 0,
    difficultyLevel: form.difficultyLevel,
    prerequisites: commaList(form.prerequisites),
    resources: parseResources(form.resources),
    systemPrompt: form.systemPrompt,
    modulePrompt: form.modulePrompt,
    systemCorpus: form.systemCorpus,
    moduleCorpus: form.moduleCorpus,
    dynamicCorpus: form.dynamicCorpus,
    masteryTriggers: lines(form.masteryTriggers),
    confusionTriggers: lines(form.confusionTriggers),
    memoryExtractionPrompt: form.memoryExtractionPrompt,
  };
}

function ModuleFormView({ module, onCancel }: { module: Module | null; onCancel: () => void }) {
  const saveModule = useAppStore((s) => s.saveModule);
  const createModule = useAppStore((s) => s.createModule);
  const [form, setForm] = useState<ModuleForm>(() => (module ? moduleToForm(module) : blankModule()));
  const set = <K extends keyof ModuleForm>(key: K) => (value: ModuleForm[K]) => setForm((x) => ({ ...x, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const content = formToModuleContent(form);
    if (!module) {
      // Created: the editor opens the new module (with its concept list) in place of this form.
      if ((await createModule(content)) !== null) onCancel();
      return;
    }
    const original = formToModuleContent(moduleToForm(module));
    const patch: ModulePatch = changedFields(original, content);
    if (form.isActive !== module.isActive) patch.isActive = form.isActive;
    if (form.retired !== (module.retiredAt !== null)) patch.retired = form.retired;
    if (Object.keys(patch).length > 0) await saveModule(module.id, patch);
  }

  return (
    <form className="card authoring-form" onSubmit={(e) => void submit(e)} aria-label={module ? t.teacher.editModule(module.title) : t.teacher.newModule}>
      <h2>{module ? module.title : t.teacher.newModule}</h2>
      <div className="form-grid">
        <TextField label={f.title} value={form.title} onChange={set('title')} required />
        <TextField label={f.slug} value={form.slug} onChange={set('slug')} required />
        <TextField label={f.estimatedMinutes} type="number" min={5} max={600} value={form.estimatedMinutes} onChange={set('estimatedMinutes')} required />
        <SelectField<Difficulty>
          label={f.difficulty}
          value={form.difficultyLevel}
          onChange={set('difficultyLevel')}
          options={(['beginner', 'intermediate', 'advanced'] as const).map((d) => ({ value: d, label: t.library.difficulty[d] ?? d }))}
        />
      </div>
      <TextArea label={f.description} value={form.description} onChange={set('description')} />
      <TextArea label={f.objectives} value={form.objectives} onChange={set('objectives')} rows={4} required />
      <TextField label={f.prerequisites} value={form.prerequisites} onChange={set('prerequisites')} />
      <TextArea label={f.resources} hint={f.resourcesHint} value={form.resources} onChange={set('resources')} rows={3} />
      <details className="authoring-more">
        <summary>{f.systemPrompt}, {f.modulePrompt.toLowerCase()}…</summary>
        <TextArea label={f.systemPrompt} value={form.systemPrompt} onChange={set('systemPrompt')} rows={4} />
        <TextArea label={f.modulePrompt} value={form.modulePrompt} onChange={set('modulePrompt')} rows={3} />
        <TextArea label={f.systemCorpus} value={form.systemCorpus} onChange={set('systemCorpus')} rows={4} />
        <TextArea label={f.moduleCorpus} value={form.moduleCorpus} onChange={set('moduleCorpus')} rows={4} />
        <TextArea label={f.dynamicCorpus} value={form.dynamicCorpus} onChange={set('dynamicCorpus')} rows={3} />
        <TextArea label={f.masteryTriggers} value={form.masteryTriggers} onChange={set('masteryTriggers')} rows={3} />
        <TextArea label={f.confusionTriggers} value={form.confusionTriggers} onChange={set('confusionTriggers')} rows={3} />
        <TextArea label={f.memoryExtractionPrompt} value={form.memoryExtractionPrompt} onChange={set('memoryExtractionPrompt')} rows={3} />
      </details>
      {module ? (
        <div className="form-grid">
          <Checkbox label={f.isActive} checked={form.isActive} onChange={set('isActive')} />
          <Checkbox label={f.retired} checked={form.retired} onChange={set('retired')} />
        </div>
      ) : null}
      <FormActions>
        <SaveOrLeave onLeave={onCancel} leaveLabel={t.common.close} />
      </FormActions>
    </form>
  );
}

interface ConceptForm {
  slug: string;
  title: string;
  explanation: string;
  guidingQuestions: string;
  hint1: string;
  hint2: string;
  hint3: string;
  keyTerms: string;
  misconceptions: string;
  checkQuestion: string;
  checkTerms: string;
  examplePrompt: string;
  retired: boolean;
}

const conceptToForm = (c: Concept | null): ConceptForm => ({
  slug: c?.slug ?? '',
  title: c?.title ?? '',
  explanation: c?.explanation ?? '',
  guidingQuestions: c?.guidingQuestions.join('\n') ?? '',
  hint1: c?.hints[0] ?? '',
  hint2: c?.hints[1] ?? '',
  hint3: c?.hints[2] ?? '',
  keyTerms: c ? formatKeyTerms(c.keyTerms) : '',
  misconceptions: c ? formatMisconceptions(c.misconceptions) : '',
  checkQuestion: c?.checkQuestion ?? '',
  checkTerms: c?.checkTerms.join(', ') ?? '',
  examplePrompt: c?.examplePrompt ?? '',
  retired: c?.retiredAt != null,
});

export function formToConceptContent(form: ConceptForm): ConceptContent {
  return {
    slug: form.slug.trim(),
    title: form.title,
    explanation: form.explanation,
    guidingQuestions: lines(form.guidingQuestions),
    hints: [form.hint1, form.hint2, form.hint3],
    keyTerms: parseKeyTerms(form.keyTerms),
    misconceptions: parseMisconceptions(form.misconceptions),
    checkQuestion: form.checkQuestion,
    checkTerms: commaList(form.checkTerms),
    examplePrompt: form.examplePrompt,
  };
}

function ConceptFormView({ moduleId, concept, onDone }: { moduleId: number; concept: Concept | null; onDone?: () => void }) {
  const { createConcept, updateConcept, deleteConcept } = useAppStore(
    useShallow((s) => ({ createConcept: s.createConcept, updateConcept: s.updateConcept, deleteConcept: s.deleteConcept })),
  );
  const [form, setForm] = useState<ConceptForm>(() => conceptToForm(concept));
  const set = <K extends keyof ConceptForm>(key: K) => (value: ConceptForm[K]) => setForm((x) => ({ ...x, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const content = formToConceptContent(form);
    if (!concept) {
      if (await createConcept(moduleId, content)) {
        setForm(conceptToForm(null));
        onDone?.();
      }
      return;
    }
    const patch: Record<string, unknown> = changedFields(formToConceptContent(conceptToForm(concept)), content);
    if (form.retired !== (concept.retiredAt !== null)) patch.retired = form.retired;
    if (Object.keys(patch).length > 0) await updateConcept(concept.id, patch);
  }

  return (
    <form className="concept-form" onSubmit={(e) => void submit(e)}>
      <div className="form-grid">
        <TextField label={f.title} value={form.title} onChange={set('title')} required />
        <TextField label={f.slug} value={form.slug} onChange={set('slug')} required />
      </div>
      <TextArea label={f.explanation} value={form.explanation} onChange={set('explanation')} rows={3} required />
      <TextArea label={f.guidingQuestions} value={form.guidingQuestions} onChange={set('guidingQuestions')} rows={3} />
      <TextArea label={f.hint(1)} value={form.hint1} onChange={set('hint1')} rows={2} />
      <TextArea label={f.hint(2)} value={form.hint2} onChange={set('hint2')} rows={2} />
      <TextArea label={f.hint(3)} value={form.hint3} onChange={set('hint3')} rows={2} />
      <TextArea label={f.keyTerms} value={form.keyTerms} onChange={set('keyTerms')} rows={4} />
      <TextArea label={f.misconceptions} value={form.misconceptions} onChange={set('misconceptions')} rows={3} />
      <TextArea label={f.checkQuestion} value={form.checkQuestion} onChange={set('checkQuestion')} rows={2} />
      <TextField label={f.checkTerms} value={form.checkTerms} onChange={set('checkTerms')} />
      <TextArea label={f.examplePrompt} value={form.examplePrompt} onChange={set('examplePrompt')} rows={3} />
      {concept ? <Checkbox label={f.retired} checked={form.retired} onChange={set('retired')} /> : null}
      <FormActions>
        <button type="submit" className="button button--primary">
          {concept ? t.teacher.saveConcept : t.teacher.addConcept}
        </button>
        {concept ? (
          <ConfirmButton question={t.teacher.conceptDeleteConfirm} onConfirm={() => void deleteConcept(concept.id)}>
            {t.teacher.deleteConcept}
          </ConfirmButton>
        ) : null}
      </FormActions>
    </form>
  );
}

function ModuleEditor() {
  const editing = useAppStore((s) => s.editingModule);
  const status = useAppStore((s) => s.editingStatus);
  const close = useAppStore((s) => s.closeModuleEditor);
  if (status === 'loading') return <Loading />;
  if (!editing) return null;
  const { module, concepts } = editing;
  return (
    <div className="module-editor">
      <ModuleFormView key={`${module.id}-${module.updatedAt}`} module={module} onCancel={close} />
      <section className="card" aria-labelledby="concepts-editor-title">
        <h2 id="concepts-editor-title">{t.teacher.concepts}</h2>
        {concepts.map((c) => (
          <details key={`${c.id}-${c.updatedAt}`} className="concept-editor">
            <summary>
              {c.title}
              {c.retiredAt ? ` (${t.teacher.retired})` : ''}
            </summary>
            <ConceptFormView moduleId={module.id} concept={c} />
          </details>
        ))}
        <details className="concept-editor">
          <summary>{t.teacher.newConcept}</summary>
          <ConceptFormView moduleId={module.id} concept={null} />
        </details>
      </section>
    </div>
  );
}

export function ModuleEditorScreen() {
  const { modules, status, editingId } = useAppStore(
    useShallow((s) => ({ modules: s.authoringModules, status: s.authoringStatus, editingId: s.editingModule?.module.id ?? null })),
  );
  const { load, open, move, close } = useAppStore(
    useShallow((s) => ({ load: s.loadAuthoringModules, open: s.openModuleEditor, move: s.moveModule, close: s.closeModuleEditor })),
  );
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <ScreenHeading>{t.teacher.editorTitle}</ScreenHeading>
      <p className="lead">{t.teacher.editorIntro}</p>
      <div className="editor-layout">
        <section aria-labelledby="module-list-title" className="editor-layout__list">
          <h2 id="module-list-title">{t.teacher.moduleList}</h2>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              close();
              setCreating(true);
            }}
          >
            {t.teacher.newModule}
          </button>
          {status === 'loading' ? <Loading /> : null}
          <ol className="authoring-list">
            {modules.map((m, i) => (
              <li key={m.id} className={m.id === editingId ? 'is-active' : ''}>
                <span className="authoring-list__title">
                  {m.title}
                  {m.retiredAt ? <span className="badge">{t.teacher.retired}</span> : null}
                  {!m.isActive ? <span className="badge">{t.teacher.hidden}</span> : null}
                  {m.editedLocally ? <span className="badge">{t.teacher.editedLocally}</span> : null}
                </span>
                <span className="authoring-list__actions">
                  <button type="button" className="icon-button" aria-label={t.teacher.moveUp(m.title)} disabled={i === 0} onClick={() => void move(m.id, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" aria-label={t.teacher.moveDown(m.title)} disabled={i === modules.length - 1} onClick={() => void move(m.id, 1)}>
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={t.teacher.editModule(m.title)}
                    onClick={() => {
                      setCreating(false);
                      void open(m.id);
                    }}
                  >
                    {t.common.edit}
                  </button>
                </span>
              </li>
            ))}
          </ol>
        </section>
        <div className="editor-layout__main">
          {creating ? <ModuleFormView module={null} onCancel={() => setCreating(false)} /> : <ModuleEditor />}
          {!creating && editingId === null && status === 'ready' ? <EmptyState>{t.teacher.selectModule}</EmptyState> : null}
        </div>
      </div>
    </div>
  );
}
