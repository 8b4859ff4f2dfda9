import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { writeAudit } from '../../audit';
import { issueReminderLinks, publicBase } from '../confirm-links/service';
import { announceVacancy } from '../places/service';
import { clearPauses, selectRecipients } from './queries';
import { pauseEndedText } from './texts';

/** The calendar day of `at` in Germany: a pause "until 3 March" lasts through that day there. */
export const berlinDay = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(at);

/** Ends one unit's pause (early, by its keeper); true when it was paused. */
export async function endPauseOf(tx: Db, id: string): Promise<boolean> {
  const [u] = await clearPauses(tx, { id });
  if (u) await announceVacancy(tx, u, 'resumed');
  return !!u;
}

/**
 * Ends every pause whose last day is over: the unit takes requests again, this is announced and
 * audited, and its provider's staff are asked by e-mail to confirm the figures (with confirm links).
 */
export async function endDuePauses(ctx: AppContext, at: Date, ownerId: string | null): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const ended = (await clearPauses(tx, { before: berlinDay(at) })).filter((u) => !ownerId || u.ownerId === ownerId);
    const byOwner = new Map<string, typeof ended>();
    for (const u of ended) {
      await announceVacancy(tx, u, 'resumed');
      await writeAudit(tx, 'system', {}, { action: 'availability.resume', objectType: 'unit', objectId: u.id, details: { reason: u.reason, until: u.until } });
      byOwner.set(u.ownerId, [...(byOwner.get(u.ownerId) ?? []), u]);
    }
    for (const [owner, units] of byOwner) {
      const staff = await selectRecipients(tx, owner, 'staff');
      const level = staff.length ? 'staff' : 'admin';
      const to = staff.length ? staff : await selectRecipients(tx, owner, 'admin');
      if (!to.length) continue;
      const links = await issueReminderLinks(ctx, tx, owner, units.map((u) => u.id), level, at);
      await ctx.mailer.send({ to: to.join(', '), ...pauseEndedText(units, links, `${publicBase(ctx)}/belegung`) });
    }
    return ended.length;
  });
}
