import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { EventEnvelope } from '../../../shared/events';
import { isOfficeRole, isProviderRole } from '../../../shared/roles';
import { notifyInBackground, playEmergencyAlert } from '../lib/alerts';
import { useAnnounce } from '../lib/announce';
import { afterRender, focusElement } from '../lib/focus';
import { useAuth } from '../lib/auth';
import { refreshWaiting, useWaiting } from '../lib/notifications';
import { useRealtime } from '../lib/realtime';

interface Toast {
  id: number;
  text: string;
  to: string;
  emergency: boolean;
}

/** What an event means for this user, if anything: the text to show and where it leads. */
function alertFor(e: EventEnvelope, role: string, orgId: string): Omit<Toast, 'id' | 'text'> & { key: string } | null {
  if (e.type === 'request:changed') {
    const p = e.payload;
    const emergency = p.urgency === 'emergency';
    if (isProviderRole(role) && p.providerId === orgId && p.what === 'created') return { key: emergency ? 'newEmergency' : 'newRequest', to: `/anfragen/${p.requestId}`, emergency };
    if (isOfficeRole(role) && p.officeId === orgId && ['accepted', 'declined', 'question'].includes(p.what)) return { key: `answer.${p.what}`, to: `/anfragen/${p.requestId}`, emergency: false };
  }
  if (e.type === 'request:escalated' && isOfficeRole(role)) return { key: 'escalated', to: `/notfall?gruppe=${e.payload.groupId}`, emergency: true };
  return null;
}

/**
 * Alerts on every screen: keeps the waiting count (badge, document title) current, shows a toast,
 * for emergencies announces it through the shell's live region (urgent) and sounds and vibrates,
 * and uses the browser's notification when the tab is in the background. Mounted once by the shell.
 */
export function NotificationCenter() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { subscribe, status } = useRealtime();
  const navigate = useNavigate();
  const location = useLocation();
  // where the user is when an event arrives (the subscription outlives renders)
  const here = useRef('');
  here.current = location.pathname + location.search;
  const waiting = useWaiting();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const announce = useAnnounce();
  const nextId = useRef(1);
  const role = me?.user.role ?? '';
  const orgId = me?.organisation.id ?? '';

  useEffect(() => {
    void refreshWaiting().catch(() => {});
  }, [status]); // again after a reconnect: what arrived meanwhile counts too

  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'request:changed' && e.type !== 'request:escalated') return;
        void refreshWaiting().catch(() => {});
        const a = alertFor(e, role, orgId);
        if (!a) return;
        const text = t(`alerts.${a.key}`);
        const id = nextId.current++;
        // no toast over the very page it leads to (the escalation on its status screen covered the call buttons)
        if (here.current !== a.to) setToasts((ts) => [...ts.slice(-2), { id, text, to: a.to, emergency: a.emergency }]);
        if (a.emergency) {
          // emergencies interrupt; the other side's regular steps are announced by RequestNotices, with the unit's name
          announce(text, { urgent: true });
          playEmergencyAlert();
        }
        notifyInBackground(t('app.name'), text, a.to, () => navigate(a.to));
        // a regular toast goes after 15 s, unless the keyboard is in it (the focus would fall to the page)
        if (!a.emergency) setTimeout(() => !document.getElementById(`toast-${id}`)?.contains(document.activeElement) && dismiss(id), 15_000);
      }),
    [subscribe, role, orgId, t, navigate, dismiss, announce],
  );

  useTitleCount(waiting.waiting);

  /** Closed with its button: the focus goes to the next toast, else to the page's main content (WCAG 2.4.3). */
  function close(id: number) {
    dismiss(id);
    afterRender(() => focusElement(document.querySelector<HTMLElement>('.toasts a') ?? document.getElementById('main')));
  }

  return (
    <>
      {toasts.length > 0 && (
        <div className="toasts">
          {toasts.map((x) => (
            <div key={x.id} id={`toast-${x.id}`} className={`toast${x.emergency ? ' emergency' : ''}`}>
              <Link to={x.to} onClick={() => dismiss(x.id)}>
                {x.text}
              </Link>
              <button type="button" className="link" onClick={() => close(x.id)} aria-label={t('alerts.dismiss')}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

/** The count in front of whatever title the page set: "(2) Belegung – Heimplatzbörse". */
function useTitleCount(count: number) {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(/^\(\d+\) /, '');
      const want = count > 0 ? `(${count}) ${base}` : base;
      if (document.title !== want) document.title = want;
    };
    apply();
    const el = document.querySelector('title');
    if (!el) return;
    // pages may set their own title later; the count stays in front of it
    const obs = new MutationObserver(apply);
    obs.observe(el, { childList: true, characterData: true, subtree: true });
    return () => {
      obs.disconnect();
      document.title = document.title.replace(/^\(\d+\) /, '');
    };
  }, [count]);
}

/** The badge on the requests entry of the navigation. */
export function WaitingBadge() {
  const { t } = useTranslation();
  const { waiting, emergencyWaiting } = useWaiting();
  if (waiting === 0) return null;
  return (
    <span className={`nav-badge${emergencyWaiting > 0 ? ' emergency' : ''}`} data-testid="waiting-badge">
      <span aria-hidden="true">{waiting}</span>
      <span className="sr-only">{t('alerts.badge', { count: waiting })}</span>
    </span>
  );
}
