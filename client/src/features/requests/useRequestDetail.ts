import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/announce';
import { afterRender, focusElement, focusFirstInvalid } from '../../lib/focus';
import { useAction, type Action } from '../../lib/use-api';
import { act, newIdempotencyKey, useRequest } from './api';
import { useRequestEvents } from './useRequestEvents';

/**
 * One request, kept current by the server's announcements, and the steps taken on it
 * (answer, confirm, withdraw, release, write), each reported in `status`.
 */
export function useRequestDetail(id: string) {
  const { t } = useTranslation();
  const request = useRequest(id);
  const answer = useAction();
  const message = useAction();
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const announce = useAnnounce();
  const confirmKey = useRef(newIdempotencyKey());
  const { reload, setData } = request;
  useRequestEvents(useCallback(() => reload(), [reload]), id);

  /**
   * One step; afterwards the focus goes to the status line (the pressed button or its panel is
   * usually gone), after a failure to the first invalid field. Writing a message keeps the focus
   * in the message box and only says that the message was sent.
   */
  async function step(action: Action, name: string, body: unknown = {}, key?: string) {
    const next = await action.run(() => act(id, name, body, key));
    if (!next) {
      afterRender(() => focusFirstInvalid(document.getElementById('main') ?? document));
      return false;
    }
    setData((prev) => ({ ...next, messages: next.messages ?? prev?.messages }));
    if (name === 'messages') {
      setStatus(t('requests.messageSent'));
      announce(t('requests.messageSent'));
    } else {
      setStatus(t('requests.done', { status: t(`requests.status.${next.status}`) }));
      afterRender(() => focusElement(statusRef.current));
    }
    reload();
    return true;
  }

  return {
    request: request.data,
    loadError: request.error,
    status,
    statusRef,
    busy: answer.busy || message.busy,
    answerError: answer.error,
    messageError: message.error,
    accept: (holdHours: string) => step(answer, 'accept', holdHours ? { holdHours: Number(holdHours) } : {}),
    decline: (reason: string, text: string) => step(answer, 'decline', { reason, text: text || undefined }),
    confirm: () => step(answer, 'confirm', undefined, confirmKey.current),
    withdraw: () => step(answer, 'withdraw'),
    release: () => step(answer, 'release'),
    write: (body: string, question: boolean) => step(message, 'messages', { body, question }),
  };
}
