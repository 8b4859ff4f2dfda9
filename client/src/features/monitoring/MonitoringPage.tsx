import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import './texts';
import { SelectField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { useAuth } from '../../lib/auth';
import { ProviderDashboard } from './ProviderDashboard';
import { RegionDashboard } from './RegionDashboard';
import { PERIODS, useFilters } from './useFilters';
import { ReportMode } from './ViewSelect';

const OFFICE_SCOPES = ['office', 'district', 'region'];

/** /monitoring: the steering figures of the reader's role; period and scope in the URL; printable. */
export default function MonitoringPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [f, setF] = useFilters();
  const announce = useAnnounce();
  const [report, setReport] = useState(false);
  useEffect(() => {
    // printed without the button (Ctrl+P): every breakdown's table is there before the page is laid out for paper
    const start = () => flushSync(() => setReport(true));
    const done = () => setReport(false);
    window.addEventListener('beforeprint', start);
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('beforeprint', start);
      window.removeEventListener('afterprint', done);
    };
  }, []);
  if (!me) return null;
  const role = me.user.role;
  const platform = role === 'platform_admin';
  // the figures below change with the choice while the focus stays in the select box: say what is shown now
  const choose = (patch: Partial<typeof f>) => {
    setF(patch);
    const next = { ...f, ...patch };
    announce(t('monitoring.shown', { period: t('monitoring.days', { days: next.days }), scope: role === 'provider_admin' || platform ? '' : ` · ${t(`monitoring.scopes.${next.scope ?? 'district'}`)}` }));
  };
  const print = () => {
    if (f.days !== 183) setF({ days: 183 });
    setReport(true);
    setTimeout(() => window.print(), 1500);
  };
  return (
    <div className="monitoring">
      <h1>{role === 'provider_admin' ? t('monitoring.titleProvider') : platform ? t('monitoring.titleRegion') : t('monitoring.titleOffice')}</h1>
      <p className="print-only">{t('monitoring.reportHeading', { org: me.organisation?.name ?? '', date: new Date().toLocaleDateString('de-DE') })}</p>
      <div className="filters no-print">
        <SelectField id="mon-days" label={t('monitoring.period')} value={f.days} onChange={(v) => choose({ days: Number(v) })}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('monitoring.days', { days: d })}
            </option>
          ))}
        </SelectField>
        {role !== 'provider_admin' && !platform && (
          <SelectField id="mon-scope" label={t('monitoring.scope')} value={f.scope ?? 'district'} onChange={(v) => choose({ scope: v })}>
            {OFFICE_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.scopes.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {role !== 'provider_admin' && (
          <button type="button" onClick={print}>
            {t('monitoring.printReport')}
          </button>
        )}
      </div>
      <p className="hint">{t('monitoring.privacy')}</p>
      <ReportMode.Provider value={report}>{role === 'provider_admin' ? <ProviderDashboard days={f.days} /> : <RegionDashboard f={f} platform={platform} />}</ReportMode.Provider>
    </div>
  );
}
