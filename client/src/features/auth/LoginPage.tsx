import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../lib/api';

export default function LoginPage() {
  const { t } = useTranslation();
  const { login, notice } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      if (!(err instanceof ApiError)) setError(t('errors.generic', { message: String(err) }));
      else if (err.code === 'ACCOUNT_LOCKED') setError(t('login.locked', { until: new Date(String(err.message.match(/after (\S+)\./)?.[1] ?? '')).toLocaleTimeString() }));
      else if (err.code === 'RATE_LIMITED') setError(t('login.rateLimited'));
      else if (err.code === 'NETWORK') setError(t('errors.network'));
      else if (err.code === 'VALIDATION_FAILED') setError(err.fieldMessage('body.email') ? `${t('login.email')}: ${err.fieldMessage('body.email')}` : err.message);
      else setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1>{t('app.name')}</h1>
      <h2>{t('login.title')}</h2>
      <p>{t('login.intro')}</p>
      {notice && <p className="notice" role="status">{t(`login.${notice}`)}</p>}
      <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <div className="field">
          <label htmlFor="email">{t('login.email')}</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && (
          <p id="login-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/passwort-neu">{t('auth.forgot')}</Link>
      </p>
      <nav aria-label={t('login.publicLinks')} className="public-links">
        <h2>{t('login.publicLinks')}</h2>
        <ul>
          <li>
            <Link to="/verzeichnis">{t('login.directory')}</Link>
          </li>
          <li>
            <Link to="/lotse">{t('login.navigator')}</Link>
          </li>
        </ul>
      </nav>
    </main>
  );
}
