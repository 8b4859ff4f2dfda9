import type { OfflinePack } from '../../../../shared/schemas/fallback-contacts';
import type { EmergencyUnit } from './api';

/** One emergency unit as kept on the device: names and numbers only, nothing about the child. */
export interface CachedUnit {
  unitName: string;
  providerName: string;
  city: string | null;
  emergencyPhone: string;
  distanceKm?: number;
}

export interface OfflineCache {
  pack?: { at: string; units: CachedUnit[]; fallbackContacts: OfflinePack['fallbackContacts'] };
  lastResult?: { at: string; units: CachedUnit[] };
}

/** Cleared at logout (lib/auth.tsx). */
export const OFFLINE_KEY = 'hpb.emergency.offline';

export function readOfflineCache(): OfflineCache {
  try {
    return JSON.parse(localStorage.getItem(OFFLINE_KEY) ?? '{}') as OfflineCache;
  } catch {
    return {};
  }
}

function write(update: (c: OfflineCache) => OfflineCache) {
  localStorage.setItem(OFFLINE_KEY, JSON.stringify(update(readOfflineCache())));
}

export function keepPack(p: OfflinePack) {
  write((c) => ({ ...c, pack: { at: p.at, units: p.units.map(({ unitName, providerName, city, emergencyPhone }) => ({ unitName, providerName, city, emergencyPhone })), fallbackContacts: p.fallbackContacts } }));
}

/** The search's result without its query: age, gender and place of the child are not kept. */
export function keepResult(items: EmergencyUnit[]) {
  write((c) => ({
    ...c,
    lastResult: { at: new Date().toISOString(), units: items.map(({ unitName, providerName, city, emergencyPhone, distanceKm }) => ({ unitName, providerName, city, emergencyPhone, distanceKm })) },
  }));
}
