import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { JobDef } from '../../jobs/registry';
import {
  claimDigest,
  closeOpenSearch,
  compactTally,
  countRematchAttempt,
  deleteMatchesOfClosedSearches,
  deleteRematchRetry,
  deleteStalePresence,
  rematchUnitRow,
  selectDigestOwners,
  selectDigestRecipient,
  selectDirtyUnitIds,
  selectDriftedUnitIds,
  selectExpiredSearches,
  selectOwnerUnitIds,
  selectRematchRetries,
  takePendingDigestItems,
  type DigestItem,
} from './open-queries';
import { drainRematchQueue } from './rematch-queue';

const RETRY_GIVE_UP = 10;

/** Re-matches one unit against every open search in its own transaction (announcing any difference). */
export async function rematchUnit(ctx: AppContext, unitId: string): Promise<number> {
  return ctx.sql.begin((tx) => rematchUnitRow(tx, unitId));
}

/**
 * Every minute: closes searches past their time (their rooms are told), retries failed reverse
 * matches, removes units whose figures became too old without any event announcing it, re-matches units
 * written without an event, sums up the match counts and forgets presence rows of nodes that are gone.
 */
export const searchSweepJob: JobDef<'search.sweep'> = {
  name: 'search.sweep',
  schedule: '* * * * *',
  handler: async (ctx) => {
    await ctx.sql.begin(async (tx) => {
      for (const s of await selectExpiredSearches(tx, 500)) {
        await closeOpenSearch(tx, s.officeId, s.id, 'expired');
        await publishEvent(tx, 'search:reload', [rooms.search(s.id)], { searchId: s.id, reason: 'expired' });
      }
    });
    await deleteStalePresence(ctx.sql);
    await deleteMatchesOfClosedSearches(ctx.sql);

    const retries = await selectRematchRetries(ctx.sql, 100);
    for (const r of retries) {
      try {
        const units =
          r.type === 'vacancy:changed'
            ? [r.payload!.unitId]
            : r.type === 'organisation:changed'
              ? await selectOwnerUnitIds(ctx.sql, r.payload!.organisationId)
              : [];
        for (const id of units) await rematchUnit(ctx, id);
        await deleteRematchRetry(ctx.sql, r.eventSeq);
      } catch (e) {
        ctx.log.warn({ err: e, seq: r.eventSeq }, 'search rematch retry failed');
        if (r.attempts + 1 >= RETRY_GIVE_UP) await deleteRematchRetry(ctx.sql, r.eventSeq);
        else await countRematchAttempt(ctx.sql, r.eventSeq, String(e));
      }
    }

    // bulk changes still queued (every node's worker normally takes them within a second)
    await drainRematchQueue(ctx);

    // figures that aged past a search's freshness limit with no event: take them out of its matches
    for (const unitId of await selectDriftedUnitIds(ctx.sql, 1000)) await rematchUnit(ctx, unitId);
    // units written without an event (or whose re-match failed): announce what changed
    for (const unitId of await selectDirtyUnitIds(ctx.sql, 1000)) await rematchUnit(ctx, unitId);
    await compactTally(ctx.sql, 1000);
  },
};

function digestText(ctx: AppContext, name: string, items: DigestItem[]): { subject: string; text: string } {
  const base = ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
  const bySearch = new Map<string, DigestItem[]>();
  for (const i of items) bySearch.set(i.searchId, [...(bySearch.get(i.searchId) ?? []), i]);
  const lines = [`Guten Tag ${name},`, '', `für Ihre offenen Suchen gibt es ${items.length} neue passende Plätze:`, ''];
  for (const [searchId, list] of bySearch) {
    lines.push(`Suche vom ${list[0].createdAt.slice(0, 10)}: ${base}/searches/${searchId}`);
    for (const i of list) {
      const when = i.availableFrom <= new Date().toISOString().slice(0, 10) ? `${i.availablePlaces} frei` : `frei ab ${i.availableFrom}`;
      lines.push(`  - ${i.unitName} (${i.providerName}${i.city ? `, ${i.city}` : ''}): ${when}`);
    }
    lines.push('');
  }
  lines.push('Diese Nachricht enthält keine Angaben zum Kind. Sie erhalten sie, weil Sie nicht angemeldet waren.');
  return { subject: `Heimplatzbörse: ${items.length} neue passende Plätze für Ihre offenen Suchen`, text: lines.join('\n') };
}

/**
 * Owners who were not connected when new matches came in get them by e-mail, at most once per
 * SEARCH_DIGEST_MINUTES. An owner claims the throttle row first, so several nodes never send twice.
 */
export const searchDigestJob: JobDef<'search.digest'> = {
  name: 'search.digest',
  schedule: '*/5 * * * *',
  expireInSeconds: 600, // longer than the default expiry: a large batch must not be retried while it runs
  handler: async (ctx) => {
    for (const userId of await selectDigestOwners(ctx.sql, 500)) {
      await ctx.sql
        .begin(async (tx) => {
          const user = await selectDigestRecipient(tx, userId);
          const items = await takePendingDigestItems(tx, userId);
          // back online (or gone): the open searches show these matches; nothing to mail
          if (!user || user.online || !items.length) return;
          // the throttle: nothing sent to this owner within the interval; the row lock keeps nodes apart
          if (!(await claimDigest(tx, userId, ctx.config.SEARCH_DIGEST_MINUTES))) throw new Throttled();
          const mail = digestText(ctx, user.displayName, items);
          // sent inside the transaction: a failed send leaves the items pending for the next run
          await ctx.mailer.send({ to: user.email, ...mail });
        })
        .catch((e) => {
          if (!(e instanceof Throttled)) throw e;
        });
    }
  },
};

/** Rolls the digest transaction back: the items stay pending until the throttle allows a mail. */
class Throttled extends Error {}
