import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedApiToken } from '../../../../shared/schemas/api-tokens';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, TextField } from '../../components/form';
import { useAction } from '../../lib/use-api';
import { providerApi, useTokens } from './api';
import { formatDateTime } from '../../lib/format';
import './provider.css';

/** The provider admin's API tokens: created (shown once), listed with last use, revoked. */
export default function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [status, setStatus] = useState('');
  const { error, run } = useAction();

  async function create(e: FormEvent) {
    e.preventDefault();
    const tok = await run(() => providerApi.createToken(name));
    if (!tok) return;
    setCreated(tok);
    setName('');
    setStatus(t('provider.tokens.created', { name: tok.name }));
    tokens.reload();
    setTimeout(() => document.getElementById('token-secret')?.focus(), 0);
  }

  async function revoke(tok: ApiToken) {
    if (!window.confirm(t('provider.tokens.revokeConfirm', { name: tok.name }))) return;
    if (!(await run(() => providerApi.revokeToken(tok.id)))) return;
    setStatus(t('provider.tokens.revokedStatus', { name: tok.name }));
    if (created?.id === tok.id) setCreated(null);
    tokens.reload();
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
      <ErrorAlert error={error ?? tokens.error} fieldsInline />
      {created && (
        <section className="secret banner warn" aria-labelledby="secret-heading">
          <h2 id="secret-heading">{t('provider.tokens.secretTitle')}</h2>
          <p>{t('provider.tokens.secretWarning')}</p>
          <TextField id="token-secret" label={t('provider.tokens.secretLabel')} readOnly value={created.token} onFocus={(e) => e.target.select()} spellCheck={false} />
          <button type="button" onClick={() => void copy()}>
            {t('provider.tokens.copy')}
          </button>
        </section>
      )}
      <Form onSubmit={create} error={error} className="stack">
        <TextField id="token-name" name="name" label={t('provider.tokens.name')} value={name} onChange={setName} required />
        <div>
          <button type="submit" className="primary">
            {t('provider.tokens.create')}
          </button>
        </div>
      </Form>
      {(tokens.data ?? []).length === 0 ? (
        <p>{t('provider.tokens.empty')}</p>
      ) : (
        <ul className="token-list">
          {(tokens.data ?? []).map((tok) => (
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
