import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField } from '../../components/form';
import type { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useDocumentTitle } from '../../lib/page-title';
import { useAction } from '../../lib/use-api';

/** The screen's own words for a failed login; the server's for anything else. */
function loginMessage(err: ApiError, t: TFunction): string | undefined {
  if (err.code === 'RATE_LIMITED') {
    const wait = Number(err.details.retryAfterSeconds);
    if (!Number.isFinite(wait) || wait <= 0) return t('login.rateLimited');
    return wait < 120 ? t('login.rateLimitedSeconds', { count: Math.ceil(wait) }) : t('login.rateLimitedMinutes', { count: Math.ceil(wait / 60) });
  }
  if (err.code === 'VALIDATION_FAILED') return undefined;
  return t('login.failed');
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login, notice } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  useDocumentTitle(t('titles.login'));

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(() => login(email.trim(), password));
  }

  return (
    <main id="main" className="login">
      <h1>{t('app.name')}</h1>
      <h2>{t('login.title')}</h2>
      <p>{t('login.intro')}</p>
      {notice && <p className="notice" role="status">{t(`login.${notice}`)}</p>}
      <Form onSubmit={submit} error={error} aria-describedby={error && !error.issues.length ? 'login-error' : undefined}>
        <TextField id="email" name="email" label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={setEmail} />
        <TextField id="password" name="password" label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={setPassword} />
        <ErrorAlert id="login-error" error={error} fieldsInline text={error ? loginMessage(error, t) : undefined} />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </Form>
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
