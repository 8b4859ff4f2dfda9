import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../components/Field';
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
        <form onSubmit={submit} noValidate>
          <p>{token ? t('auth.reset.introSet') : t('auth.reset.introRequest')}</p>
          {token ? (
            <>
              <Field id="reset-password" label={t('auth.reset.password')} type="password" autoComplete="new-password" required value={password} onChange={setPassword} hint={t('auth.reset.passwordHint')} error={error?.fieldMessage('body.password')} />
              <Field id="reset-repeat" label={t('auth.reset.repeat')} type="password" autoComplete="new-password" required value={repeat} onChange={setRepeat} error={mismatch ? t('auth.reset.mismatch') : undefined} />
            </>
          ) : (
            <Field id="reset-email" label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={setEmail} error={error?.fieldMessage('body.email')} />
          )}
          {error && (
            <p className="error" role="alert">
              {error.fieldMessage('body.token') ? t('auth.reset.badToken') : error.code === 'NETWORK' ? t('errors.network') : error.message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {token ? t('auth.reset.submitSet') : t('auth.reset.submitRequest')}
          </button>
        </form>
      )}
      <p>
        <Link to="/">{t('auth.reset.toLogin')}</Link>
      </p>
    </main>
  );
}
