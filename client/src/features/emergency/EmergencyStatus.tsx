import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreatedRequests, Escalation } from './api';
import { readOfflineCache } from './offline-cache';
import { FallbackList } from './FallbackList';
import { tel } from './tel';

/** After sending: the escalation on top when nobody answered in time, then each unit's answer, live. */
export function EmergencyStatus({ sent, escalation }: { sent: CreatedRequests; escalation: Escalation | null }) {
  const { t } = useTranslation();
  const top = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (escalation) {
      top.current?.focus();
      window.scrollTo({ top: 0 });
    }
  }, [escalation]);
  return (
    <section aria-labelledby="status-h" className="emergency-status">
      {escalation && <EscalationBox escalation={escalation} headingRef={top} />}
      {/* not a live region: the sending was announced through the shell's region, and the focus comes here */}
      <p className="banner" id="emergency-sent" tabIndex={-1}>
        {t('emergency.sent')}
      </p>
      <h2 id="status-h">{t('emergency.answers')}</h2>
      {/* each answer is announced once by the shell (RequestNotices), not by a region of its own */}
      <ol className="cards">
        {sent.items.map((i) => (
          <li key={i.id} className="card">
            <h3 className="card-title">
              <Link to={`/anfragen/${i.id}`}>{i.unitName}</Link>
            </h3>
            <p className={`status-line status-${i.status}`}>
              <strong>{i.status === 'open' ? t('emergency.waiting') : t(`requests.status.${i.status}`)}</strong>
            </p>
            {i.unitEmergencyPhone && (
              <a className="button call" href={tel(i.unitEmergencyPhone)} aria-label={t('emergency.callLabel', { unit: i.unitName, phone: i.unitEmergencyPhone })}>
                {t('emergency.call', { phone: i.unitEmergencyPhone })}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function EscalationBox({ escalation, headingRef }: { escalation: Escalation; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const { t, i18n } = useTranslation();
  const fallback = escalation.fallbackContacts ?? readOfflineCache().pack?.fallbackContacts ?? [];
  return (
    // announced by the NotificationCenter (urgent) on every screen; here the focus comes to its heading
    <div className="escalation">
      <h2 ref={headingRef} tabIndex={-1}>
        {t('emergency.escalatedTitle')}
      </h2>
      {escalation.suggestions.length > 0 ? (
        <>
          <p>{t('emergency.escalated')}</p>
          <ul className="cards">
            {escalation.suggestions.map((s) => (
              <li key={s.unitId} className="card">
                <h3 className="card-title">{s.unitName}</h3>
                <p>
                  {s.providerName} · <strong>{t('emergency.distance', { km: s.distanceKm.toLocaleString(i18n.language) })}</strong> {t('emergency.fromChild')}
                </p>
                <a className="button call" href={tel(s.emergencyPhone)} aria-label={t('emergency.callLabel', { unit: s.unitName, phone: s.emergencyPhone })}>
                  {t('emergency.call', { phone: s.emergencyPhone })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          <strong>{t('emergency.noneLeft')}</strong>
        </p>
      )}
      <h3>{t('emergency.fallbackTitle')}</h3>
      {fallback.length > 0 ? (
        <FallbackList contacts={fallback} />
      ) : (
        <p>{t('emergency.noFallback')}</p>
      )}
    </div>
  );
}
