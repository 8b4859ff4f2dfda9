import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringSupply, MonitoringUnmet } from '../../../../shared/schemas/monitoring';
import { CircleMap, type MapCircle } from '../../components/map/CircleMap';
import { SelectField } from '../../components/form';
import { COLOURS } from './Figure';

/** Platform admin: a circle per district seat, sized by available places or by searches that found nothing. */
export function DistrictMap({ supply, unmet }: { supply: MonitoringSupply; unmet: MonitoringUnmet | null }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'available' | 'unmet'>('available');
  const circles: MapCircle[] =
    mode === 'available'
      ? supply.available.byDistrict.flatMap((d) =>
          d.lat === null || d.lon === null ? [] : [{ id: d.key, lat: d.lat, lon: d.lon, value: Math.max(0, d.available), label: t('monitoring.mapAvailable', { name: d.name, n: d.available }) }],
        )
      : (unmet?.emptySearches.byDistrict ?? []).flatMap((d) =>
          d.lat === null || d.lon === null ? [] : [{ id: d.key, lat: d.lat, lon: d.lon, value: typeof d.count === 'number' ? d.count : 2, label: t('monitoring.mapUnmet', { name: d.name, n: d.count }) }],
        );
  return (
    <section aria-labelledby="mon-map">
      <h3 id="mon-map">{t('monitoring.map')}</h3>
      <SelectField id="mon-map-mode" label={t('monitoring.mapMode')} value={mode} onChange={(v) => setMode(v === 'unmet' ? 'unmet' : 'available')}>
        <option value="available">{t('monitoring.mapModes.available')}</option>
        <option value="unmet">{t('monitoring.mapModes.unmet')}</option>
      </SelectField>
      <CircleMap circles={circles} label={t('monitoring.map')} colour={mode === 'available' ? COLOURS[0] : COLOURS[1]} />
    </section>
  );
}
