/** Form fields with their labels, hints and ids wired up for assistive technology. */
import { useId, type ChangeEvent, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';

interface BaseProps {
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {required ? <span className="field__required"> ({t.common.required})</span> : null}
    </label>
  );
}

/**
 * The parts every labelled field shares: the wrapper, the label, and the hint the control points
 * at with aria-describedby. The control itself comes from `children(id, describedBy)`.
 */
function Field({
  label,
  hint,
  required,
  className,
  children,
}: BaseProps & { children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={`field ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      {children(id, hint ? hintId : undefined)}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  required,
  className,
  value,
  onChange,
  type = 'text',
  autoComplete,
  min,
  max,
  name,
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number';
  autoComplete?: string;
  min?: number;
  max?: number;
  name?: string;
}) {
  return (
    <Field label={label} hint={hint} required={required} className={className}>
      {(id, describedBy) => (
        <input
          id={id}
          name={name}
          type={type}
          value={value}
          required={required}
          autoComplete={autoComplete}
          min={min}
          max={max}
          aria-describedby={describedBy}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextArea({
  label,
  hint,
  required,
  className,
  value,
  onChange,
  rows = 3,
}: BaseProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <Field label={label} hint={hint} required={required} className={className}>
      {(id, describedBy) => (
        <textarea
          id={id}
          value={value}
          rows={rows}
          required={required}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>({
  label,
  hint,
  className,
  value,
  onChange,
  options,
}: BaseProps & { value: V; onChange: (value: V) => void; options: { value: V; label: string }[] }) {
  return (
    <Field label={label} hint={hint} className={className}>
      {(id, describedBy) => (
        <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A single choice among a few options, as radio buttons; `null` means no answer. */
export function RadioGroup<V extends string>({
  legend,
  hint,
  value,
  onChange,
  options,
  allowNone,
}: {
  legend: string;
  hint?: string;
  value: V | null;
  onChange: (value: V | null) => void;
  options: { value: V; label: string; hint?: string }[];
  /** Offer a "No answer" choice so a chosen answer can be taken back. */
  allowNone?: string;
}) {
  const name = useId();
  return (
    <fieldset className="radio-group">
      <legend>{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {options.map((o) => (
        <label key={o.value} className="radio-group__option">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>
            {o.label}
            {o.hint ? <span className="field__hint radio-group__hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
      {allowNone ? (
        <label className="radio-group__option">
          <input type="radio" name={name} value="" checked={value === null} onChange={() => onChange(null)} />
          <span>{allowNone}</span>
        </label>
      ) : null}
    </fieldset>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** A form's Save (its submit button) and the button that leaves it without saving. */
export function SaveOrLeave({ onLeave, leaveLabel = t.common.cancel }: { onLeave: () => void; leaveLabel?: string }) {
  return (
    <>
      <button type="submit" className="button button--primary">
        {t.common.save}
      </button>
      <button type="button" className="button" onClick={onLeave}>
        {leaveLabel}
      </button>
    </>
  );
}

/**
 * Tells a password manager whose password a form sets: browsers look for a username field
 * beside a password, and without one they cannot file it (Chrome warns about such forms).
 */
export function HiddenUsername({ value }: { value: string }) {
  return <input type="text" name="username" autoComplete="username" value={value} readOnly hidden />;
}
