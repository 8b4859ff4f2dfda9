import type { ErrorBody } from './errors';
import type { SearchJoin, SearchLeave, SyncSince } from './schemas/realtime';

/**
 * Socket event maps shared by server and client. Every domain event is stored in the `events`
 * table first; its `seq` is what a reconnecting client resumes from.
 */

export interface TypedEnvelope<T extends keyof DomainEventMap> {
  seq: number;
  type: T;
  at: string;
  payload: DomainEventMap[T];
}

/** One envelope per event type; without a parameter a union that narrows on `type`. */
export type EventEnvelope<T extends keyof DomainEventMap = keyof DomainEventMap> = T extends keyof DomainEventMap ? TypedEnvelope<T> : never;

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
    reason: 'confirmed' | 'free-changed' | 'planned-changed' | 'attributes-changed' | 'created' | 'archived' | 'verified' | 'stale' | 'held-changed' | 'paused' | 'resumed' | 'admittable-changed';
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
    /** Whom to call when the suggestions run out: the office's on-call numbers, the Landesjugendamt. */
    fallbackContacts?: { kind: string; label: string; phone: string }[];
  };
  /** A unit now matches an open search (room search:<id>); fetch /api/v1/searches/:id/results/:unitId for the explained result. */
  'search:match-added': SearchMatchPayload;
  /** A unit no longer matches an open search. */
  'search:match-removed': { searchId: string; unitId: string };
  /** A matching unit's figures changed (free, held, available places, date, confirmation, attributes). */
  'search:match-changed': SearchMatchPayload;
  /** The search was closed or expired, or its results must be loaded again. */
  'search:reload': { searchId: string; reason: 'closed' | 'expired' | 'resync' };
}

export interface SearchMatchPayload {
  searchId: string;
  unitId: string;
  unitName: string;
  providerName: string;
  freePlaces: number;
  heldPlaces: number;
  availablePlaces: number;
  /** YYYY-MM-DD: today when available now, else the planned date. */
  availableFrom: string;
  lastConfirmedAt: string | null;
  distanceKm: number | null;
}

/** Answer to 'search:join': the events of that search after `since`, as 'sync:since' gives them. */
export type SearchJoinResult = SyncResult & { searchId: string; status: 'open' | 'closed' | 'expired' };

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

/** A socket request's answer: its result, or the one error shape `{ error: { code, message, details? } }`. */
export type SocketAck<T> = T | ErrorBody;

export interface ClientToServerEvents {
  /**
   * Ask for every event after `seq` that this socket may see, in order. `seq: 0` means "I have
   * nothing yet": the answer carries no events, only the current `lastSeq` to resume from.
   */
  'sync:since': (p: SyncSince, ack: (r: SocketAck<SyncResult>) => void) => void;
  /**
   * Join the live updates of one of the own office's open searches (room search:<id>); with
   * `since`, the answer carries that search's events after it. Another office's search: NOT_FOUND.
   */
  'search:join': (p: SearchJoin, ack: (r: SocketAck<SearchJoinResult>) => void) => void;
  'search:leave': (p: SearchLeave, ack?: (r: SocketAck<{ ok: true }>) => void) => void;
}
