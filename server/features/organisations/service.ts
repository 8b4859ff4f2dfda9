import type { CreateOrganisationBody, Organisation, VerificationBody } from '../../../shared/schemas/organisations';
import { ADMIN_ROLES } from '../../../shared/roles';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { UserActor } from '../../http/actor';
import { forbidden, invalid, notFound } from '../../http/errors';
import { announceOwnerUnits } from '../places/service';
import { findOrganisation, insertOrganisation, listOrganisations, insertVerification, setVerified, updateOrganisation } from './queries';

export async function listOrgs(ctx: AppContext, actor: UserActor, f: { kind?: string; unverified?: boolean }): Promise<Organisation[]> {
  // everyone but the platform admin sees only their own organisation here
  return listOrganisations(ctx.sql, actor.role === 'platform_admin' ? f : { ...f, onlyId: actor.orgId });
}

export async function getOrg(ctx: AppContext, actor: UserActor, id: string): Promise<Organisation> {
  if (actor.role !== 'platform_admin' && id !== actor.orgId) throw notFound('Organisation');
  const org = await findOrganisation(ctx.sql, id);
  if (!org) throw notFound('Organisation');
  return org;
}

export async function createOrg(ctx: AppContext, actor: UserActor, origin: AuditOrigin, body: CreateOrganisationBody): Promise<Organisation> {
  return ctx.sql.begin(async (tx) => {
    if (body.districtAgs) {
      const [d] = await tx`select 1 from districts where ags = ${body.districtAgs}`;
      if (!d) throw invalid('body.districtAgs', 'is not a known district key (AGS)');
    }
    const id = await insertOrganisation(tx, body);
    await writeAudit(tx, actor, origin, { action: 'organisation.create', objectType: 'organisation', objectId: id, details: { kind: body.kind } });
    return (await findOrganisation(tx, id))!;
  });
}

export async function changeOrg(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string, body: Partial<CreateOrganisationBody>): Promise<Organisation> {
  if (actor.role !== 'platform_admin' && id !== actor.orgId) throw notFound('Organisation');
  if (!(ADMIN_ROLES as readonly string[]).includes(actor.role)) throw forbidden();
  return ctx.sql.begin(async (tx) => {
    const org = await findOrganisation(tx, id);
    if (!org) throw notFound('Organisation');
    if (org.kind === 'office' && body.districtAgs && actor.role !== 'platform_admin') {
      throw forbidden("Only the platform admin changes an office's district");
    }
    await updateOrganisation(tx, id, body);
    await writeAudit(tx, actor, origin, { action: 'organisation.update', objectType: 'organisation', objectId: id, details: { changed: Object.keys(body) } });
    return (await findOrganisation(tx, id))!;
  });
}

/** Only verified providers appear anywhere outside their own organisation. */
export async function verifyOrg(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string, body: VerificationBody): Promise<Organisation> {
  const { verified, checklist } = body;
  return ctx.sql.begin(async (tx) => {
    const org = await findOrganisation(tx, id);
    if (!org) throw notFound('Organisation');
    if (org.kind !== 'provider') throw invalid('params.id', 'only providers are verified');
    await setVerified(tx, id, verified, actor.userId);
    if (verified && checklist) await insertVerification(tx, id, actor.userId, checklist);
    await publishEvent(tx, 'organisation:changed', [rooms.org(id), rooms.all], { organisationId: id, verified });
    // the provider's units appear in (or vanish from) every search: live matching re-reads them
    if ((org.verifiedAt !== null) !== verified) await announceOwnerUnits(tx, id, 'verified');
    await writeAudit(tx, actor, origin, {
      action: verified ? 'organisation.verify' : 'organisation.unverify',
      objectType: 'organisation',
      objectId: id,
      details: checklist ? { licenceRef: checklist.licenceRef, checked: ['licence', 'address', 'contact', 'units'] } : {},
    });
    return (await findOrganisation(tx, id))!;
  });
}
