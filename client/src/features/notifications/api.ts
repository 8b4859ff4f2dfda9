import type { FallbackContact, FallbackContacts } from '../../../../shared/schemas/fallback-contacts';
import type { MySettings, MySettingsBody } from '../../../../shared/schemas/notifications';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export type { FallbackContact, MySettings };

export const useMySettings = () => useApiData(() => api<MySettings>('GET', '/api/v1/me/settings'), []);
export const saveMySettings = (b: MySettingsBody) => api<MySettings>('PATCH', '/api/v1/me/settings', b);

export const useFallbackContacts = (enabled: boolean) =>
  useApiData(() => (enabled ? api<FallbackContacts>('GET', '/api/v1/emergency/fallback-contacts') : Promise.resolve({ items: [] })), [enabled]);
export const saveFallbackContacts = (items: FallbackContact[]) => api<FallbackContacts>('PUT', '/api/v1/emergency/fallback-contacts', { items });

const b64ToBytes = (s: string) => {
  const b = atob((s + '='.repeat((4 - (s.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
};

/** Subscribes this device through the service worker and tells the server; returns false if the browser cannot. */
export async function subscribePush(publicKey: string): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return false;
  if ((await Notification.requestPermission()) !== 'granted') return false;
  const reg = await navigator.serviceWorker.ready;
  const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64ToBytes(publicKey) });
  await api('POST', '/api/v1/me/push-subscriptions', sub.toJSON());
  return true;
}

export async function pushSubscribed(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return false;
  const reg = await navigator.serviceWorker.getRegistration();
  return !!(await reg?.pushManager.getSubscription());
}

export async function unsubscribePush(): Promise<void> {
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub) return;
  await api('DELETE', '/api/v1/me/push-subscriptions', { endpoint: sub.endpoint }).catch(() => {});
  await sub.unsubscribe();
}
