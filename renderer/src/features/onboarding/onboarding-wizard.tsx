/**
 * The onboarding survey as a short wizard: one topic per step, a progress indicator, back and
 * next, and skip (saved as completed with every answer empty). The same wizard edits the
 * answers later from Settings.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { OnboardingAnswers } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { RadioGroup, TextArea, TextField } from '../../ui/fields.tsx';
import { DefinitionList, type DefinitionRow } from '../../ui/definition-list.tsx';
import { ScreenHeading } from '../../ui/status.tsx';
import { answersOf } from './onboarding-slice.ts';

type Form = {
  [K in keyof OnboardingAnswers]: K extends 'priorExperience' ? string : OnboardingAnswers[K] extends string | null ? string | null : OnboardingAnswers[K];
};

const TEXT_FIELDS = ['goals', 'backgroundInfo', 'reason', 'ageOrGrade', 'learningNotes'] as const;

function toForm(a: OnboardingAnswers): Form {
  return { ...a, priorExperience: a.priorExperience.join('\n') } as Form;
}

/** Empty text becomes null: "not answered" rather than an empty answer. */
export function toAnswers(f: Form): OnboardingAnswers {
  const out = { ...f, priorExperience: f.priorExperience.split('\n').map((l) => l.trim()).filter(Boolean) } as unknown as OnboardingAnswers;
  for (const key of TEXT_FIELDS) {
    const v = (f[key] ?? '').trim();
    (out as Record<string, unknown>)[key] = v === '' ? null : v;
  }
  return out;
}

type StepId = keyof typeof t.onboarding.steps;
const STEPS: StepId[] = ['why', 'style', 'background', 'time', 'notes'];

function opts<K extends keyof typeof t.onboarding.options>(key: K) {
  const labels = t.onboarding.options[key] as Record<string, string>;
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export function OnboardingWizard({ mode }: { mode: 'first' | 'edit' }) {
  const survey = useAppStore((s) => s.survey);
  const saving = useAppStore((s) => s.onboardingSaving);
  const save = useAppStore((s) => s.saveOnboarding);
  const skip = useAppStore((s) => s.skipOnboarding);
  const navigate = useAppStore((s) => s.navigate);
  const showPrivacy = useAppStore((s) => s.appInfo?.usageMode === 'classroom' && s.user?.role === 'learner');
  const [form, setForm] = useState<Form>(() => toForm(answersOf(survey)));
  const [step, setStep] = useState(0);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: (typeof TEXT_FIELDS)[number]) => form[key] ?? '';
  const last = step === STEPS.length - 1;
  const stepId = STEPS[step] ?? 'why';

  async function next(e: FormEvent) {
    e.preventDefault();
    if (last) {
      const ok = await save(toAnswers(form), true);
      if (ok && mode === 'edit') navigate({ name: 'settings' });
      return;
    }
    // Keep part-way answers, so closing the app mid-survey loses nothing.
    if (mode === 'first') void save(toAnswers(form), false);
    setStep((s) => s + 1);
  }

  const Wrapper = mode === 'first' ? FirstRunPage : ShellPage;
  return (
    <Wrapper>
      <form className="card wizard" onSubmit={(e) => void next(e)} aria-labelledby="onboarding-title">
        <ScreenHeading id="onboarding-title">{mode === 'first' ? t.onboarding.title : t.onboarding.editTitle}</ScreenHeading>
        {step === 0 ? <p>{t.onboarding.intro}</p> : null}
        {step === 0 && showPrivacy ? (
          <p className="notice" role="note">
            {t.onboarding.privacyNotice}
          </p>
        ) : null}

        <div className="wizard__progress">
          <p id="wizard-step" className="wizard__step-label">
            {t.onboarding.progress(step + 1, STEPS.length)}
          </p>
          <ol className="wizard__steps" aria-labelledby="wizard-step">
            {STEPS.map((id, i) => (
              <li key={id} className={i === step ? 'is-current' : i < step ? 'is-done' : ''} aria-current={i === step ? 'step' : undefined}>
                {t.onboarding.steps[id]}
              </li>
            ))}
          </ol>
          <progress max={STEPS.length} value={step + 1} aria-labelledby="wizard-step" />
        </div>

        <h2>{t.onboarding.steps[stepId]}</h2>
        {stepId === 'why' && (
          <>
            <TextArea label={t.onboarding.fields.reason} value={text('reason')} onChange={set('reason')} />
            <TextArea label={t.onboarding.fields.goals} value={text('goals')} onChange={set('goals')} />
            <RadioGroup
              legend={t.onboarding.fields.motivationLevel}
              value={form.motivationLevel}
              onChange={set('motivationLevel') as (v: string | null) => void}
              options={opts('motivationLevel')}
              allowNone={t.onboarding.noAnswer}
            />
          </>
        )}
        {stepId === 'style' && (
          <>
            <RadioGroup
              legend={t.onboarding.fields.learningStyle}
              hint={t.onboarding.fields.learningStyleHint}
              value={form.learningStyle}
              onChange={set('learningStyle') as (v: string | null) => void}
              options={opts('learningStyle')}
              allowNone={t.onboarding.noAnswer}
            />
            <RadioGroup
              legend={t.onboarding.fields.interactionPreference}
              value={form.interactionPreference}
              onChange={set('interactionPreference') as (v: string | null) => void}
              options={opts('interactionPreference')}
              allowNone={t.onboarding.noAnswer}
            />
          </>
        )}
        {stepId === 'background' && (
          <>
            <RadioGroup
              legend={t.onboarding.fields.familiarity}
              value={form.familiarity}
              onChange={set('familiarity') as (v: string | null) => void}
              options={opts('familiarity')}
              allowNone={t.onboarding.noAnswer}
            />
            <TextArea
              label={t.onboarding.fields.priorExperience}
              hint={t.onboarding.fields.priorExperienceHint}
              value={form.priorExperience}
              onChange={set('priorExperience')}
            />
            <TextArea label={t.onboarding.fields.backgroundInfo} value={text('backgroundInfo')} onChange={set('backgroundInfo')} />
            <TextField label={t.onboarding.fields.ageOrGrade} value={text('ageOrGrade')} onChange={set('ageOrGrade')} />
          </>
        )}
        {stepId === 'time' && (
          <>
            <RadioGroup
              legend={t.onboarding.fields.preferredPace}
              value={form.preferredPace}
              onChange={set('preferredPace') as (v: string | null) => void}
              options={opts('preferredPace')}
              allowNone={t.onboarding.noAnswer}
            />
            <RadioGroup
              legend={t.onboarding.fields.timeAvailability}
              value={form.timeAvailability}
              onChange={set('timeAvailability') as (v: string | null) => void}
              options={opts('timeAvailability')}
              allowNone={t.onboarding.noAnswer}
            />
          </>
        )}
        {stepId === 'notes' && <TextArea label={t.onboarding.fields.learningNotes} value={text('learningNotes')} onChange={set('learningNotes')} rows={4} />}

        <div className="form-actions wizard__actions">
          {step > 0 ? (
            <button type="button" className="button" onClick={() => setStep((s) => s - 1)} disabled={saving}>
              {t.onboarding.back}
            </button>
          ) : null}
          <button type="submit" className="button button--primary" disabled={saving}>
            {last ? t.onboarding.finish : t.onboarding.next}
          </button>
          {mode === 'first' ? (
            <button type="button" className="button button--quiet" onClick={() => void skip()} disabled={saving} aria-describedby="skip-hint">
              {t.onboarding.skip}
            </button>
          ) : (
            <button type="button" className="button button--quiet" onClick={() => navigate({ name: 'settings' })}>
              {t.common.cancel}
            </button>
          )}
        </div>
        {mode === 'first' ? (
          <p id="skip-hint" className="field__hint">
            {t.onboarding.skipHint}
          </p>
        ) : null}
      </form>
    </Wrapper>
  );
}

