import type { ReactNode } from 'react';

/** Small accessible form controls for the provider screens: every control has a label and shows the server's message. */

export function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  );
}

export function Check({ id, label, checked, onChange, hint }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export function CheckGroup({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  required,
}: {
  id: string;
  legend: string;
  options: { code: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  required?: boolean;
}) {
  return (
    <fieldset className="check-group" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend>
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      <ErrorText id={id} error={error} />
      <div className="check-grid">
        {options.map((o) => (
          <Check
            key={o.code}
            id={`${id}-${o.code}`}
            label={o.label}
            checked={value.includes(o.code)}
            onChange={(on) => onChange(on ? [...value, o.code] : value.filter((c) => c !== o.code))}
          />
        ))}
      </div>
    </fieldset>
  );
}

export function Select({
  id,
  label,
  value,
  onChange,
  children,
  error,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  error?: string;
  required?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <select id={id} value={value} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      <ErrorText id={id} error={error} />
    </div>
  );
}

export function TextArea({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={4} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.value)} />
      <ErrorText id={id} error={error} />
    </div>
  );
}
