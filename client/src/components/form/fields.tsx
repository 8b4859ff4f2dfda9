import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useFieldError } from './context';

interface FieldBase {
  id: string;
  label: string;
  /** Name of the field in the API's issue paths (after the form's prefix), e.g. `email`. */
  name?: string;
  /** An error not taken from the form's API error. */
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
}

/** What a control needs to be announced with its hint and error. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  );
}

/** Label, hint, the control and its error, wired for screen readers. */
function FieldShell({ id, label, hint, required, className, error, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

const aria = (id: string, hint?: string, error?: string) => ({ 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) });

/** `value` and `onChange` may be left out only where the input is not controlled (a file input). */
type InputProps = FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange' | 'className'> & { value?: string; onChange?: (v: string) => void };

export function TextField({ id, label, name, error, hint, required, className, value, onChange, ...rest }: InputProps) {
  const message = useFieldError(name, { id, label }, error);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} className={className} error={message}>
      <input id={id} value={value} required={required} {...rest} {...aria(id, hint, message)} onChange={onChange && ((e) => onChange(e.target.value))} />
    </FieldShell>
  );
}

type TextAreaProps = FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'value' | 'onChange' | 'className'> & { value: string; onChange: (v: string) => void };

export function TextAreaField({ id, label, name, error, hint, required, className, value, onChange, ...rest }: TextAreaProps) {
  const message = useFieldError(name, { id, label }, error);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} className={className} error={message}>
      <textarea id={id} value={value} required={required} {...rest} {...aria(id, hint, message)} onChange={(e) => onChange(e.target.value)} />
    </FieldShell>
  );
}

type SelectProps = FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'value' | 'onChange' | 'className'> & { value: string | number; onChange: (v: string) => void; children: ReactNode };

export function SelectField({ id, label, name, error, hint, required, className, value, onChange, children, ...rest }: SelectProps) {
  const message = useFieldError(name, { id, label }, error);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} className={className} error={message}>
      <select id={id} value={value} required={required} {...rest} {...aria(id, hint, message)} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </FieldShell>
  );
}
