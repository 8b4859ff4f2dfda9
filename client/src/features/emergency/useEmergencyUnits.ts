import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventEnvelope } from '../../../../shared/events';
import type { EmergencyRequestBody } from '../../../../shared/schemas/requests';
import { useAnnounce } from '../../lib/announce';
import { afterRender, focusElement } from '../../lib/focus';
import { useRealtime } from '../../lib/realtime';
import { useAction } from '../../lib/use-api';
import { fetchEmergencyUnits, sendEmergencyRequests, type CreatedRequests, type EmergencyQuery, type EmergencyResult, type Suggestion } from './api';

/** The nearest emergency units for a child, the ones chosen, and the request sent to them. */
export function useEmergencyUnits() {
  const searching = useAction();
  const sending = useAction();
  const [result, setResult] = useState<EmergencyResult | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const sent = useSentRequests();
  const { t } = useTranslation();
  const announce = useAnnounce();

  return {
    result,
    chosen,
    sent: sent.sent,
    suggestions: sent.suggestions,
    busy: searching.busy || sending.busy,
    searchError: searching.error,
    sendError: sending.error,
    async search(q: EmergencyQuery) {
      sending.setError(null);
      await searching.run(async () => {
        setResult(await fetchEmergencyUnits(q));
        setChosen([]);
      });
    },
    toggle(unitId: string) {
      setChosen((c) => (c.includes(unitId) ? c.filter((x) => x !== unitId) : [...c, unitId]));
    },
    async send(q: EmergencyQuery, caseRef: string) {
      searching.setError(null);
      const created = await sending.run(() =>
        sendEmergencyRequests({ unitIds: chosen, caseRef, childAge: Number(q.age), childGender: q.gender as EmergencyRequestBody['childGender'] }),
      );
      if (created) {
        sent.setSent(created);
        announce(t('emergency.sentNotice', { count: created.items.length }));
        // the send button and its bar are gone: the focus goes to what was sent
        afterRender(() => focusElement(document.getElementById('emergency-sent')));
      }
    },
  };
}

/** The answers to a sent emergency request, live; and the nearest alternatives if nobody answers in time. */
function useSentRequests() {
  const { subscribe } = useRealtime();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [sent, setSent] = useState<CreatedRequests | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(
    () =>
      subscribe((e: EventEnvelope) => {
        if (!sent) return;
        if (e.type === 'request:changed' && e.payload.groupId === sent.groupId) {
          const p = e.payload;
          setSent((s) => s && { ...s, items: s.items.map((i) => (i.id === p.requestId ? { ...i, status: p.status } : i)) });
        }
        if (e.type === 'request:escalated' && e.payload.groupId === sent.groupId) {
          setSuggestions(e.payload.suggestions);
          announce(t('emergency.escalatedNotice'));
        }
      }),
    [subscribe, sent, announce, t],
  );
  return { sent, setSent, suggestions };
}
