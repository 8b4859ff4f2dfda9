import type { NavigatorDialogue, NavigatorDialogueView } from '../../../shared/schemas/navigator';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { AppError, forbidden, invalid, notFound } from '../../http/errors';
import { getTaxonomy } from '../directory/service';
import { DialogueError, parseDialogue } from './dialogue';
import { deleteDialogue, findDistrict, findOffice, findOrgDistrict, upsertDialogue } from './queries';
import { activeDialogue, districtLabel, resolveContacts } from './service';

/**
 * Who manages which district's dialogue: the platform admin every district, an office admin only
 * the district of its own office.
 */
export async function managedDistricts(ctx: AppContext, actor: UserActor): Promise<{ all: boolean; items: { ags: string; name: string }[] }> {
  if (actor.role === 'platform_admin') return { all: true, items: [] };
  const d = await findOrgDistrict(ctx.sql, actor.orgId);
  return { all: false, items: d ? [{ ags: d.ags, name: districtLabel(d) }] : [] };
}

async function checkManages(ctx: AppContext, actor: UserActor, ags: string) {
  if (!(await findDistrict(ctx.sql, ags))) throw notFound(`District ${ags}`);
  if (actor.role === 'platform_admin') return;
  const own = await findOrgDistrict(ctx.sql, actor.orgId);
  if (own?.ags !== ags) throw forbidden(`An office admin may manage only the dialogue of its own district (${own?.ags ?? 'none'})`);
}

/** Shape, graph rules, known types of service and the district in the path; 400 naming each step. */
async function validate(ctx: AppContext, ags: string, body: unknown): Promise<NavigatorDialogue> {
  const codes = new Set((await getTaxonomy(ctx.sql)).serviceTypes.map((t) => t.code));
  let dialogue: NavigatorDialogue;
  try {
    dialogue = parseDialogue(body, codes);
  } catch (e) {
    if (!(e instanceof DialogueError)) throw e;
    const issues = e.issues.map((i) => ({ path: i.path ? `body.${i.path}` : 'body', message: i.message, ...(i.rule ? { rule: i.rule, params: i.params } : {}) }));
    throw new AppError('VALIDATION_FAILED', `The dialogue was not loaded: ${e.issues.map((i) => i.message).join('; ')}`, { issues });
  }
  if (dialogue.municipality.ags !== ags) throw invalid('body.municipality.ags', `must be ${ags}, the district in the path`);
  return dialogue;
}

/** Checks a dialogue without publishing it and answers it as a family would get it (preview). */
export async function previewDialogue(ctx: AppContext, actor: UserActor, ags: string, body: unknown): Promise<NavigatorDialogueView> {
  await checkManages(ctx, actor, ags);
  const dialogue = await validate(ctx, ags, body);
  const district = (await findDistrict(ctx.sql, ags))!;
  const office = await findOffice(ctx.sql, ags);
  return {
    ags,
    districtName: districtLabel(district),
    source: 'loaded',
    version: 0,
    office: office ? { name: office.name, phone: office.phone, emergencyPhone: office.emergencyPhone } : null,
    dialogue,
    emergency: { de: resolveContacts(dialogue.emergencyContacts, office, 'de'), en: resolveContacts(dialogue.emergencyContacts, office, 'en') },
  };
}

/** Publishes (loads or replaces) a district's dialogue after the same checks; audited. */
export async function loadDialogue(ctx: AppContext, actor: UserActor, origin: AuditOrigin, ags: string, body: unknown) {
  await checkManages(ctx, actor, ags);
  const dialogue = await validate(ctx, ags, body);
  return ctx.sql.begin(async (tx) => {
    const r = await upsertDialogue(tx, ags, dialogue, actor.userId);
    await writeAudit(tx, actor, origin, { action: 'navigator.dialogue.load', objectType: 'navigator_dialogue', objectId: ags, details: { version: r.version, steps: dialogue.steps.length } });
    return { ags, version: r.version, loadedAt: r.loadedAt };
  });
}

export async function removeDialogue(ctx: AppContext, actor: UserActor, origin: AuditOrigin, ags: string): Promise<void> {
  await checkManages(ctx, actor, ags);
  await ctx.sql.begin(async (tx) => {
    if (!(await deleteDialogue(tx, ags))) throw notFound(`Loaded navigator dialogue for district ${ags}`);
    await writeAudit(tx, actor, origin, { action: 'navigator.dialogue.remove', objectType: 'navigator_dialogue', objectId: ags });
  });
}

/** The dialogue in force for a district, whole (with its vocabulary): the file to edit and upload again. */
export async function dialogueSource(ctx: AppContext, actor: UserActor, ags: string): Promise<NavigatorDialogue> {
  await checkManages(ctx, actor, ags);
  return (await activeDialogue(ctx, ags)).dialogue;
}
