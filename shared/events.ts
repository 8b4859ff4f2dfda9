/**
 * Socket event maps shared by server and client. Every domain event is stored in the `events`
 * table first; its `seq` is what a reconnecting client resumes from.
 */

export interface EventEnvelope<T extends keyof DomainEventMap = keyof DomainEventMap> {
  seq: number;
  type: T;
  at: string;
  payload: DomainEventMap[T];
}

/** Payloads of the domain events, by `feature:event` name. Features add theirs here. */
export interface DomainEventMap {
  'user:changed': { userId: string; organisationId: string; disabled: boolean };
  'organisation:changed': { organisationId: string; verified: boolean };
  'vacancy:changed': {
    unitId: string;
    providerId: string;
    freePlaces: number | null;
    lastConfirmedAt: string | null;
    /** 'stale': the freshness job saw the unit become unconfirmed or leave default results. */
    reason: 'confirmed' | 'free-changed' | 'planned-changed' | 'attributes-changed' | 'created' | 'archived' | 'verified' | 'stale' | 'held-changed';
  };
  'request:changed': {
    requestId: string;
    groupId: string;
    unitId: string;
    officeId: string;
    providerId: string;
    status: 'open' | 'question' | 'accepted' | 'declined' | 'withdrawn' | 'released' | 'expired' | 'confirmed';
    urgency: 'emergency' | 'regular';
    what: 'created' | 'accepted' | 'declined' | 'message' | 'question' | 'confirmed' | 'withdrawn' | 'released' | 'expired';
  };
  'request:escalated': {
    groupId: string;
    requestIds: string[];
    suggestions: { unitId: string; unitName: string; providerName: string; distanceKm: number; emergencyPhone: string }[];
  };
}

export type DomainEventType = keyof DomainEventMap;

export interface SyncResult {
  events: EventEnvelope[];
  /** False when the client was away longer than events are kept: it must reload its views. */
  complete: boolean;
  lastSeq: number;
}

export interface ServerToClientEvents {
  /** One envelope per domain event the socket's rooms may see. */
  event: (e: EventEnvelope) => void;
  /** The session ended on the server (logout elsewhere, user disabled, timeout). */
  'session:ended': (p: { reason: 'logout' | 'disabled' | 'expired' }) => void;
}

export interface ClientToServerEvents {
  /**
   * Ask for every event after `seq` that this socket may see, in order. `seq: 0` means "I have
   * nothing yet": the answer carries no events, only the current `lastSeq` to resume from.
   */
  'sync:since': (p: { seq: number }, ack: (r: SyncResult | { error: string }) => void) => void;
}
