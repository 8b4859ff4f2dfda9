import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/form';
import type { EmergencyQuery } from './api';
import { EmergencyForm } from './EmergencyForm';
import { EmergencyAnswers, EmergencyUnitCard } from './EmergencyUnitCard';
import { useEmergencyUnits } from './useEmergencyUnits';

function defaultCaseRef() {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `IO-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Phone-first emergency flow: three inputs, nearest first, tap to call, one action to request. */
export default function EmergencyPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<EmergencyQuery>({ age: '', gender: '', postcode: '', here: null });
  const [caseRef, setCaseRef] = useState(defaultCaseRef);
  const e = useEmergencyUnits();
  const items = e.result?.items ?? [];
  return (
    <div className="emergency">
      <h1>{t('emergency.title')}</h1>
      <p>{t('emergency.intro')}</p>
      <EmergencyForm query={query} onChange={setQuery} onSearch={() => void e.search(query)} error={e.searchError} busy={e.busy} />
      <ErrorAlert error={e.searchError} fieldsInline />
      <ErrorAlert error={e.sendError} fieldsInline={!!e.sendError?.fieldMessage('body.caseRef')} />
      <div aria-live="polite">
        {e.result && (
          <h2>
            {items.length ? t('emergency.results', { count: items.length }) : t('emergency.resultsNone')} <span className="muted">{t('emergency.from', { label: e.result.reference.label })}</span>
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
      {items.length > 0 && !e.sent && (
        <div className="sticky-action">
          <TextField id="e-caseref" label={t('emergency.caseRef')} value={caseRef} onChange={setCaseRef} error={e.sendError?.fieldMessage('body.caseRef')} />
          <button type="button" className="primary big" aria-disabled={e.busy || e.chosen.length === 0 || undefined} onClick={() => void e.send(query, caseRef)}>
            {t('emergency.send', { count: e.chosen.length })}
          </button>
        </div>
      )}
      {e.sent && <EmergencyAnswers sent={e.sent} suggestions={e.suggestions} />}
    </div>
  );
}
