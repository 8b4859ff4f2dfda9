import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../lib/api';
import { act, fetchRequest, newIdempotencyKey, type Req } from './api';
import { StatusBadge } from './StatusBadge';
import { useRequestEvents } from './useRequestEvents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IdentityWarning } from './IdentityWarning';

const REASONS = ['no-place', 'group-fit', 'needs-not-covered', 'exclusion', 'age-gender', 'staffing', 'other'];
const RUNNING = ['open', 'question', 'accepted'];

export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const isOffice = me?.organisation.kind === 'office';
  const [r, setR] = useState<Req | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [message, setMessage] = useState('');
  const [holdHours, setHoldHours] = useState('');
  const [reason, setReason] = useState('no-place');
  const [reasonText, setReasonText] = useState('');
  const [busy, setBusy] = useState(false);
  const confirmKey = useRef(newIdempotencyKey());

  const load = useCallback(() => {
    fetchRequest(id).then(setR, setError);
  }, [id]);
  useEffect(load, [load]);
  useRequestEvents(useCallback(() => load(), [load]), id);

  async function run(action: string, body: unknown = {}, key?: string) {
    setBusy(true);
    setError(null);
    try {
      const next = await act(id, action, body, key);
      setR((prev) => ({ ...next, messages: next.messages ?? prev?.messages }));
      setStatus(t('requests.done', { status: t(`requests.status.${next.status}`) }));
      if (action === 'messages') setMessage('');
      load();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  function sendMessage(e: FormEvent, question: boolean) {
    e.preventDefault();
    void run('messages', { body: message, question });
  }

  if (!r) {
    return error ? (
      <p role="alert" className="error">
        {t('errors.generic', { message: error.message })}
      </p>
    ) : (
      <p role="status">{t('app.loading')}</p>
    );
  }
  const fmt = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const running = RUNNING.includes(r.status);
  return (
    <>
      <p>
        <Link to="/anfragen">{t('requests.back')}</Link>
      </p>
      <h1>{r.unitName}</h1>
      <p>
        {r.urgency === 'emergency' && <strong className="tag danger">{t('requests.urgency.emergency')}</strong>} <StatusBadge status={r.status} />
        {r.status === 'accepted' && r.holdExpiresAt && <> · {t('requests.holdUntil', { time: fmt(r.holdExpiresAt) })}</>}
      </p>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error} />
      <dl className="facts">
        <dt>{isOffice ? t('requests.provider') : t('requests.office')}</dt>
        <dd>{isOffice ? r.providerName : r.officeName}</dd>
        {isOffice && r.caseRef && (
          <>
            <dt>{t('requests.caseRef')}</dt>
            <dd>{r.caseRef}</dd>
          </>
        )}
        <dt>{t('requests.child')}</dt>
        <dd>{t('requests.childSummary', { age: r.childAge, gender: t(`requests.genders.${r.childGender}`) })}</dd>
        <dt>{t('requests.needs')}</dt>
        <dd>{r.needs.join(', ') || t('requests.none')}</dd>
        <dt>{t('requests.conditions')}</dt>
        <dd>{r.conditions.join(', ') || t('requests.none')}</dd>
        <dt>{t('requests.siblings')}</dt>
        <dd>{r.siblings}</dd>
        <dt>{t('requests.desiredStart')}</dt>
        <dd>{new Date(r.desiredStart).toLocaleDateString(i18n.language)}</dd>
        {r.note && (
          <>
            <dt>{t('requests.note')}</dt>
            <dd>{r.note}</dd>
          </>
        )}
        {r.declineReason && (
          <>
            <dt>{t('requests.declineReason')}</dt>
            <dd>
              {t(`requests.reasons.${r.declineReason}`)}
              {r.declineText ? `: ${r.declineText}` : ''}
            </dd>
          </>
        )}
      </dl>

      {!isOffice && (r.status === 'open' || r.status === 'question') && (
        <section aria-labelledby="answer-h" className="panel">
          <h2 id="answer-h">{t('requests.accept')}</h2>
          <div className="field">
            <label htmlFor="hold-hours">{t('requests.holdHours')}</label>
            <input id="hold-hours" type="number" min={1} max={72} inputMode="numeric" value={holdHours} onChange={(e) => setHoldHours(e.target.value)} />
          </div>
          <button type="button" className="primary" disabled={busy} onClick={() => void run('accept', holdHours ? { holdHours: Number(holdHours) } : {})}>
            {t('requests.accept')}
          </button>
          <h2>{t('requests.decline')}</h2>
          <div className="field">
            <label htmlFor="decline-reason">{t('requests.declineReason')}</label>
            <select id="decline-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {REASONS.map((c) => (
                <option key={c} value={c}>
                  {t(`requests.reasons.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="decline-text">{t('requests.declineText')}</label>
            <textarea id="decline-text" value={reasonText} onChange={(e) => setReasonText(e.target.value)} maxLength={1000} />
            <IdentityWarning id="decline-text-warning" text={reasonText} />
          </div>
          <button type="button" disabled={busy} onClick={() => void run('decline', { reason, text: reasonText || undefined })}>
            {t('requests.decline')}
          </button>
        </section>
      )}
      {isOffice && r.status === 'accepted' && (
        <button type="button" className="primary big" disabled={busy} onClick={() => void run('confirm', undefined, confirmKey.current)}>
          {t('requests.confirm')}
        </button>
      )}
      {isOffice && running && (
        <button type="button" disabled={busy} onClick={() => void run('withdraw', {})}>
          {t('requests.withdraw')}
        </button>
      )}
      {!isOffice && r.status === 'accepted' && (
        <button type="button" disabled={busy} onClick={() => void run('release', {})}>
          {t('requests.release')}
        </button>
      )}

      <section aria-labelledby="thread-h">
        <h2 id="thread-h">{t('requests.thread')}</h2>
        {(r.messages ?? []).length === 0 && <p>{t('requests.noMessages')}</p>}
        <ol className="thread" aria-live="polite">
          {(r.messages ?? []).map((m) => (
            <li key={m.id} className={`msg ${m.authorOrgId === me?.organisation.id ? 'mine' : ''} ${m.kind}`}>
              <p className="muted">
                {m.authorName ?? t('app.name')} · {fmt(m.createdAt)}
                {m.kind === 'question' ? ` · ${t('requests.status.question')}` : ''}
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
        {running && (
          <form onSubmit={(e) => sendMessage(e, false)}>
            <div className="field">
              <label htmlFor="msg">{t('requests.message')}</label>
              <textarea id="msg" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={2000} required />
              <IdentityWarning id="msg-warning" text={message} />
              {error?.fieldMessage('body.body') && <p className="field-error">{error.fieldMessage('body.body')}</p>}
            </div>
            <button type="submit" disabled={busy || !message.trim()}>
              {t('requests.send')}
            </button>{' '}
            {!isOffice && (
              <button type="button" disabled={busy || !message.trim()} onClick={(e) => sendMessage(e, true)}>
                {t('requests.askQuestion')}
              </button>
            )}
          </form>
        )}
      </section>
    </>
  );
}
