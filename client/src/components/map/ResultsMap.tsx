import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import L from 'leaflet';
import type { TFunction } from 'i18next';
import { Component, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Circle, MapContainer, Marker, Popup, TileLayer, useMap, ZoomControl } from 'react-leaflet';
import MarkerClusterGroup from 'react-leaflet-cluster';
import { api } from '../../lib/api';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Accessible name of the marker (also its tooltip). */
  label: string;
  /** Foster places and the like: drawn as an area, never as an exact point. */
  coarse?: boolean;
  /** Short text on the marker itself (e.g. available places), never colour alone. */
  badge?: string;
  highlight?: boolean;
  muted?: boolean;
  popup?: React.ReactNode;
}

export interface ClientConfig {
  mapTileUrl: string;
  mapTileAttribution: string;
}

let configPromise: Promise<ClientConfig> | undefined;
/** The map tile settings of the server (MAP_TILE_URL), loaded once. */
export const clientConfig = () => (configPromise ??= api<ClientConfig>('GET', '/api/v1/client-config'));

function icon(p: MapPoint) {
  return L.divIcon({
    className: `map-pin${p.highlight ? ' new' : ''}${p.muted ? ' muted' : ''}`,
    html: `<span>${p.badge ?? ''}</span>`,
    iconSize: [34, 34],
    iconAnchor: [17, 17],
  });
}

/** A cluster is a button (Leaflet gives it the role); its name starts with the count it shows: "2 Treffer – vergrößern". */
const clusterIcon = (t: TFunction) => (cluster: { getChildCount(): number }) => {
  const n = cluster.getChildCount();
  return L.divIcon({ className: 'map-cluster', html: `<span aria-hidden="true">${n}</span><span class="sr-only">${t('map.cluster', { count: n })}</span>`, iconSize: [40, 40] });
};

/** The map's focusable container is a named region with its keys described; the attribution's "Leaflet" is English. */
function NameContainer({ label }: { label: string }) {
  const map = useMap();
  const { t } = useTranslation();
  useEffect(() => {
    const el = map.getContainer();
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
    el.setAttribute('aria-roledescription', t('map.role'));
    el.title = t('map.keys');
  }, [map, label, t]);
  return null;
}

function FitBounds({ points }: { points: MapPoint[] }) {
  const map = useMap();
  const key = points.map((p) => p.id).join(',');
  useEffect(() => {
    if (points.length === 0) return;
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])).pad(0.2), { maxZoom: 12 });
    // the points' identity, not their object, decides when to refit
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, map]);
  return null;
}

/** A broken map must never take the list down with it. */
class MapBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * Results on a map, clustered. Tiles come from MAP_TILE_URL; without tiles (offline) the markers
 * still show. The map is never the only way to see results: every page shows the same list beside it.
 */
export function ResultsMap(props: { points: MapPoint[]; label: string; onSelect?: (id: string) => void }) {
  return (
    <MapBoundary>
      <MapInner {...props} />
    </MapBoundary>
  );
}

function MapInner({ points, label, onSelect }: { points: MapPoint[]; label: string; onSelect?: (id: string) => void }) {
  const [cfg, setCfg] = useState<ClientConfig | null>(null);
  useEffect(() => {
    clientConfig().then(setCfg, () => setCfg({ mapTileUrl: '', mapTileAttribution: '' }));
  }, []);
  const exact = useMemo(() => points.filter((p) => !p.coarse), [points]);
  const coarse = useMemo(() => points.filter((p) => p.coarse), [points]);
  const { t } = useTranslation();
  const clusters = useMemo(() => clusterIcon(t), [t]);
  // Leaflet turns Enter on a marker into its popup only, not a click: choosing by keyboard is handled here
  const handlers = (id: string) => ({
    click: () => onSelect?.(id),
    keypress: (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter') onSelect?.(id);
    },
  });
  return (
    <div className="map-wrap">
      <MapContainer center={[51.16, 10.45]} zoom={6} minZoom={5} maxZoom={18} className="map" scrollWheelZoom={false} zoomControl={false}>
        <NameContainer label={label} />
        <ZoomControl position="topleft" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
        {cfg?.mapTileUrl && <TileLayer url={cfg.mapTileUrl} attribution={cfg.mapTileAttribution} />}
        <FitBounds points={points} />
        <MarkerClusterGroup chunkedLoading iconCreateFunction={clusters} showCoverageOnHover={false}>
          {exact.map((p) => (
            <Marker key={p.id} position={[p.lat, p.lon]} icon={icon(p)} title={p.label} alt={p.label} eventHandlers={handlers(p.id)}>
              {p.popup && <Popup>{p.popup}</Popup>}
            </Marker>
          ))}
        </MarkerClusterGroup>
        {coarse.map((p) => (
          <Circle key={p.id} center={[p.lat, p.lon]} radius={3000} pathOptions={{ color: '#5b2a86', dashArray: '6 4', weight: 2 }} eventHandlers={handlers(p.id)}>
            {p.popup && <Popup>{p.popup}</Popup>}
          </Circle>
        ))}
      </MapContainer>
    </div>
  );
}

export default ResultsMap;
