import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, lastApiAnswerAt } from '../lib/api';
import { useAuth } from '../lib/auth';
import type { Me } from '../../../shared/schemas/auth';

/** The warning comes this long before the session ends (WCAG 2.2.1: at least 20 seconds to react). */
const WARN_MS = 2 * 60_000;
/** The server records activity at most every 30 s, so the client counts from 30 s earlier. */
const TOUCH_SLACK_MS = 30_000;

/**
 * Two minutes before the idle timeout ends the session: a warning that takes the focus with
 * "Angemeldet bleiben" (one call to the server extends the session); the focus returns to where it
 * was. Before the absolute end, which nothing extends, the warning says when the session ends.
 */
export function SessionWarning() {
  const { t, i18n } = useTranslation();
  const { me, sessionEnded } = useAuth();
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [absolute, setAbsolute] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const before = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const idleMs = (me?.sessionIdleMinutes ?? 60) * 60_000;
  const absoluteEnd = me ? Date.parse(me.sessionAbsoluteEndsAt) : Infinity;

  useEffect(() => {
    if (!me) return;
    const check = () => {
      const idleEnd = lastApiAnswerAt() - TOUCH_SLACK_MS + idleMs;
      const end = Math.min(idleEnd, absoluteEnd);
      setEndsAt(end - Date.now() <= WARN_MS ? end : null);
      setAbsolute(absoluteEnd <= idleEnd);
    };
    check();
    const timer = setInterval(check, 5_000);
    return () => clearInterval(timer);
  }, [me, idleMs, absoluteEnd]);

  const open = endsAt !== null;
  useEffect(() => {
    if (!open) return;
    before.current = document.activeElement as HTMLElement | null;
    (button.current ?? box.current)?.focus();
  }, [open]);

  async function stay() {
    try {
      await api<Me>('GET', '/api/v1/auth/me');
    } catch {
      sessionEnded('expired');
      return;
    }
    setEndsAt(null);
    const back = before.current;
    if (back?.isConnected) back.focus();
    else document.querySelector<HTMLElement>('#main h1')?.focus();
  }

  if (!open) return null;
  const time = new Date(endsAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="session-warning banner warn" role="alertdialog" aria-modal="false" aria-labelledby={titleId} aria-describedby={`${titleId}-text`} tabIndex={-1} ref={box}>
      <h2 id={titleId}>{t('session.title')}</h2>
      <p id={`${titleId}-text`}>{absolute ? t('session.absolute', { time }) : t('session.idle', { time })}</p>
      {!absolute && (
        <button type="button" className="primary" ref={button} onClick={() => void stay()}>
          {t('session.stay')}
        </button>
      )}
    </div>
  );
}
