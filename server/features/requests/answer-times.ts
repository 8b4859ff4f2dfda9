import type { AnswerTimes } from '../../../shared/schemas/requests';
import type { Db } from '../../db';
import type postgres from 'postgres';
import { answerTimesStatement, selectAnswerTimes, type AnswerTimeRow } from './queries';

/** Over how many days answer times are measured, and how many requests a figure needs. */
export const ANSWER_DAYS = 90;
export const ANSWER_MIN_REQUESTS = 5;

const share = (n: number, of: number) => (of >= ANSWER_MIN_REQUESTS ? Math.round((n / of) * 100) / 100 : null);

export function toAnswerTimes(r: AnswerTimeRow | undefined): AnswerTimes {
  if (!r || r.requests < ANSWER_MIN_REQUESTS) return { enough: false, requests: r && r.requests >= ANSWER_MIN_REQUESTS ? r.requests : null, medianMinutes: null, emergencyWithin30: null, regularWithin24h: null };
  return {
    enough: true,
    requests: r.requests,
    medianMinutes: r.medianMinutes === null ? null : Math.round(r.medianMinutes),
    emergencyWithin30: share(r.emergencyWithin30, r.emergencyRequests),
    regularWithin24h: share(r.regularWithin24h, r.regularRequests),
  };
}

/**
 * Each provider's answer times over the last 90 days (median minutes to the first answer, share of
 * emergency requests answered within 30 minutes and of regular ones within 24 hours). Below five
 * requests: `enough: false` ("noch zu wenige Anfragen").
 */
export async function answerTimesOf(db: Db, providerIds: string[]): Promise<Map<string, AnswerTimes>> {
  const rows = providerIds.length ? await selectAnswerTimes(db, [...new Set(providerIds)], ANSWER_DAYS) : [];
  return new Map(providerIds.map((id) => [id, toAnswerTimes(rows.find((r) => r.providerId === id))]));
}

/**
 * The statement part that yields answerTimesOf's rows for the providers `which` keeps (a condition
 * on `provider_id`), to be joined into another statement; `toAnswerTimes` shapes a row.
 */
export function answerTimesPart(db: Db, which: postgres.Fragment): postgres.PendingQuery<AnswerTimeRow[]> {
  return answerTimesStatement(db, which, ANSWER_DAYS);
}

/** The median over all providers with enough requests: what a provider's own figure is set beside. */
export async function regionalAnswerTimes(db: Db): Promise<{ medianMinutes: number | null; providers: number }> {
  const rows = (await selectAnswerTimes(db, null, ANSWER_DAYS)).filter((r) => r.requests >= ANSWER_MIN_REQUESTS && r.medianMinutes !== null);
  const sorted = rows.map((r) => r.medianMinutes!).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMinutes: median === null ? null : Math.round(median), providers: rows.length };
}
export type { AnswerTimeRow } from './queries';
