import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IdentityWarning } from './IdentityWarning';
import { Form, TextAreaField } from '../../components/form';
import type { ApiError } from '../../lib/api';
import type { Req } from './api';

interface Props {
  request: Req;
  myOrgId?: string;
  /** Whether messages can still be written (the request is running). */
  open: boolean;
  /** Providers may ask a question, which sets the request to "question". */
  canAsk: boolean;
  busy: boolean;
  error: ApiError | null;
  fmt: (iso: string) => string;
  onWrite: (body: string, question: boolean) => Promise<boolean>;
}

/** The messages between office and provider about one request, and the box to write the next one. */
export function Thread({ request: r, myOrgId, open, canAsk, busy, error, fmt, onWrite }: Props) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const messages = r.messages ?? [];
  async function send(e: FormEvent, question: boolean) {
    e.preventDefault();
    if (await onWrite(message, question)) setMessage('');
  }
  return (
    <section aria-labelledby="thread-h">
      <h2 id="thread-h">{t('requests.thread')}</h2>
      {messages.length === 0 && <p>{t('requests.noMessages')}</p>}
      <ol className="thread" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} className={`msg ${m.authorOrgId === myOrgId ? 'mine' : ''} ${m.kind}`}>
            <p className="muted">
              {m.authorName ?? t('app.name')} · {fmt(m.createdAt)}
              {m.kind === 'question' ? ` · ${t('requests.status.question')}` : ''}
            </p>
            <p>{m.body}</p>
          </li>
        ))}
      </ol>
      {open && (
        <Form onSubmit={(e) => void send(e, false)} error={error}>
          <TextAreaField id="msg" name="body" label={t('requests.message')} value={message} onChange={setMessage} maxLength={2000} required />
          <IdentityWarning id="msg-warning" text={message} />
          <button type="submit" aria-disabled={busy || undefined}>
            {t('requests.send')}
          </button>{' '}
          {canAsk && (
            <button type="button" aria-disabled={busy || undefined} onClick={(e) => void send(e, true)}>
              {t('requests.askQuestion')}
            </button>
          )}
        </Form>
      )}
    </section>
  );
}
