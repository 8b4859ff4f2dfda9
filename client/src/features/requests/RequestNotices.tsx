import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/announce';
import { useAuth } from '../../lib/auth';
import { useRealtime } from '../../lib/realtime';
import { fetchRequest } from './api';

/** What each side hears of the other side's steps (its own steps are reported where they were taken). */
const HEARD = {
  office: ['accepted', 'declined', 'question', 'released', 'expired'],
  provider: ['created', 'confirmed', 'withdrawn', 'expired'],
} as const;

/**
 * Announces, through the shell's live region and on whatever page the user is, the other side's
 * answer to a request: the provider's acceptance to the waiting caseworker, the caseworker's
 * confirmation to the provider, an expired hold to both. One announcement per change (by sequence
 * number); new emergency requests are the NotificationCenter's. Rendered once, inside the shell.
 */
export function RequestNotices() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { subscribe } = useRealtime();
  const announce = useAnnounce();
  const seen = useRef(new Set<number>());
  const kind = me?.organisation.kind;

  useEffect(() => {
    if (kind !== 'office' && kind !== 'provider') return;
    const heard: readonly string[] = HEARD[kind];
    return subscribe((e) => {
      if (e.type !== 'request:changed' || !heard.includes(e.payload.what) || seen.current.has(e.seq)) return;
      // a new emergency request interrupts: the NotificationCenter announces it (urgent), not twice
      if (e.payload.what === 'created' && e.payload.urgency === 'emergency') return;
      seen.current.add(e.seq);
      const what = e.payload.what;
      fetchRequest(e.payload.requestId).then(
        (r) => announce(t(`requests.notices.${what}`, { unit: r.unitName })),
        () => {},
      );
    });
  }, [kind, subscribe, announce, t]);
  return null;
}
