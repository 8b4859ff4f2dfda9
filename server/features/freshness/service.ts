import type { AppContext } from '../../context';
import { announceVacancy } from '../places/service';
import { freshnessPeriods } from './periods';
import { claimReminder, markFreshness, selectRecipients, selectStaleOwners, type StaleOwner } from './queries';

const RANK = { fresh: 0, unconfirmed: 1, hidden: 2 } as const;

export interface FreshnessRun {
  marked: number;
  reminded: string[];
}

function days(iso: string | null): string {
  if (!iso) return 'nie bestätigt / never confirmed';
  const d = Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
  return `zuletzt bestätigt vor ${d} Tag(en) / last confirmed ${d} day(s) ago`;
}

function reminderText(ctx: AppContext, o: StaleOwner): { subject: string; text: string } {
  const url = `${ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`}/belegung`;
  const list = o.units.map((u) => `- ${u.name}: ${days(u.lastConfirmedAt)}${u.freshness === 'hidden' ? ' (nicht mehr in der Standardsuche / no longer in default search)' : ''}`).join('\n');
  return {
    subject: `Heimplatzbörse: Bitte bestätigen Sie Ihre freien Plätze (${o.units.length})`,
    text:
      `Guten Tag,\n\nfür ${o.ownerName} sind diese Angaben zu freien Plätzen seit mehr als ${ctx.config.FRESHNESS_UNCONFIRMED_DAYS} Tagen nicht bestätigt:\n\n${list}\n\n` +
      `Jugendämter sehen das Alter jeder Angabe. Nach ${ctx.config.FRESHNESS_HIDDEN_DAYS} Tagen ohne Bestätigung erscheinen die Plätze nicht mehr in der Standardsuche.\n` +
      `Bestätigen oder ändern Sie die Angaben mit einem Klick in der Belegungsübersicht: ${url}\n\n` +
      `---\nThe availability above has not been confirmed for more than ${ctx.config.FRESHNESS_UNCONFIRMED_DAYS} days. Please confirm or update it: ${url}\n`,
  };
}

/**
 * The freshness check: marks units whose confirmation has aged (announcing each step as
 * vacancy:changed 'stale'), then reminds each owner of stale units by e-mail, at most once per
 * unconfirmed period. `ownerId` limits the run to one organisation (manual runs, tests).
 */
export async function runFreshnessCheck(ctx: AppContext, ownerId: string | null = null): Promise<FreshnessRun> {
  const p = freshnessPeriods(ctx.config);
  const marked = await ctx.sql.begin(async (tx) => {
    const changed = await markFreshness(tx, p, ownerId);
    for (const t of changed) if (RANK[t.freshness] > RANK[t.before]) await announceVacancy(tx, t, 'stale');
    return changed.length;
  });
  const reminded: string[] = [];
  for (const owner of await selectStaleOwners(ctx.sql, p, ownerId)) {
    // claim and send in one transaction: a failed mail leaves the reminder due for the next run
    const sent = await ctx.sql.begin(async (tx) => {
      const to = await selectRecipients(tx, owner.ownerId);
      if (to.length === 0) return false;
      if (!(await claimReminder(tx, owner.ownerId, p.unconfirmedSecs, owner.units.length, to.length))) return false;
      await ctx.mailer.send({ to: to.join(', '), ...reminderText(ctx, owner) });
      return true;
    });
    if (sent) reminded.push(owner.ownerId);
  }
  if (marked || reminded.length) ctx.log.info({ marked, reminded: reminded.length }, 'freshness check');
  return { marked, reminded };
}
