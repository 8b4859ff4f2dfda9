import { useSyncExternalStore } from 'react';
import type { NotificationSummary } from '../../../shared/schemas/notifications';
import { api } from './api';

/** The count of requests waiting for the user, shared by the badge, the title and the alerts. */
let current: NotificationSummary = { waiting: 0, emergencyWaiting: 0 };
const listeners = new Set<() => void>();

export async function refreshWaiting(): Promise<NotificationSummary> {
  current = await api<NotificationSummary>('GET', '/api/v1/notifications/summary');
  listeners.forEach((l) => l());
  return current;
}

export function useWaiting(): NotificationSummary {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
