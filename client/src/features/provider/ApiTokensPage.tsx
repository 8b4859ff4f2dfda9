import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedApiToken } from '../../../../shared/schemas/api-tokens';
import { Field } from '../../components/Field';
import { ApiError } from '../../lib/api';
import { providerApi } from './api';
import { formatDateTime } from './components/format';
import './provider.css';

/** The provider admin's API tokens: created (shown once), listed with last use, revoked. */
export default function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    providerApi.tokens().then(setItems, setError);
  }, []);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const tok = await providerApi.createToken(name);
      setCreated(tok);
      setName('');
      setStatus(t('provider.tokens.created', { name: tok.name }));
      load();
      setTimeout(() => document.getElementById('token-secret')?.focus(), 0);
    } catch (er) {
      setError(er as ApiError);
    }
  }

  async function revoke(tok: ApiToken) {
    if (!window.confirm(t('provider.tokens.revokeConfirm', { name: tok.name }))) return;
    setError(null);
    try {
      await providerApi.revokeToken(tok.id);
      setStatus(t('provider.tokens.revokedStatus', { name: tok.name }));
      if (created?.id === tok.id) setCreated(null);
      load();
    } catch (er) {
      setError(er as ApiError);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setStatus(t('provider.tokens.copied'));
    } catch {
      (document.getElementById('token-secret') as HTMLInputElement | null)?.select();
    }
  }

  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('provider.tokens.never'));
  return (
    <div className="provider">
      <h1>{t('provider.tokens.title')}</h1>
      <p>{t('provider.tokens.intro')}</p>
      <p role="status" className="status">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic', { message: error.message })}
        </p>
      )}
      {created && (
        <section className="secret banner warn" aria-labelledby="secret-heading">
          <h2 id="secret-heading">{t('provider.tokens.secretTitle')}</h2>
          <p>{t('provider.tokens.secretWarning')}</p>
          <div className="field">
            <label htmlFor="token-secret">{t('provider.tokens.secretLabel')}</label>
            <input id="token-secret" readOnly value={created.token} onFocus={(e) => e.target.select()} spellCheck={false} />
          </div>
          <button type="button" onClick={() => void copy()}>
            {t('provider.tokens.copy')}
          </button>
        </section>
      )}
      <form onSubmit={create} noValidate className="stack">
        <Field id="token-name" label={t('provider.tokens.name')} value={name} onChange={setName} error={error?.fieldMessage('body.name')} required />
        <div>
          <button type="submit" className="primary">
            {t('provider.tokens.create')}
          </button>
        </div>
      </form>
      {items.length === 0 ? (
        <p>{t('provider.tokens.empty')}</p>
      ) : (
        <ul className="token-list">
          {items.map((tok) => (
            <li key={tok.id}>
              <h2>{tok.name}</h2>
              <dl>
                <dt>{t('provider.tokens.prefix')}</dt>
                <dd>
                  <code>{tok.prefix}…</code>
                </dd>
                <dt>{t('provider.tokens.createdAt')}</dt>
                <dd>
                  {when(tok.createdAt)}
                  {tok.createdByName ? ` ${t('provider.tokens.createdBy')} ${tok.createdByName}` : ''}
                </dd>
                <dt>{t('provider.tokens.lastUsed')}</dt>
                <dd>{when(tok.lastUsedAt)}</dd>
                <dt>{t('provider.tokens.state')}</dt>
                <dd>{tok.revokedAt ? t('provider.tokens.revoked', { date: when(tok.revokedAt) }) : t('provider.tokens.active')}</dd>
              </dl>
              {!tok.revokedAt && (
                <button type="button" onClick={() => void revoke(tok)} aria-label={t('provider.tokens.revokeLabel', { name: tok.name })}>
                  {t('provider.tokens.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
