import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLog } from '../../../../shared/schemas/access-log';
import { useAnnounce } from '../../lib/announce';
import { useAuth } from '../../lib/auth';
import { api, ApiError } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, SelectField, TextField } from '../../components/form';
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
  const announce = useAnnounce();
  const [applied, setApplied] = useState(0);
  useEffect(() => {
    setError(null);
    api<AccessLog>('GET', `${base}?${queryOf(filter, 'json')}`).then((l) => {
      setLog(l);
      // after "Filtern" the focus stays on the button: the number of entries is said once
      if (applied > 0) announce(t('audit.found', { count: l.items.length }));
    }, setError);
    // `applied` counts the submits, so the same filter twice is announced twice; t and announce are stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, filter, applied]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setApplied((n) => n + 1);
  };
  const input = (key: keyof Filter, type = 'text') => (
    <TextField id={`al-${key}`} name={key} type={type} label={t(`audit.filter.${key}`)} value={draft[key]} onChange={(v) => setDraft({ ...draft, [key]: v })} />
  );
  return (
    <>
      <h1>{refusals ? t('audit.titleRefusals') : t('audit.title')}</h1>
      <p>{refusals ? t('audit.introRefusals') : t('audit.intro')}</p>
      <Form onSubmit={submit} error={error} prefix="query." aria-label={t('audit.filter.label')}>
        {input('from', 'date')}
        {input('to', 'date')}
        <SelectField id="al-action" name="action" label={t('audit.filter.action')} value={draft.action} onChange={(v) => setDraft({ ...draft, action: v })}>
            <option value="">{t('audit.filter.anyAction')}</option>
            {(refusals ? ['access.denied', 'auth.login'] : ACTIONS).map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a.replaceAll('.', '_')}`, { defaultValue: a })}
              </option>
            ))}
        </SelectField>
        {input('objectId')}
        <button type="submit">{t('audit.filter.apply')}</button>{' '}
        <a href={`${base}?${queryOf(filter, 'csv')}`} download>
          {t('audit.csv')}
        </a>
      </Form>
      <ErrorAlert error={error} fieldsInline />
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
                  <td>{t(`audit.actions.${i.action.replaceAll('.', '_')}`, { defaultValue: i.action })}</td>
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
