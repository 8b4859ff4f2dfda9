import type { Db } from '../db';

export const CONTROL_CHANNEL = 'hpb_control';

export interface SessionEnd {
  userId?: string;
  sessionId?: string;
  reason: 'logout' | 'disabled' | 'expired';
}

/**
 * Tells every app node to drop the matching sockets. Sent through NOTIFY, so inside a transaction
 * it takes effect only when that commits.
 */
export async function announceSessionEnd(db: Db, end: SessionEnd): Promise<void> {
  await db`select pg_notify(${CONTROL_CHANNEL}, ${JSON.stringify(end)})`;
}
