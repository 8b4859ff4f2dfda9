import type { Db } from '../../db';

/** Requests waiting for a provider: not yet answered (open) to the provider's units. */
export async function countWaitingForProvider(db: Db, providerId: string) {
  const [c] = await db<{ waiting: number; emergencyWaiting: number }[]>`
    select count(*)::int as waiting, count(*) filter (where urgency = 'emergency')::int as emergency_waiting
    from placement_requests where provider_id = ${providerId} and status = 'open'`;
  return c;
}

/** Requests waiting for an office worker: the provider accepted (confirm now) or asked a question. */
export async function countWaitingForSender(db: Db, officeId: string, userId: string) {
  const [c] = await db<{ waiting: number; emergencyWaiting: number }[]>`
    select count(*)::int as waiting, count(*) filter (where urgency = 'emergency')::int as emergency_waiting
    from placement_requests where office_id = ${officeId} and created_by = ${userId} and status in ('accepted', 'question')`;
  return c;
}

export async function selectSettings(db: Db, userId: string) {
  const [u] = await db<{ directPhone: string | null; regularMail: 'absent' | 'always' | 'never' }[]>`
    select direct_phone, regular_mail from users where id = ${userId}`;
  return u;
}

export async function updateSettings(db: Db, userId: string, s: { directPhone?: string | null; regularMail?: string }) {
  await db`update users set
      direct_phone = case when ${s.directPhone !== undefined} then ${s.directPhone ?? null} else direct_phone end,
      regular_mail = coalesce(${s.regularMail ?? null}, regular_mail),
      updated_at = now()
    where id = ${userId}`;
}

export interface PushTarget {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** A device keeps one row; a device that changes hands (another login) moves to the new user. */
export async function upsertSubscription(db: Db, userId: string, s: { endpoint: string; p256dh: string; auth: string }) {
  await db`insert into push_subscriptions (user_id, endpoint, p256dh, auth) values (${userId}, ${s.endpoint}, ${s.p256dh}, ${s.auth})
    on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, created_at = now()`;
}

export async function deleteSubscription(db: Db, userId: string, endpoint: string): Promise<boolean> {
  const gone = await db`delete from push_subscriptions where user_id = ${userId} and endpoint = ${endpoint} returning id`;
  return gone.length > 0;
}

export async function deleteSubscriptionById(db: Db, id: string) {
  await db`delete from push_subscriptions where id = ${id}`;
}

export async function countSubscriptions(db: Db, userId: string): Promise<number> {
  const [c] = await db<{ n: number }[]>`select count(*)::int as n from push_subscriptions where user_id = ${userId}`;
  return c.n;
}

/** Devices of active users of an organisation with these roles (or of one user). */
export async function selectPushTargets(db: Db, o: { orgId: string; roles: readonly string[]; onlyUserId?: string }): Promise<PushTarget[]> {
  return db<PushTarget[]>`
    select s.id, s.endpoint, s.p256dh, s.auth from push_subscriptions s join users u on u.id = s.user_id
    where u.organisation_id = ${o.orgId} and u.disabled_at is null and u.role = any(${o.roles}::user_role[])
      and (${o.onlyUserId ?? null}::uuid is null or u.id = ${o.onlyUserId ?? null}::uuid)`;
}

export async function markUsed(db: Db, id: string) {
  await db`update push_subscriptions set last_used_at = now() where id = ${id}`;
}

/** What a push names: the unit and what happened; never the child. */
export async function selectPushRequest(db: Db, requestId: string) {
  const [r] = await db<{ id: string; officeId: string; providerId: string; createdBy: string; urgency: 'emergency' | 'regular'; unitName: string }[]>`
    select r.id, r.office_id, r.provider_id, r.created_by, r.urgency, u.name as unit_name
    from placement_requests r join units u on u.id = r.unit_id where r.id = ${requestId}`;
  return r;
}
