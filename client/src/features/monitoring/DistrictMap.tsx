import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringSupply, MonitoringUnmet } from '../../../../shared/schemas/monitoring';
import { CircleMap, type MapCircle } from '../../components/map/CircleMap';
import { SelectField } from '../../components/form';
import { BoundaryUpload } from './BoundaryUpload';
import { ChoroplethMap, type DistrictValue } from './ChoroplethMap';
import { SCHEMES } from './choropleth-scale';
import { useBoundaries } from './district-boundaries-api';
import { COLOURS } from './Figure';

/**
 * Platform admin: the districts shaded by available places or by searches that found nothing, when
 * district boundaries were uploaded; otherwise a circle per district centre sized by the figure.
 */
export function DistrictMap({ supply, unmet }: { supply: MonitoringSupply; unmet: MonitoringUnmet | null }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'available' | 'unmet'>('available');
  const boundaries = useBoundaries();
  const rows = useMemo(
    () =>
      mode === 'available'
        ? supply.available.byDistrict.map((d) => ({ ...d, value: Math.max(0, d.available) as number | '< 5', label: t('monitoring.mapAvailable', { name: d.name, n: d.available }) }))
        : (unmet?.emptySearches.byDistrict ?? []).map((d) => ({ ...d, value: d.count, label: t('monitoring.mapUnmet', { name: d.name, n: d.count }) })),
    [mode, supply, unmet, t],
  );
  const shapes = boundaries.data && boundaries.data.features.length > 0 ? boundaries.data : null;
  // a district in the figure's scope without a row had nothing to count: 0 places, or "< 5" searches
  const scope = mode === 'available' ? supply.districts : unmet ? unmet.districts : [];
  const values = useMemo(() => {
    const m = new Map<string, DistrictValue>(rows.map((r) => [r.key, { value: r.value, label: r.label }]));
    for (const f of shapes?.features ?? []) {
      if (m.has(f.id) || (scope !== null && !scope.includes(f.id))) continue;
      const name = f.properties.name;
      m.set(f.id, mode === 'available' ? { value: 0, label: t('monitoring.mapAvailable', { name, n: 0 }) } : { value: '< 5', label: t('monitoring.mapUnmet', { name, n: '< 5' }) });
    }
    return m;
  }, [rows, shapes, scope, mode, t]);
  const circles: MapCircle[] = rows.flatMap((d) =>
    d.lat === null || d.lon === null ? [] : [{ id: d.key, lat: d.lat, lon: d.lon, value: typeof d.value === 'number' ? d.value : 2, label: d.label }],
  );
  return (
    <section aria-labelledby="mon-map">
      <h3 id="mon-map">{t('monitoring.map')}</h3>
      <SelectField id="mon-map-mode" label={t('monitoring.mapMode')} value={mode} onChange={(v) => setMode(v === 'unmet' ? 'unmet' : 'available')}>
        <option value="available">{t('monitoring.mapModes.available')}</option>
        <option value="unmet">{t('monitoring.mapModes.unmet')}</option>
      </SelectField>
      {shapes ? (
        <ChoroplethMap
          boundaries={shapes}
          values={values}
          scheme={SCHEMES[mode]}
          label={t('districtBoundaries.mapLabel', { figure: t(`monitoring.mapModes.${mode}`) })}
          legendTitle={t('districtBoundaries.legend', { figure: t(`monitoring.mapModes.${mode}`) })}
        />
      ) : (
        <CircleMap circles={circles} label={t('monitoring.map')} colour={mode === 'available' ? COLOURS[0] : COLOURS[1]} />
      )}
      {boundaries.data && <BoundaryUpload boundaries={boundaries.data} onChange={boundaries.reload} />}
    </section>
  );
}
