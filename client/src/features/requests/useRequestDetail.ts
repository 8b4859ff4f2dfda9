import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const confirmKey = useRef(newIdempotencyKey());
  const { reload, setData } = request;
  useRequestEvents(useCallback(() => reload(), [reload]), id);

  async function step(action: Action, name: string, body: unknown = {}, key?: string) {
    const next = await action.run(() => act(id, name, body, key));
    if (!next) return false;
    setData((prev) => ({ ...next, messages: next.messages ?? prev?.messages }));
    setStatus(t('requests.done', { status: t(`requests.status.${next.status}`) }));
    reload();
    return true;
  }

  return {
    request: request.data,
    loadError: request.error,
    status,
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
