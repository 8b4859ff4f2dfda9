import { useTranslation } from 'react-i18next';
import type { MonitoringSupply, MonitoringUnmet } from '../../../../shared/schemas/monitoring';
import { DistrictMap } from './DistrictMap';
import { Figure } from './Figure';
import type { Labels } from './labels';
import { TrendFigure } from './TrendFigure';
import { useViewSelect } from './ViewSelect';

const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);
const BY = ['hilfeart', 'alter', 'geschlecht', 'kreis'] as const;
type By = (typeof BY)[number];

/** Supply now: a headline, available places by a chosen breakdown, the trend, the map (platform), freshness, planned places. */
export function SupplySection({ s, u, platform, L }: { s: MonitoringSupply; u: MonitoringUnmet | null; platform: boolean; L: Labels }) {
  const { t } = useTranslation();
  // the platform sees the districts beside the map (the map's text alternative), so not in the select
  const options = platform ? BY.filter((b) => b !== 'kreis') : BY;
  const [, select, shown] = useViewSelect<By>('angebot', options);
  const district = (name: string) => (name === 'unknown' ? t('monitoring.noDistrict') : name);
  const rows = {
    hilfeart: s.available.byServiceType.map((r) => [L.serviceType(r.key), r.available, r.free, r.held]),
    alter: s.available.byAgeBand.map((r) => [L.ageBand(r.key), r.available, r.free, r.held]),
    geschlecht: s.available.byGender.map((r) => [L.gender(r.key), r.available, r.free, r.held]),
    kreis: s.available.byDistrict.map((r) => [district(r.name), r.available, r.free, r.held]),
  };
  const name = (b: By) => t(`monitoring.supplyBy.${b}`);
  const title = (b: By) => t('monitoring.availableBy', { by: t(`monitoring.supplyByTitle.${b}`) });
  const available = s.available.byDistrict.reduce((n, r) => n + r.available, 0);
  const units = s.available.byDistrict.reduce((n, r) => n + r.units, 0);
  return (
    <section aria-labelledby="mon-supply">
      <h2 id="mon-supply">{t('monitoring.supply')}</h2>
      <p>{t('monitoring.availableSummary', { places: t('monitoring.placesN', { count: available }), units: t('monitoring.unitsN', { count: units }) })}</p>
      {select({ id: 'mon-supply-by', label: t('monitoring.supplyBreakDownBy'), names: Object.fromEntries(BY.map((b) => [b, name(b)])) as Record<By, string>, titleOf: title })}
      {shown.map((by) => (
        <Figure
          key={by}
          id={`verfuegbar-nach-${by}`}
          title={title(by)}
          summary={t(`monitoring.supplyNote.${by}`)}
          columns={[t(`monitoring.supplyBy.${by}`), t('monitoring.available'), t('monitoring.free'), t('monitoring.held')]}
          rows={rows[by]}
          colour={by === 'alter' ? 2 : 0}
        />
      ))}
      <TrendFigure trend={s.trend} />
      {platform && <DistrictMap supply={s} unmet={u} />}
      {platform && (
        <Figure
          id="verfuegbar-nach-kreis"
          title={t('monitoring.availableByDistrict')}
          summary={t('monitoring.districtSummary', { count: s.available.byDistrict.length })}
          columns={[t('monitoring.district'), t('monitoring.available'), t('monitoring.units')]}
          rows={s.available.byDistrict.map((r) => [district(r.name), r.available, r.units])}
        />
      )}
      <Figure
        id="aktualitaet"
        title={t('monitoring.freshness')}
        summary={t('monitoring.freshnessSummary', { units: pct(s.freshness.region.shareUnits) ?? '–', places: pct(s.freshness.region.sharePlaces) ?? '–' })}
        columns={[t('monitoring.provider'), t('monitoring.unitsConfirmed'), t('monitoring.placesConfirmed'), t('monitoring.units')]}
        rows={s.freshness.providers.map((r) => [r.name, pct(r.shareUnits), pct(r.sharePlaces), r.units])}
        chart={false}
      />
      <Figure
        id="geplant-30-tage"
        title={t('monitoring.planned')}
        summary={t('monitoring.plannedSummary', { count: s.plannedNext30Days.reduce((n, r) => n + r.places, 0) })}
        columns={[t('monitoring.serviceType'), t('monitoring.places')]}
        rows={s.plannedNext30Days.map((r) => [L.serviceType(r.key), r.places])}
        colour={4}
      />
    </section>
  );
}
