import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/announce';

/** Warned this long before a hold ends. */
const SOON_MS = 15 * 60_000;

/** "2 Std. 5 Min." / "14 Min." / "unter 1 Min." */
function remaining(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return t('requests.left.underMinute');
  const h = Math.floor(minutes / 60);
  return h > 0 ? t('requests.left.hours', { h, m: minutes % 60 }) : t('requests.left.minutes', { m: minutes });
}

/**
 * A hold's end with the time left (updated each half minute), and one announcement when 15 minutes
 * are left (WCAG 2.2.1). The end itself is announced by the shell when the server reports it.
 */
export function HoldTime({ until, unit }: { until: string; unit: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [now, setNow] = useState(Date.now());
  const warned = useRef(false);
  const end = Date.parse(until);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = end - now;
  useEffect(() => {
    if (left > 0 && left <= SOON_MS && !warned.current) {
      warned.current = true;
      announce(t('requests.holdSoon', { unit, minutes: Math.ceil(left / 60_000) }));
    }
  }, [left, unit, announce, t]);
  const time = new Date(end).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return <>{t('requests.holdLeft', { time, left: remaining(left, t) })}</>;
}
