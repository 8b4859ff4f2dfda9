import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EventEnvelope } from '../../../../shared/events';
import type { EmergencyRequestBody } from '../../../../shared/schemas/requests';
import { useAnnounce } from '../../lib/announce';
import { afterRender, focusElement } from '../../lib/focus';
import { useRealtime } from '../../lib/realtime';
import { useAction } from '../../lib/use-api';
import { fetchEmergencyUnits, fetchGroup, fetchOfflinePack, pointOf, sendEmergencyRequests, type CreatedRequests, type EmergencyQuery, type EmergencyResult, type Escalation } from './api';
import { keepPack, keepResult } from './offline-cache';

/** The nearest emergency units for a child, the ones chosen (the nearest few at once), and the request sent to them. */
export function useEmergencyUnits() {
  const searching = useAction();
  const sending = useAction();
  const [result, setResult] = useState<EmergencyResult | null>(null);
  const [wider, setWider] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const sent = useSentRequests();
  const { t } = useTranslation();
  const announce = useAnnounce();
  // one key per intended request: a retried tap after a lost answer sends nothing twice
  const idemKey = useRef(crypto.randomUUID());

  useEffect(() => {
    // what the device keeps for a night without server; a failure here changes nothing on screen
    fetchOfflinePack().then(keepPack, () => {});
  }, []);

  async function search(q: EmergencyQuery, widen = false) {
    sending.setError(null);
    await searching.run(async () => {
      const r = await fetchEmergencyUnits(q, widen);
      setResult(r);
      setWider(widen);
      keepResult(r.items);
      const free = r.items.filter((u) => !u.runningRequestByMyOffice);
      setChosen(free.slice(0, r.preselect ?? 0).map((u) => u.unitId));
    });
  }

  return {
    result,
    wider,
    chosen,
    sent: sent.sent,
    escalation: sent.escalation,
    busy: searching.busy || sending.busy,
    searchError: searching.error,
    sendError: sending.error,
    search,
    toggle(unitId: string) {
      idemKey.current = crypto.randomUUID(); // another choice of units is another request
      setChosen((c) => (c.includes(unitId) ? c.filter((x) => x !== unitId) : [...c, unitId]));
    },
    async send(q: EmergencyQuery, caseRef: string) {
      searching.setError(null);
      const body: EmergencyRequestBody = { unitIds: chosen, caseRef, childAge: Number(q.age), childGender: q.gender as EmergencyRequestBody['childGender'], ...pointOf(q) };
      const created = await sending.run(() => sendEmergencyRequests(body, idemKey.current));
      if (created) {
        idemKey.current = crypto.randomUUID();
        sent.show(created);
        announce(t('emergency.sentNotice', { count: created.items.length }));
        // the send button and its bar are gone: the focus goes to what was sent
        afterRender(() => focusElement(document.getElementById('emergency-sent')));
      }
    },
  };
}

/** The answers to a sent emergency request, live; and the escalation if nobody answers in time. */
function useSentRequests() {
  const { subscribe } = useRealtime();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [sent, setSent] = useState<CreatedRequests | null>(null);
  const [escalation, setEscalation] = useState<Escalation | null>(null);
  // opened from a notification (/notfall?gruppe=…): the status of that group, loaded again
  const [params, setParams] = useSearchParams();
  const group = params.get('gruppe');
  useEffect(() => {
    if (!group || sent?.groupId === group) return;
    fetchGroup(group).then((g) => g.items.length > 0 && setSent(g), () => {});
  }, [group, sent?.groupId]);
  useEffect(
    () =>
      subscribe((e: EventEnvelope) => {
        if (!sent) return;
        if (e.type === 'request:changed' && e.payload.groupId === sent.groupId) {
          const p = e.payload;
          setSent((s) => s && { ...s, items: s.items.map((i) => (i.id === p.requestId ? { ...i, status: p.status } : i)) });
        }
        if (e.type === 'request:escalated' && e.payload.groupId === sent.groupId) setEscalation(e.payload);
      }),
    [subscribe, sent],
  );
  /** The status screen of a sent group, in the URL too: a reload keeps it, and alerts about it need no toast on it. */
  function show(created: CreatedRequests) {
    setSent(created);
    setParams({ gruppe: created.groupId }, { replace: true });
  }
  return { sent, show, escalation };
}
