import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLog } from '../../../../shared/schemas/access-log';
import { useAuth } from '../../lib/auth';
import { api, ApiError } from '../../lib/api';
import { TableWrap } from '../../components/TableWrap';

interface Filter {
  from: string;
  to: string;
  action: string;
  objectId: string;
}

const EMPTY: Filter = { from: '', to: '', action: '', objectId: '' };
const ACTIONS = ['request.read', 'request.list', 'request.create', 'request.accept', 'request.decline', 'request.message', 'request.confirm', 'request.withdraw', 'request.release'];

function queryOf(f: Filter, format: 'json' | 'csv'): string {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}

/**
 * The office admin sees who read or changed the office's requests and when; the platform admin
 * sees refused attempts across the region. Read only: nobody can change the log.
 */
export default function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const refusals = me?.user.role === 'platform_admin';
  const base = refusals ? '/api/v1/access-log/refusals' : '/api/v1/access-log';
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [log, setLog] = useState<AccessLog | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setError(null);
    api<AccessLog>('GET', `${base}?${queryOf(filter, 'json')}`).then(setLog, setError);
  }, [base, filter]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  const input = (key: keyof Filter, type = 'text') => (
    <div className="field">
      <label htmlFor={`al-${key}`}>{t(`audit.filter.${key}`)}</label>
      <input id={`al-${key}`} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  );
  return (
    <>
      <h1>{refusals ? t('audit.titleRefusals') : t('audit.title')}</h1>
      <p>{refusals ? t('audit.introRefusals') : t('audit.intro')}</p>
      <form onSubmit={submit} aria-label={t('audit.filter.label')}>
        {input('from', 'date')}
        {input('to', 'date')}
        <div className="field">
          <label htmlFor="al-action">{t('audit.filter.action')}</label>
          <select id="al-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('audit.filter.anyAction')}</option>
            {(refusals ? ['access.denied', 'auth.login'] : ACTIONS).map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a.replace('.', '_')}`, { defaultValue: a })}
              </option>
            ))}
          </select>
        </div>
        {input('objectId')}
        <button type="submit">{t('audit.filter.apply')}</button>{' '}
        <a href={`${base}?${queryOf(filter, 'csv')}`} download>
          {t('audit.csv')}
        </a>
      </form>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic', { message: error.message })}
        </p>
      )}
      {log && log.items.length === 0 && <p>{t('audit.empty')}</p>}
      {log && log.items.length > 0 && (
        <TableWrap label={t('audit.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.object')}</th>
                <th scope="col">{t('audit.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((i, n) => (
                <tr key={`${i.at}-${n}`}>
                  <td>{new Date(i.at).toLocaleString(i18n.language)}</td>
                  <td>{[i.actorName ?? t(`audit.kind.${i.actorKind}`), i.actorOrgName].filter(Boolean).join(', ')}</td>
                  <td>{t(`audit.actions.${i.action.replace('.', '_')}`, { defaultValue: i.action })}</td>
                  <td>{i.path ?? i.objectId ?? '–'}</td>
                  <td>{t(`audit.outcome.${i.outcome}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
