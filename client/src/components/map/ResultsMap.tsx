import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import L from 'leaflet';
import { Component, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Circle, MapContainer, Marker, Popup, TileLayer, useMap } from 'react-leaflet';
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

function clusterIcon(cluster: { getChildCount(): number }) {
  return L.divIcon({ className: 'map-cluster', html: `<span>${cluster.getChildCount()}</span>`, iconSize: [40, 40] });
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
  return (
    <section className="map-wrap" aria-label={label}>
      <MapContainer center={[51.16, 10.45]} zoom={6} minZoom={5} maxZoom={18} className="map" scrollWheelZoom={false}>
        {cfg?.mapTileUrl && <TileLayer url={cfg.mapTileUrl} attribution={cfg.mapTileAttribution} />}
        <FitBounds points={points} />
        <MarkerClusterGroup chunkedLoading iconCreateFunction={clusterIcon} showCoverageOnHover={false}>
          {exact.map((p) => (
            <Marker key={p.id} position={[p.lat, p.lon]} icon={icon(p)} title={p.label} alt={p.label} eventHandlers={{ click: () => onSelect?.(p.id) }}>
              {p.popup && <Popup>{p.popup}</Popup>}
            </Marker>
          ))}
        </MarkerClusterGroup>
        {coarse.map((p) => (
          <Circle key={p.id} center={[p.lat, p.lon]} radius={3000} pathOptions={{ color: '#5b2a86', dashArray: '6 4', weight: 2 }} eventHandlers={{ click: () => onSelect?.(p.id) }}>
            {p.popup && <Popup>{p.popup}</Popup>}
          </Circle>
        ))}
      </MapContainer>
    </section>
  );
}

export default ResultsMap;
