import { useFieldError } from './context';
import { describedBy, FieldError } from './fields';

/** One checkbox with its label (and an optional hint). */
export function Checkbox({ id, label, checked, onChange, hint, name }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; name?: string }) {
  return (
    <div className="check">
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
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

/** Several checkboxes under one legend; the value is the list of checked codes. */
export function CheckboxGroup({ id, legend, name, error, required, className, options, value, onChange }: GroupProps & { options: Choice[]; value: string[]; onChange: (v: string[]) => void }) {
  const message = useFieldError(name, { id: `${id}-${options[0]?.code}`, label: legend }, error);
  return (
    <fieldset id={id} className={className ? `check-group ${className}` : 'check-group'} aria-describedby={describedBy(id, undefined, message)}>
      <legend>
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
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
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Radio buttons side by side (segmented), for a few short choices. */
export function RadioGroup({ id, legend, name, error, required, className, options, value, onChange }: GroupProps & { options: Choice[]; value: string; onChange: (v: string) => void }) {
  const message = useFieldError(name, { id: `${id}-${options[0]?.code}`, label: legend }, error);
  return (
    <fieldset id={id} className={className ? `segmented ${className}` : 'segmented'} aria-describedby={describedBy(id, undefined, message)}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.code}>
          <input id={`${id}-${o.code}`} type="radio" name={name ?? id} value={o.code} checked={value === o.code} onChange={() => onChange(o.code)} required={required} />
          {o.label}
        </label>
      ))}
      <FieldError id={id} error={message} />
    </fieldset>
  );
}
