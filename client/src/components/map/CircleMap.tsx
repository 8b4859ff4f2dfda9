import 'leaflet/dist/leaflet.css';
import { useEffect, useState } from 'react';
import { CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';
import { clientConfig, type ClientConfig } from './ResultsMap';

export interface MapCircle {
  id: string;
  lat: number;
  lon: number;
  value: number;
  /** Accessible text of the circle (name and value). */
  label: string;
}

/**
 * Circles sized by a value (area proportional), one colour; never the only way to read the
 * figures: the page shows the same numbers as a table.
 */
export function CircleMap({ circles, label, colour }: { circles: MapCircle[]; label: string; colour: string }) {
  const [cfg, setCfg] = useState<ClientConfig | null>(null);
  useEffect(() => {
    clientConfig().then(setCfg, () => setCfg({ mapTileUrl: '', mapTileAttribution: '' }));
  }, []);
  const max = Math.max(1, ...circles.map((c) => c.value));
  return (
    <section className="map-wrap" aria-label={label}>
      <MapContainer center={[51.16, 10.45]} zoom={6} minZoom={5} maxZoom={12} className="map" scrollWheelZoom={false}>
        {cfg?.mapTileUrl && <TileLayer url={cfg.mapTileUrl} attribution={cfg.mapTileAttribution} />}
        {circles.map((c) => (
          <CircleMarker key={c.id} center={[c.lat, c.lon]} radius={4 + 26 * Math.sqrt(c.value / max)} pathOptions={{ color: colour, fillColor: colour, fillOpacity: 0.45, weight: 2 }}>
            <Tooltip>{c.label}</Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </section>
  );
}
