import { useTranslation } from 'react-i18next';
import { useFieldError } from './context';
import { describedBy, FieldError } from './fields';

/** One checkbox with its label (and an optional hint); in a group, its error is the group's. */
export function Checkbox({ id, label, checked, onChange, hint, name, groupError }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; name?: string; groupError?: string }) {
  const described = [hint ? `${id}-hint` : '', groupError ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="check">
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={described} aria-invalid={groupError ? true : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export interface Choice {
  code: string;
  label: string;
}

interface GroupProps {
  id: string;
  legend: string;
  /** Name of the field in the API's issue paths (after the form's prefix). */
  name?: string;
  error?: string;
  required?: boolean;
  className?: string;
}

/** The legend of a group, marked when an answer is required: visibly (*) and in words for screen readers. */
function Legend({ legend, required }: { legend: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <legend>
      {legend}
      {required && (
        <>
          <span aria-hidden="true"> *</span>
          <span className="sr-only"> ({t('form.required')})</span>
        </>
      )}
    </legend>
  );
}

/**
 * Several checkboxes under one legend; the value is the list of checked codes. Its error is
 * carried like a field's: named by the group and by each box (aria-describedby, aria-invalid).
 */
export function CheckboxGroup({ id, legend, name, error, required, className, options, value, onChange }: GroupProps & { options: Choice[]; value: string[]; onChange: (v: string[]) => void }) {
  const message = useFieldError(name, { id: `${id}-${options[0]?.code}`, label: legend }, error);
  return (
    <fieldset id={id} className={className ? `check-group ${className}` : 'check-group'} aria-describedby={describedBy(id, undefined, message)}>
      <Legend legend={legend} required={required} />
      <FieldError id={id} error={message} />
      <div className="check-grid">
        {options.map((o) => (
          <Checkbox
            key={o.code}
            id={`${id}-${o.code}`}
            name={name}
            label={o.label}
            checked={value.includes(o.code)}
            onChange={(on) => onChange(on ? [...value, o.code] : value.filter((c) => c !== o.code))}
            groupError={message ? `${id}-error` : undefined}
          />
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Radio buttons side by side (segmented), for a few short choices: a radio group that is marked
 * required and invalid like a field, its error named by the group and by each button.
 */
export function RadioGroup({ id, legend, name, error, required, className, options, value, onChange }: GroupProps & { options: Choice[]; value: string; onChange: (v: string) => void }) {
  const message = useFieldError(name, { id: `${id}-${options[0]?.code}`, label: legend }, error);
  const errorId = message ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      role="radiogroup"
      className={className ? `segmented ${className}` : 'segmented'}
      aria-describedby={describedBy(id, undefined, message)}
      aria-required={required || undefined}
      aria-invalid={message ? true : undefined}
    >
      <Legend legend={legend} required={required} />
      {options.map((o) => (
        <label key={o.code}>
          <input
            id={`${id}-${o.code}`}
            type="radio"
            name={name ?? id}
            value={o.code}
            checked={value === o.code}
            onChange={() => onChange(o.code)}
            required={required}
            aria-describedby={errorId}
          />
          {o.label}
        </label>
      ))}
      <FieldError id={id} error={message} />
    </fieldset>
  );
}
