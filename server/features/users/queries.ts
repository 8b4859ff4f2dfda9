import type { User } from '../../../shared/schemas/users';
import type { Db } from '../../db';

const columns = (db: Db) => db`
  id, organisation_id, email, display_name, role, locale, disabled_at is not null as disabled, last_login_at, created_at`;

export async function listUsersOfOrg(db: Db, orgId: string): Promise<User[]> {
  return db<User[]>`select ${columns(db)} from users where organisation_id = ${orgId} order by display_name`;
}

/** A user, only if it belongs to `orgId` (null: any organisation, platform admin). */
export async function findUser(db: Db, id: string, orgId: string | null): Promise<User | undefined> {
  const [u] = await db<User[]>`select ${columns(db)} from users
    where id = ${id} and (${orgId}::uuid is null or organisation_id = ${orgId})`;
  return u;
}

export async function insertUser(
  db: Db,
  u: { organisationId: string; email: string; displayName: string; role: string; passwordHash: string; locale: string },
): Promise<User> {
  const [row] = await db<User[]>`
    insert into users (organisation_id, org_kind, email, display_name, role, password_hash, locale)
    select ${u.organisationId}, o.kind, ${u.email}, ${u.displayName}, ${u.role}, ${u.passwordHash}, ${u.locale}
    from organisations o where o.id = ${u.organisationId}
    returning ${columns(db)}`;
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  p: { displayName?: string; role?: string; disabled?: boolean; locale?: string; passwordHash?: string },
): Promise<User> {
  const [row] = await db<User[]>`
    update users set
      display_name = coalesce(${p.displayName ?? null}, display_name),
      role = coalesce(${p.role ?? null}::user_role, role),
      locale = coalesce(${p.locale ?? null}, locale),
      password_hash = coalesce(${p.passwordHash ?? null}, password_hash),
      disabled_at = case when ${p.disabled ?? null}::boolean is null then disabled_at
                         when ${p.disabled ?? null}::boolean then coalesce(disabled_at, now()) else null end,
      updated_at = now()
    where id = ${id}
    returning ${columns(db)}`;
  return row;
}
