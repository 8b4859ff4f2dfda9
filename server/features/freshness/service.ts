import { nowOf } from '../../clock';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { issueReminderLinks, publicBase } from '../confirm-links/service';
import { announceVacancy } from '../places/service';
import { endDuePauses, endPauseOf } from './pauses';
import { freshnessPeriods } from './periods';
import { endAnsweredCycles, lockReminder, markFreshness, recordEscalation, recordStaffReminder, selectDueOwners, selectRecipients, type DueOwner } from './queries';
import { reminderText } from './texts';

const RANK = { fresh: 0, unconfirmed: 1, hidden: 2 } as const;

export interface FreshnessRun {
  /** Pauses (Aufnahmestopp) that ended by themselves. */
  pausesEnded: number;
  marked: number;
  /** Owners whose staff were reminded. */
  reminded: string[];
  /** Owners whose admins were reminded because the staff reminder stayed unanswered. */
  escalated: string[];
}

/** Sends one reminder (with its confirm links) to one level of the owner; false when nobody is there. */
async function sendReminder(ctx: AppContext, tx: Db, owner: DueOwner, level: 'staff' | 'admin', at: Date): Promise<number> {
  const to = await selectRecipients(tx, owner.ownerId, level);
  if (to.length === 0) return 0;
  const links = await issueReminderLinks(ctx, tx, owner.ownerId, owner.units.map((u) => u.id), level, at);
  await ctx.mailer.send({ to: to.join(', '), ...reminderText(ctx.config, owner, links, level, at, `${publicBase(ctx)}/belegung`) });
  // and to their phones, where Web Push is configured: one tap opens "Alles unverändert"
  if (ctx.config.VAPID_PUBLIC_KEY) {
    await ctx.jobs.send('push.freshness', { ownerId: owner.ownerId, level, path: new URL(links.all).pathname, units: owner.units.length }, { db: tx });
  }
  return to.length;
}

/**
 * The freshness check: marks units whose confirmation has aged (announcing each step as
 * vacancy:changed 'stale'), then reminds each owner of units past their remind period: its staff
 * first (at most once per FRESHNESS_REMIND_HOURS), its admin when that reminder is still unanswered
 * after FRESHNESS_ESCALATE_HOURS. Each reminder carries links that confirm without a login.
 * `ownerId` limits the run to one organisation (manual runs, tests).
 */
export async function runFreshnessCheck(ctx: AppContext, ownerId: string | null = null): Promise<FreshnessRun> {
  const p = freshnessPeriods(ctx.config);
  const at = nowOf(ctx);
  const pausesEnded = await endDuePauses(ctx, at, ownerId);
  const marked = await ctx.sql.begin(async (tx) => {
    const changed = await markFreshness(tx, p, at, ownerId);
    for (const t of changed) if (RANK[t.freshness] > RANK[t.before]) await announceVacancy(tx, t, 'stale');
    return changed.length;
  });
  const reminded: string[] = [];
  const escalated: string[] = [];
  const due = await selectDueOwners(ctx.sql, p, at, ownerId);
  await endAnsweredCycles(ctx.sql, due.map((o) => o.ownerId), ownerId);
  const remindMs = ctx.config.FRESHNESS_REMIND_HOURS * 3_600_000;
  const escalateMs = ctx.config.FRESHNESS_ESCALATE_HOURS * 3_600_000;
  for (const owner of due) {
    // claim and send in one transaction: a failed mail leaves the reminder due for the next run
    await ctx.sql.begin(async (tx) => {
      const cycle = await lockReminder(tx, owner.ownerId);
      const sinceStaff = at.getTime() - Date.parse(cycle.lastSentAt);
      if (sinceStaff >= remindMs) {
        const n = await sendReminder(ctx, tx, owner, 'staff', at);
        if (n > 0) {
          await recordStaffReminder(tx, owner.ownerId, at, owner.units.length, n);
          reminded.push(owner.ownerId);
          return;
        }
        // nobody but the admin keeps this organisation's units: the admin is asked at once
        if (await sendReminder(ctx, tx, owner, 'admin', at)) {
          await recordStaffReminder(tx, owner.ownerId, at, owner.units.length, 0);
          await recordEscalation(tx, owner.ownerId, at);
          escalated.push(owner.ownerId);
        }
        return;
      }
      if (!cycle.escalatedAt && sinceStaff >= escalateMs && (await sendReminder(ctx, tx, owner, 'admin', at))) {
        await recordEscalation(tx, owner.ownerId, at);
        escalated.push(owner.ownerId);
      }
    });
  }
  if (pausesEnded || marked || reminded.length || escalated.length) ctx.log.info({ pausesEnded, marked, reminded: reminded.length, escalated: escalated.length }, 'freshness check');
  return { pausesEnded, marked, reminded, escalated };
}

/** A keeper ends a unit's pause early (availability feature); true when it was paused. */
export const endPause = endPauseOf;
