import 'leaflet/dist/leaflet.css';
import { geoJSON, type GeoJSON as GeoJSONLayer, type Layer, type Path } from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
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

type DistrictLayer = Path & { feature?: { id?: string | number; properties: { name: string } } };
const swatch = (colour: string) => <span aria-hidden="true" style={{ display: 'inline-block', width: '1.2rem', height: '1rem', background: colour, border: '1px solid #333' }} />;
const item = { display: 'flex', alignItems: 'center', gap: '0.4rem' } as const;

/**
 * Districts as polygons shaded by a figure. Each polygon can be reached with the Tab key and carries
 * its name and value (accessible name, and the tooltip while it has the focus); a link before the map
 * skips its polygons; the page's table stays the full alternative. New figures (live updates, the
 * other figure) restyle the polygons in place, so the keyboard focus stays where it is.
 */
export function ChoroplethMap({ boundaries, values, scheme, label, legendTitle }: Props) {
  const { t } = useTranslation();
  const layerRef = useRef<GeoJSONLayer | null>(null);
  const [cfg, setCfg] = useState<ClientConfig | null>(null);
  useEffect(() => {
    clientConfig().then(setCfg, () => setCfg({ mapTileUrl: '', mapTileAttribution: '' }));
  }, []);
  const numeric = (v: DistrictValue | undefined) => (v === undefined ? undefined : v.value === '< 5' ? 4 : v.value);
  const classes = useMemo(() => classesFor(Math.max(0, ...[...values.values()].map((v) => numeric(v) ?? 0)), scheme), [values, scheme]);
  const bounds = useMemo(() => geoJSON(boundaries as never).getBounds(), [boundaries]);
  const missing = boundaries.features.filter((f) => !values.has(f.id)).length;

  /** Colour, accessible name and tooltip of one district from the current figures. */
  function paint(layer: DistrictLayer) {
    const f = layer.feature;
    if (!f) return;
    const v = values.get(String(f.id));
    const n = numeric(v);
    const text = v?.label ?? t('districtBoundaries.noValue', { name: f.properties.name });
    layer.setStyle({ color: '#333333', weight: 1, fillOpacity: 0.75, fillColor: n === undefined ? NO_DATA : classOf(n, classes).colour });
    if (layer.getTooltip()) layer.setTooltipContent(text);
    else layer.bindTooltip(text);
    const el = layer.getElement();
    if (el) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', text);
    }
  }
  const onEach = (_f: unknown, layer: Layer) => {
    layer.on('add', () => {
      paint(layer as DistrictLayer);
      const el = (layer as Path).getElement();
      el?.addEventListener('focus', () => layer.openTooltip());
      el?.addEventListener('blur', () => layer.closeTooltip());
    });
  };
  useEffect(() => {
    layerRef.current?.eachLayer((l) => paint(l as DistrictLayer));
  });

  const range = (c: { from: number; to: number }) => (c.from === c.to ? String(c.from) : `${c.from}–${c.to}`);
  return (
    <div style={{ position: 'relative' }}>
      <a className="skip" href="#mon-map-legend">
        {t('districtBoundaries.skipMap')}
      </a>
      <section className="map-wrap" aria-label={label} style={{ height: '26rem' }}>
        <MapContainer bounds={bounds} maxBounds={bounds.pad(1)} zoomSnap={0.25} minZoom={5} maxZoom={12} className="map" scrollWheelZoom={false}>
          {cfg?.mapTileUrl && <TileLayer url={cfg.mapTileUrl} attribution={cfg.mapTileAttribution} />}
          {/* GeoJSON does not redraw on new data: a new key for new boundaries */}
          <GeoJSON key={boundaries.uploadedAt} ref={layerRef} data={boundaries as never} onEachFeature={onEach} />
        </MapContainer>
      </section>
      <figure className="choropleth-legend" id="mon-map-legend" tabIndex={-1} style={{ margin: '0.5rem 0' }}>
        <figcaption>{legendTitle}</figcaption>
        <ul style={{ listStyle: 'none', padding: 0, margin: '0.25rem 0', display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
          {classes.map((c) => (
            <li key={c.colour} style={item}>
              {swatch(c.colour)}
              {range(c)}
            </li>
          ))}
          {missing > 0 && (
            <li style={item}>
              {swatch(NO_DATA)}
              {t('districtBoundaries.legendNoValue', { count: missing })}
            </li>
          )}
        </ul>
      </figure>
    </div>
  );
}
