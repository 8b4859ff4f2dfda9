import type { ConfirmLinkResult, ConfirmLinkView } from '../../../shared/schemas/confirm-links';
import { writeAudit, type AuditOrigin } from '../../audit';
import { nowOf } from '../../clock';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { AppError, notFound } from '../../http/errors';
import { announceVacancy, confirmPlaces } from '../places/service';
import { insertLink, markUsed, selectLink, selectLinkUnits, type ConfirmLinkRow } from './queries';
import { linkIdOf, signLink, verifyLink } from './tokens';

/** How long a link in a reminder works. */
export const LINK_HOURS = 72;

export function publicBase(ctx: AppContext): string {
  return (ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`).replace(/\/$/, '');
}

export interface ReminderLinks {
  /** "Alles unverändert": every unit of the reminder. */
  all: string;
  /** Per unit: "Stimmt noch" (confirm) and "Ändern" (login, then the unit). */
  units: Record<string, { confirm: string; change: string }>;
}

/** Issues the links of one reminder, inside the transaction that sends it. */
export async function issueReminderLinks(ctx: AppContext, tx: Db, providerId: string, unitIds: string[], sentTo: 'staff' | 'admin', at: Date): Promise<ReminderLinks> {
  const base = publicBase(ctx);
  const url = async (ids: string[], scope: 'unit' | 'all') => {
    const l = await insertLink(tx, { providerId, unitIds: ids, scope, sentTo, hours: LINK_HOURS, at });
    return `${base}/bestaetigen/${signLink(ctx.config.SESSION_SECRET, l.id, new Date(l.expiresAt))}`;
  };
  const units: ReminderLinks['units'] = {};
  for (const id of unitIds) units[id] = { confirm: await url([id], 'unit'), change: `${base}/belegung/angebote/${id}` };
  return { all: await url(unitIds, 'all'), units };
}

/** The link a token names (expired by the jobs' clock), if its signature holds; a forged or unknown token is simply not found. */
async function findLink(ctx: AppContext, db: Db, token: string, lock: boolean): Promise<ConfirmLinkRow> {
  const id = linkIdOf(token);
  const link = id ? await selectLink(db, id, nowOf(ctx), lock) : undefined;
  if (!link || !verifyLink(ctx.config.SESSION_SECRET, token, link.id, new Date(link.expiresAt))) throw notFound('Confirm link');
  return link;
}

const stateOf = (l: ConfirmLinkRow) => (l.usedAt ? 'used' : l.expired ? 'expired' : 'ready');
const iso = (d: string) => new Date(d).toISOString();
const toUnit = (u: Awaited<ReturnType<typeof selectLinkUnits>>[number]) => ({ ...u, lastConfirmedAt: u.lastConfirmedAt && iso(u.lastConfirmedAt) });

/** What the landing page shows; changes nothing (mail scanners fetch links before people do). */
export async function viewLink(ctx: AppContext, token: string): Promise<ConfirmLinkView> {
  const link = await findLink(ctx, ctx.sql, token, false);
  const units = await selectLinkUnits(ctx.sql, link.providerId, link.unitIds);
  return { providerName: link.providerName, scope: link.scope, state: stateOf(link), expiresAt: iso(link.expiresAt), usedAt: link.usedAt && iso(link.usedAt), units: units.map(toUnit) };
}

/**
 * Confirms the unchanged figures of exactly the link's units (those still the provider's, live and
 * with places), once. Audited as the link with the caller's address; refused when used or expired.
 */
export async function confirmLink(ctx: AppContext, origin: AuditOrigin, token: string): Promise<ConfirmLinkResult> {
  const done = await ctx.sql.begin(async (tx) => {
    const link = await findLink(ctx, tx, token, true);
    const state = stateOf(link);
    if (state !== 'ready') return { refused: state, link, result: undefined } as const;
    const units = await selectLinkUnits(tx, link.providerId, link.unitIds, true);
    for (const u of units) await announceVacancy(tx, await confirmPlaces(tx, u.id), 'confirmed');
    await markUsed(tx, link.id);
    await writeAudit(tx, 'system', origin, {
      action: 'availability.confirm-link',
      objectType: 'confirm_link',
      objectId: link.id,
      details: { providerId: link.providerId, units: units.map((u) => u.id), scope: link.scope, sentTo: link.sentTo, issuedAt: iso(link.createdAt) },
    });
    const [now] = await tx<{ at: string }[]>`select now() as at`;
    const after = await selectLinkUnits(tx, link.providerId, units.map((u) => u.id));
    return { result: { confirmedAt: iso(now.at), units: after.map(toUnit) }, refused: undefined, link } as const;
  });
  if (done.result) return done.result;
  // the refusal is audited too, outside the (empty) transaction
  await writeAudit(ctx.sql, 'system', origin, { action: 'availability.confirm-link', outcome: 'denied', objectType: 'confirm_link', objectId: done.link.id, details: { reason: done.refused } });
  throw new AppError('CONFLICT', done.refused === 'used' ? 'This link has already been used' : 'This link has expired', { reason: done.refused });
}
