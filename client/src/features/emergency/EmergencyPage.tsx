import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/form';
import { useRealtime } from '../../lib/realtime';
import type { EmergencyQuery } from './api';
import { EmergencyForm } from './EmergencyForm';
import { EmergencyStatus } from './EmergencyStatus';
import { EmergencyUnitCard } from './EmergencyUnitCard';
import { OfflinePanel } from './OfflineEmergency';
import { useEmergencyUnits } from './useEmergencyUnits';

function defaultCaseRef() {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `IO-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/**
 * Phone-first emergency flow: three inputs on one screen, large cards nearest first (capped),
 * the nearest few chosen already, tap to call, one send button in reach of the thumb; after
 * sending, the answers live and the escalation on top. Without server: the numbers the device kept.
 */
export default function EmergencyPage() {
  const { t, i18n } = useTranslation();
  const { status } = useRealtime();
  const [query, setQuery] = useState<EmergencyQuery>({ age: '', gender: '', postcode: '', here: null });
  const [caseRef, setCaseRef] = useState(defaultCaseRef);
  const e = useEmergencyUnits();
  const items = e.result?.items ?? [];
  const unreachable = e.searchError?.code === 'NETWORK' || e.searchError?.status === 503 || e.sendError?.code === 'NETWORK' || status === 'offline';

  if (e.sent) {
    return (
      <div className="emergency">
        <h1>{t('emergency.statusTitle')}</h1>
        {unreachable && <Unreachable />}
        <EmergencyStatus sent={e.sent} escalation={e.escalation} />
      </div>
    );
  }
  return (
    <div className="emergency">
      <h1>{t('emergency.title')}</h1>
      <p>{t('emergency.intro')}</p>
      {unreachable && <Unreachable />}
      <EmergencyForm query={query} onChange={setQuery} onSearch={() => void e.search(query)} error={e.searchError} busy={e.busy} />
      {!unreachable && <ErrorAlert error={e.searchError} fieldsInline />}
      <ErrorAlert error={e.sendError} fieldsInline={!!e.sendError?.fieldMessage('body.caseRef')} />
      <div aria-live="polite">
        {e.result && (
          <h2>
            {items.length ? t('emergency.results', { count: items.length }) : t('emergency.resultsNone')} <span className="muted">{t('emergency.from', { label: e.result.reference.label })}</span>
            {!e.wider && e.result.maxKm !== undefined && <span className="muted"> · {t('emergency.within', { km: e.result.maxKm.toLocaleString(i18n.language) })}</span>}
          </h2>
        )}
      </div>
      {items.length > 0 && (
        <ol className="cards">
          {items.map((u) => (
            <EmergencyUnitCard key={u.unitId} unit={u} chosen={e.chosen.includes(u.unitId)} onChoose={() => e.toggle(u.unitId)} />
          ))}
        </ol>
      )}
      {e.result?.moreBeyond && !e.wider && (
        <button type="button" className="big" aria-disabled={e.busy || undefined} onClick={() => void e.search(query, true)}>
          {t('emergency.wider')}
        </button>
      )}
      {items.length > 0 && (
        <>
          <TextField id="e-caseref" label={t('emergency.caseRef')} value={caseRef} onChange={setCaseRef} error={e.sendError?.fieldMessage('body.caseRef')} />
          {/* sticky in the flow: it follows the thumb while scrolling and rests below the last card */}
          <div className="send-bar">
            <button type="button" className="primary big" aria-disabled={e.busy || e.chosen.length === 0 || undefined} onClick={() => void e.send(query, caseRef)}>
              {t('emergency.send', { count: e.chosen.length })}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function Unreachable() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="unreach-h" className="unreachable">
      <h2 id="unreach-h" className="banner warn" role="alert">
        {t('offline.title')}
      </h2>
      <OfflinePanel />
    </section>
  );
}
