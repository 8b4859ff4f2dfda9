import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { JobDef } from '../../jobs/registry';
import { closeOpenSearch, selectExpiredSearches } from './open-queries';

const RETRY_GIVE_UP = 10;

/** Re-matches one unit against every open search in its own transaction (announcing any difference). */
export async function rematchUnit(ctx: AppContext, unitId: string): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const [row] = await tx`select search_rematch_unit(${unitId}::uuid) as n`;
    return row.n as number;
  });
}

/**
 * Every minute: closes searches past their time (their rooms are told), retries failed reverse
 * matches, removes units whose figures became too old without any event announcing it, and
 * forgets presence rows of nodes that are gone.
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
    // presence rows of a node that stopped without saying so
    await ctx.sql`delete from search_presence where seen_at < now() - interval '10 minutes'`;
    // a change matched while its search was being closed may have left a row behind
    await ctx.sql`delete from open_search_matches m using open_searches s
      where s.id = m.search_id and s.closed_at is not null and s.closed_at > now() - interval '1 day'`;

    const retries = await ctx.sql<{ eventSeq: number; attempts: number; type: string | null; payload: Record<string, string> | null }[]>`
      select r.event_seq, r.attempts, e.type, e.payload from search_rematch_retry r left join events e on e.seq = r.event_seq
      order by r.event_seq limit 100`;
    for (const r of retries) {
      try {
        const units =
          r.type === 'vacancy:changed'
            ? [r.payload!.unitId]
            : r.type === 'organisation:changed'
              ? (await ctx.sql`select id from units where owner_id = ${r.payload!.organisationId}`).map((u) => u.id as string)
              : [];
        for (const id of units) await rematchUnit(ctx, id);
        await ctx.sql`delete from search_rematch_retry where event_seq = ${r.eventSeq}`;
      } catch (e) {
        ctx.log.warn({ err: e, seq: r.eventSeq }, 'search rematch retry failed');
        if (r.attempts + 1 >= RETRY_GIVE_UP) await ctx.sql`delete from search_rematch_retry where event_seq = ${r.eventSeq}`;
        else await ctx.sql`update search_rematch_retry set attempts = attempts + 1, error = ${String(e)} where event_seq = ${r.eventSeq}`;
      }
    }

    // figures that aged past a search's freshness limit with no event: take them out of its matches
    const drifted = await ctx.sql`
      select u.id as unit_id from units u
      cross join lateral (
        select 1 from open_search_matches m join open_searches s on s.id = m.search_id
        where m.unit_id = u.id and s.closed_at is null and not s.include_stale
          and (u.last_confirmed_at is null or u.last_confirmed_at <= now() - s.stale_after)
        limit 1) hit
      where u.archived_at is null and u.capacity_total is not null
        and (u.last_confirmed_at is null or u.last_confirmed_at <= now() -
              (select min(stale_after) from open_searches where closed_at is null and not include_stale))
      limit 1000`;
    for (const d of drifted) await rematchUnit(ctx, d.unitId as string);
  },
};

interface DigestItem {
  searchId: string;
  unitId: string;
  unitName: string;
  providerName: string;
  city: string | null;
  availablePlaces: number;
  availableFrom: string;
  createdAt: string;
}

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
  handler: async (ctx) => {
    const owners = await ctx.sql<{ userId: string }[]>`
      select distinct s.owner_user_id as user_id
      from open_search_matches m join open_searches s on s.id = m.search_id
      where m.digest_pending and s.closed_at is null and s.expires_at > now()
      limit 500`;
    for (const { userId } of owners) {
      await ctx.sql
        .begin(async (tx) => {
          const [user] = await tx`
            select email, display_name,
              exists (select 1 from search_presence p where p.user_id = users.id and p.seen_at > now() - interval '90 seconds') as online
            from users where id = ${userId} and disabled_at is null`;
          const items = await tx<DigestItem[]>`
            update open_search_matches m set digest_pending = false
            from open_searches s, units u, organisations o
            where s.id = m.search_id and u.id = m.unit_id and o.id = u.owner_id
              and s.owner_user_id = ${userId} and m.digest_pending and s.closed_at is null and s.expires_at > now()
            returning m.search_id, m.unit_id, u.name as unit_name, o.name as provider_name, u.city,
              m.available_places, m.available_from::text as available_from, s.created_at`;
          // back online (or gone): the open searches show these matches; nothing to mail
          if (!user || user.online || !items.length) return;
          // the throttle: nothing sent to this owner within the interval; the row lock keeps nodes apart
          const claimed = await tx`
            insert into search_digests (user_id, last_sent_at) values (${userId}, now())
            on conflict (user_id) do update set last_sent_at = now()
              where search_digests.last_sent_at <= now() - make_interval(mins => ${ctx.config.SEARCH_DIGEST_MINUTES}::int)
            returning user_id`;
          if (!claimed.length) throw new Throttled();
          const mail = digestText(ctx, user.displayName as string, items);
          // sent inside the transaction: a failed send leaves the items pending for the next run
          await ctx.mailer.send({ to: user.email as string, ...mail });
        })
        .catch((e) => {
          if (!(e instanceof Throttled)) throw e;
        });
    }
  },
};

/** Rolls the digest transaction back: the items stay pending until the throttle allows a mail. */
class Throttled extends Error {}
