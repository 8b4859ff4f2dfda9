interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The server's message for this field; shown beside it and linked for screen readers. */
  error?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  hint?: string;
}

export function Field({ id, label, value, onChange, error, type = 'text', required, autoComplete, hint }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
