import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../shared/schemas/common';
import type { Db } from '../../server/db';
import { hashPassword } from '../../server/passwords';

export const PASSWORD = 'Correct-Horse-Battery-9';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

const uniq = () => randomUUID().slice(0, 8);

export interface OrgRow {
  id: string;
  kind: 'office' | 'provider' | 'platform';
  name: string;
}

/** An organisation of its own for one test. Providers are verified unless told otherwise. */
export async function makeOrg(db: Db, kind: OrgRow['kind'], o: { name?: string; verified?: boolean; districtAgs?: string } = {}): Promise<OrgRow> {
  const name = o.name ?? `${kind} ${uniq()}`;
  const verified = o.verified ?? kind === 'provider';
  const [row] = await db`
    insert into organisations (kind, name, district_ags, verified_at)
    values (${kind}, ${name}, ${kind === 'office' ? (o.districtAgs ?? '05315') : (o.districtAgs ?? null)}, ${verified ? new Date().toISOString() : null})
    returning id, kind, name`;
  return row as OrgRow;
}

export interface UserRow {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
}

export async function makeUser(db: Db, org: OrgRow, role: Role, o: { email?: string } = {}): Promise<UserRow> {
  const email = o.email ?? `${role}-${uniq()}@test.example`;
  const [row] = await db`
    insert into users (organisation_id, org_kind, email, display_name, role, password_hash)
    values (${org.id}, ${org.kind}, ${email}, ${`Test ${role}`}, ${role}, ${await passwordHash()})
    returning id, email, organisation_id, role`;
  return row as UserRow;
}

export const defaultRole: Record<OrgRow['kind'], Role> = { office: 'caseworker', provider: 'provider_staff', platform: 'platform_admin' };

/** A logged-in supertest agent: keeps the cookie and sends the CSRF token on writes. */
export interface Client {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  user: UserRow;
  cookie: string;
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  patch(url: string, body?: object): request.Test;
  put(url: string, body?: object): request.Test;
  delete(url: string): request.Test;
}

export async function login(app: Parameters<typeof request.agent>[0], user: UserRow, password = PASSWORD): Promise<Client> {
  const agent = request.agent(app);
  const res = await agent.post('/api/v1/auth/login').send({ email: user.email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrf = res.body.csrfToken as string;
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return {
    agent,
    csrf,
    user,
    cookie,
    get: (url) => agent.get(url),
    post: (url, body) => agent.post(url).set('X-CSRF-Token', csrf).send(body ?? {}),
    patch: (url, body) => agent.patch(url).set('X-CSRF-Token', csrf).send(body ?? {}),
    put: (url, body) => agent.put(url).set('X-CSRF-Token', csrf).send(body ?? {}),
    delete: (url) => agent.delete(url).set('X-CSRF-Token', csrf),
  };
}

/** Organisation + user + logged-in client in one call. */
export async function userClient(app: Parameters<typeof request.agent>[0], db: Db, kind: OrgRow['kind'], role?: Role, org?: OrgRow) {
  const o = org ?? (await makeOrg(db, kind));
  const u = await makeUser(db, o, role ?? defaultRole[kind]);
  return { org: o, user: u, client: await login(app, u) };
}
