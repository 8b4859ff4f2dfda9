import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField } from '../../components/form';
import { api, ApiError } from '../../lib/api';

/**
 * "Forgot password": without a token, asks for the e-mail address and sends the link (the answer
 * is the same whether the account exists); with `#token=…` from that mail, sets the new password.
 */
export default function PasswordResetPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // the button stays focusable while busy (aria-disabled): a second press does nothing
    if (busy) return;
    setError(null);
    setMismatch(false);
    if (token && password !== repeat) return setMismatch(true);
    setBusy(true);
    try {
      if (token) await api('POST', '/api/v1/auth/password-reset/complete', { token, password });
      else await api('POST', '/api/v1/auth/password-reset', { email: email.trim() });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1>{token ? t('auth.reset.titleSet') : t('auth.reset.titleRequest')}</h1>
      {done ? (
        <p role="status">{token ? t('auth.reset.doneSet') : t('auth.reset.doneRequest')}</p>
      ) : (
        <Form onSubmit={submit} error={error}>
          <p>{token ? t('auth.reset.introSet') : t('auth.reset.introRequest')}</p>
          {token ? (
            <>
              <TextField id="reset-password" name="password" label={t('auth.reset.password')} type="password" autoComplete="new-password" required value={password} onChange={setPassword} hint={t('auth.reset.passwordHint')} />
              <TextField id="reset-repeat" label={t('auth.reset.repeat')} type="password" autoComplete="new-password" required value={repeat} onChange={setRepeat} error={mismatch ? t('auth.reset.mismatch') : undefined} />
            </>
          ) : (
            <TextField id="reset-email" name="email" label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={setEmail} />
          )}
          {error?.fieldMessage('body.token') ? <ErrorAlert error={error} text={t('auth.reset.badToken')} /> : <ErrorAlert error={error} fieldsInline />}
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {token ? t('auth.reset.submitSet') : t('auth.reset.submitRequest')}
          </button>
        </Form>
      )}
      <p>
        <Link to="/">{t('auth.reset.toLogin')}</Link>
      </p>
    </main>
  );
}
