import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap } from 'react-leaflet';
import { Link } from 'react-router';
import { getClientConfig, type ClientConfig } from './api';

export interface MapOffer {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

const GERMANY: [number, number] = [51.1, 10.4];

function FitBounds({ offers }: { offers: MapOffer[] }) {
  const map = useMap();
  const key = offers.map((o) => o.id).join(',');
  useEffect(() => {
    if (!offers.length) return;
    map.fitBounds(L.latLngBounds(offers.map((o) => [o.lat, o.lon] as [number, number])).pad(0.2), { maxZoom: 13, animate: false });
    // refit when the set of offers changes, not on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, map]);
  return null;
}

/**
 * Offers on a map (those of the list, or the one of an offer page: say which with `hint`). Markers are vector circles, so they show even when no tile can be
 * loaded (offline, blocked); the list beside it carries the same information.
 */
export function OfferMap({ offers, detailPath, hint }: { offers: MapOffer[]; detailPath: (id: string) => string; hint?: string }) {
  const { t } = useTranslation();
  const [config, setConfig] = useState<ClientConfig | null>(null);
  useEffect(() => {
    getClientConfig().then(setConfig, () => setConfig({ mapTileUrl: '', mapTileAttribution: '' }));
  }, []);
  return (
    <div className="dir-map" data-testid="directory-map">
      <MapContainer center={GERMANY} zoom={6} scrollWheelZoom={false} className="dir-map-canvas" attributionControl>
        {config?.mapTileUrl && <TileLayer url={config.mapTileUrl} attribution={config.mapTileAttribution} />}
        <FitBounds offers={offers} />
        {offers.map((o) => (
          <CircleMarker key={o.id} center={[o.lat, o.lon]} radius={9} pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#0b4f6c', fillOpacity: 1 }}>
            <Popup>
              <Link to={detailPath(o.id)}>{o.name}</Link>
            </Popup>
          </CircleMarker>
        ))}
      </MapContainer>
      <p className="hint">{hint ?? t('directory.mapHint')}</p>
    </div>
  );
}