/** Before the app shell exists the wizard is the page's main landmark; inside it, a page. */
function FirstRunPage({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      {children}
    </main>
  );
}
function ShellPage({ children }: { children: ReactNode }) {
  return <div className="page">{children}</div>;
}

/** The answers as a read-only list, for Settings. */
export function OnboardingSummary() {
  const survey = useAppStore((s) => s.survey);
  const a = answersOf(survey);
  const label = (group: keyof typeof t.onboarding.options, v: string | null) =>
    v === null ? t.onboarding.notAnswered : ((t.onboarding.options[group] as Record<string, string>)[v] ?? v);
  const plain = (v: string | null) => (v === null || v === '' ? t.onboarding.notAnswered : v);
  const rows: DefinitionRow[] = [
    [t.onboarding.fields.reason, plain(a.reason)],
    [t.onboarding.fields.goals, plain(a.goals)],
    [t.onboarding.fields.motivationLevel, label('motivationLevel', a.motivationLevel)],
    [t.onboarding.fields.learningStyle, label('learningStyle', a.learningStyle)],
    [t.onboarding.fields.interactionPreference, label('interactionPreference', a.interactionPreference)],
    [t.onboarding.fields.familiarity, label('familiarity', a.familiarity)],
    [t.onboarding.fields.priorExperience, a.priorExperience.length ? a.priorExperience.join(', ') : t.onboarding.notAnswered],
    [t.onboarding.fields.backgroundInfo, plain(a.backgroundInfo)],
    [t.onboarding.fields.ageOrGrade, plain(a.ageOrGrade)],
    [t.onboarding.fields.preferredPace, label('preferredPace', a.preferredPace)],
    [t.onboarding.fields.timeAvailability, label('timeAvailability', a.timeAvailability)],
    [t.onboarding.fields.learningNotes, plain(a.learningNotes)],
  ];
  return <DefinitionList rows={rows} />;
}
