import { ROLES_BY_ORG_KIND, type OrgKind } from '../../../shared/schemas/common';
import type { CreateUserBody, UpdateUserBody, User } from '../../../shared/schemas/users';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { UserActor } from '../../http/actor';
import { AppError, forbidden, invalid, notFound } from '../../http/errors';
import { hashPassword } from '../../passwords';
import { announceSessionEnd } from '../../realtime/control';
import { deleteUserSessions } from '../auth/sessions';
import { findUser, insertUser, listUsersOfOrg, updateUser } from './queries';

/** Org admins manage their own organisation; the platform admin any organisation. */
function targetOrg(actor: UserActor, orgId: string | undefined): string {
  if (!orgId || orgId === actor.orgId) return actor.orgId;
  if (actor.role !== 'platform_admin') throw forbidden('You can only manage users of your own organisation');
  return orgId;
}

export async function listUsers(ctx: AppContext, actor: UserActor, orgId?: string): Promise<User[]> {
  return listUsersOfOrg(ctx.sql, targetOrg(actor, orgId));
}

export async function getUser(ctx: AppContext, actor: UserActor, id: string): Promise<User> {
  const scope = actor.role === 'platform_admin' ? null : actor.orgId;
  const user = await findUser(ctx.sql, id, scope);
  if (!user) throw notFound('User');
  return user;
}

async function orgKindOf(ctx: AppContext, orgId: string): Promise<OrgKind> {
  const [org] = await ctx.sql`select kind from organisations where id = ${orgId}`;
  if (!org) throw notFound('Organisation');
  return org.kind as OrgKind;
}

function checkRole(kind: OrgKind, role: string) {
  if (!ROLES_BY_ORG_KIND[kind].includes(role as never)) {
    throw invalid('body.role', `must be one of ${ROLES_BY_ORG_KIND[kind].join(', ')} for this organisation`);
  }
}

export async function createUser(ctx: AppContext, actor: UserActor, origin: AuditOrigin, orgIdParam: string | undefined, body: CreateUserBody): Promise<User> {
  const orgId = targetOrg(actor, orgIdParam);
  checkRole(await orgKindOf(ctx, orgId), body.role);
  const passwordHash = await hashPassword(body.password);
  return ctx.sql.begin(async (tx) => {
    const [dup] = await tx`select 1 from users where email = ${body.email}`;
    if (dup) throw new AppError('CONFLICT', 'A user with this e-mail already exists', { issues: [{ path: 'body.email', message: 'is already taken' }] });
    const user = await insertUser(tx, { organisationId: orgId, email: body.email, displayName: body.displayName, role: body.role, passwordHash, locale: body.locale });
    await writeAudit(tx, actor, origin, { action: 'user.create', objectType: 'user', objectId: user.id, details: { role: body.role, organisationId: orgId } });
    return user;
  });
}

export async function changeUser(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string, body: UpdateUserBody): Promise<User> {
  const current = await getUser(ctx, actor, id);
  if (id === actor.userId && (body.disabled || (body.role && body.role !== actor.role))) {
    throw forbidden('You cannot disable yourself or change your own role');
  }
  if (body.role) checkRole(await orgKindOf(ctx, current.organisationId), body.role);
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return ctx.sql.begin(async (tx) => {
    const user = await updateUser(tx, id, { ...body, passwordHash });
    const endSessions = body.disabled === true || body.password !== undefined || (body.role && body.role !== current.role);
    if (endSessions) {
      // a disabled user, or one whose rights changed, loses every session and socket at once
      await deleteUserSessions(tx, id);
      await announceSessionEnd(tx, { userId: id, reason: 'disabled' });
    }
    await publishEvent(tx, 'user:changed', [rooms.org(current.organisationId)], { userId: id, organisationId: current.organisationId, disabled: user.disabled });
    const changed = Object.keys(body).filter((k) => k !== 'password');
    await writeAudit(tx, actor, origin, { action: 'user.update', objectType: 'user', objectId: id, details: { changed, passwordChanged: !!body.password } });
    return user;
  });
}
