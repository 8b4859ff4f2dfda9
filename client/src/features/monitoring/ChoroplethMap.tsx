import 'leaflet/dist/leaflet.css';
import { geoJSON, type Layer, type Path } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, MapContainer, TileLayer } from 'react-leaflet';
import type { DistrictBoundaries } from '../../../../shared/schemas/district-boundaries';
import { clientConfig, type ClientConfig } from '../../components/map/ResultsMap';
import { classesFor, classOf, NO_DATA } from './choropleth-scale';

/** A district's figure: a count, "< 5" (suppressed) or none (not in the figures). */
export interface DistrictValue {
  value: number | '< 5';
  /** Accessible text: name and value. */
  label: string;
}

interface Props {
  boundaries: DistrictBoundaries;
  values: Map<string, DistrictValue>;
  scheme: readonly string[];
  /** Name of the map region and of the legend. */
  label: string;
  legendTitle: string;
}

/**
 * Districts as polygons shaded by a figure. Each polygon can be reached with the Tab key and carries
 * its name and value (aria-label, and the tooltip while it has the focus); the page's table stays
 * the full alternative.
 */
export function ChoroplethMap({ boundaries, values, scheme, label, legendTitle }: Props) {
  const { t } = useTranslation();
  const [cfg, setCfg] = useState<ClientConfig | null>(null);
  useEffect(() => {
    clientConfig().then(setCfg, () => setCfg({ mapTileUrl: '', mapTileAttribution: '' }));
  }, []);
  const numeric = (v: DistrictValue | undefined) => (v === undefined ? undefined : v.value === '< 5' ? 4 : v.value);
  const classes = useMemo(() => classesFor(Math.max(0, ...[...values.values()].map((v) => numeric(v) ?? 0)), scheme), [values, scheme]);
  const bounds = useMemo(() => geoJSON(boundaries as never).getBounds(), [boundaries]);
  const missing = boundaries.features.filter((f) => !values.has(f.id)).length;
  const valuesKey = useMemo(() => [...values].map(([k, v]) => `${k}=${v.value}`).join(','), [values]);

  const style = (f?: { id?: string | number }) => {
    const n = numeric(values.get(String(f?.id)));
    return { color: '#333333', weight: 1, fillOpacity: 0.75, fillColor: n === undefined ? NO_DATA : classOf(n, classes).colour };
  };
  const onEach = (f: { id?: string | number; properties: { name: string } }, layer: Layer) => {
    const text = values.get(String(f.id))?.label ?? t('districtBoundaries.noValue', { name: f.properties.name });
    layer.bindTooltip(text, { sticky: false });
    layer.on('add', () => {
      const el = (layer as Path).getElement();
      if (!el) return;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', text);
      el.addEventListener('focus', () => layer.openTooltip());
      el.addEventListener('blur', () => layer.closeTooltip());
    });
  };
  const range = (c: { from: number; to: number }) => (c.from === c.to ? String(c.from) : `${c.from}–${c.to}`);
  return (
    <div>
      <section className="map-wrap" aria-label={label} style={{ height: '26rem' }}>
        <MapContainer bounds={bounds} maxBounds={bounds.pad(1)} zoomSnap={0.25} minZoom={5} maxZoom={12} className="map" scrollWheelZoom={false}>
          {cfg?.mapTileUrl && <TileLayer url={cfg.mapTileUrl} attribution={cfg.mapTileAttribution} />}
          {/* GeoJSON does not redraw on new props: a new key for each figure */}
          <GeoJSON key={`${scheme[0]}:${boundaries.uploadedAt}:${valuesKey}`} data={boundaries as never} style={style as never} onEachFeature={onEach as never} />
        </MapContainer>
      </section>
      <figure className="choropleth-legend" style={{ margin: '0.5rem 0' }}>
        <figcaption>{legendTitle}</figcaption>
        <ul style={{ listStyle: 'none', padding: 0, margin: '0.25rem 0', display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
          {classes.map((c) => (
            <li key={c.colour} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
              <span aria-hidden="true" style={{ display: 'inline-block', width: '1.2rem', height: '1rem', background: c.colour, border: '1px solid #333' }} />
              {range(c)}
            </li>
          ))}
          {missing > 0 && (
            <li style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
              <span aria-hidden="true" style={{ display: 'inline-block', width: '1.2rem', height: '1rem', background: NO_DATA, border: '1px solid #333' }} />
              {t('districtBoundaries.legendNoValue', { count: missing })}
            </li>
          )}
        </ul>
      </figure>
    </div>
  );
}
