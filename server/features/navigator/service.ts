import { randomUUID } from 'node:crypto';
import type {
  NavigatorAnswer,
  NavigatorContact,
  NavigatorDialogue,
  NavigatorDialogueView,
  NavigatorEmailBody,
  NavigatorLocale,
  NavigatorResults,
  ResolvedContact,
} from '../../../shared/schemas/navigator';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { AppError, invalid, notFound } from '../../http/errors';
import { findOffers, getTaxonomy, resolvePostcode } from '../directory/service';
import { AnswerError, DialogueError, parseDialogue, walk } from './dialogue';
import { deleteDialogue, findDistrictName, findOffice, findStoredDialogue, listStoredDialogues, upsertDialogue, type OfficeContact } from './queries';
import { shippedDialogues } from './shipped';
import { offerReason } from './texts';

export const SEND_LIST_JOB = 'navigator.send-list';

interface ActiveDialogue {
  ags: string;
  source: 'shipped' | 'loaded';
  version: number;
  loadedAt: string | null;
  dialogue: NavigatorDialogue;
}

/** The municipality's own dialogue if the platform admin loaded one, else the shipped one. */
async function activeDialogue(ctx: AppContext, ags: string): Promise<ActiveDialogue> {
  const stored = await findStoredDialogue(ctx.sql, ags);
  if (stored) {
    // stored dialogues were checked when loaded; parsing again applies the schema's defaults
    return { ags, source: 'loaded', version: stored.version, loadedAt: stored.loadedAt, dialogue: parseDialogue(stored.dialogue) };
  }
  const shipped = shippedDialogues().get(ags);
  if (!shipped) throw notFound(`Navigator dialogue for district ${ags}`);
  return { ags, source: 'shipped', version: 0, loadedAt: null, dialogue: shipped };
}

export async function listDialogues(ctx: AppContext) {
  const stored = await listStoredDialogues(ctx.sql);
  const items = new Map<string, { ags: string; name: string; title: NavigatorDialogue['title']; source: 'shipped' | 'loaded'; version: number; loadedAt: string | null }>();
  for (const [ags, d] of shippedDialogues()) items.set(ags, { ags, name: d.municipality.name, title: d.title, source: 'shipped', version: 0, loadedAt: null });
  for (const s of stored) {
    const d = parseDialogue(s.dialogue);
    items.set(s.districtAgs, { ags: s.districtAgs, name: d.municipality.name, title: d.title, source: 'loaded', version: s.version, loadedAt: s.loadedAt });
  }
  return { items: [...items.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')) };
}

function resolveContacts(list: NavigatorContact[], office: OfficeContact | undefined, locale: NavigatorLocale): ResolvedContact[] {
  return list.flatMap((c) => {
    let phone = c.phone;
    let name = c.name[locale];
    if (c.fromOffice) {
      // an office without an emergency number still has its main number
      phone = (c.fromOffice === 'emergencyPhone' ? (office?.emergencyPhone ?? office?.phone) : office?.phone) ?? undefined;
      if (!phone) return [];
      name = `${name} (${office!.name})`;
    }
    return [{ id: c.id, name, phone: phone!, url: c.url ?? null, hours: c.hours?.[locale] ?? null, reason: c.reason[locale] }];
  });
}

export async function getDialogueView(ctx: AppContext, ags: string): Promise<NavigatorDialogueView> {
  const a = await activeDialogue(ctx, ags);
  const office = await findOffice(ctx.sql, ags);
  return {
    ags,
    source: a.source,
    version: a.version,
    dialogue: a.dialogue,
    emergency: { de: resolveContacts(a.dialogue.emergencyContacts, office, 'de'), en: resolveContacts(a.dialogue.emergencyContacts, office, 'en') },
  };
}

/** The platform admin loads (or replaces) a municipality's dialogue; it is checked before it is stored. */
export async function loadDialogue(ctx: AppContext, actor: UserActor, origin: AuditOrigin, ags: string, body: unknown) {
  if (!(await findDistrictName(ctx.sql, ags))) throw notFound(`District ${ags}`);
  const codes = new Set((await getTaxonomy(ctx.sql)).serviceTypes.map((t) => t.code));
  let dialogue: NavigatorDialogue;
  try {
    dialogue = parseDialogue(body, codes);
  } catch (e) {
    if (!(e instanceof DialogueError)) throw e;
    const issues = e.issues.map((i) => ({ path: i.path ? `body.${i.path}` : 'body', message: i.message }));
    throw new AppError('VALIDATION_FAILED', `The dialogue was not loaded: ${e.issues.map((i) => i.message).join('; ')}`, { issues });
  }
  if (dialogue.municipality.ags !== ags) throw invalid('body.municipality.ags', `must be ${ags}, the district in the path`);
  return ctx.sql.begin(async (tx) => {
    const r = await upsertDialogue(tx, ags, dialogue, actor.userId);
    await writeAudit(tx, actor, origin, { action: 'navigator.dialogue.load', objectType: 'navigator_dialogue', objectId: ags, details: { version: r.version, steps: dialogue.steps.length } });
    return { ags, version: r.version, loadedAt: r.loadedAt };
  });
}

export async function removeDialogue(ctx: AppContext, actor: UserActor, origin: AuditOrigin, ags: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    if (!(await deleteDialogue(tx, ags))) throw notFound(`Loaded navigator dialogue for district ${ags}`);
    await writeAudit(tx, actor, origin, { action: 'navigator.dialogue.remove', objectType: 'navigator_dialogue', objectId: ags });
  });
}

/** Replays the answers (400 naming a wrong one) and finds the fitting offers and contacts. */
export async function computeResults(ctx: AppContext, ags: string, answers: NavigatorAnswer[], locale: NavigatorLocale): Promise<NavigatorResults & { title: string }> {
  const { dialogue: d } = await activeDialogue(ctx, ags);
  let p;
  try {
    p = walk(d, answers);
  } catch (e) {
    if (e instanceof AnswerError) throw invalid(`body.${e.path}`, e.message);
    throw e;
  }
  if (p.end.kind !== 'results' && p.end.kind !== 'emergency') {
    throw invalid('body.answers', `the answers stop at step '${p.end.id}', which is not an end of the dialogue`);
  }
  const office = await findOffice(ctx.sql, ags);
  const origin = p.postcode ? await resolvePostcode(ctx, p.postcode, 'body.answers') : undefined;
  const near = origin ? { lat: origin.lat, lon: origin.lon } : { lat: d.area.lat, lon: d.area.lon };
  const wanted = [...p.serviceTypes.keys()];
  const { rows } = wanted.length
    ? await findOffers(ctx, { types: wanted, ageMin: p.age?.min, ageMax: p.age?.max, near: { ...near, radiusKm: d.area.radiusKm } }, { limit: d.maxResults, offset: 0 })
    : { rows: [] };
  const types = new Map((await getTaxonomy(ctx.sql)).serviceTypes.map((t) => [t.code, t]));
  const offers = rows.map((r) => {
    const code = wanted.find((c) => r.serviceTypes.includes(c))!;
    const t = types.get(code);
    const address = [r.street, [r.postcode, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
    return {
      id: r.id,
      name: r.name,
      providerName: r.providerName,
      address,
      phone: r.contactPhone ?? r.facilityPhone ?? r.providerPhone,
      email: r.contactEmail ?? r.facilityEmail ?? r.providerEmail,
      website: r.facilityWebsite ?? r.providerWebsite,
      distanceKm: origin && r.distanceM !== null ? Math.round(r.distanceM / 100) / 10 : null,
      reason: offerReason(locale, {
        typeName: t ? (locale === 'de' ? t.nameDe : t.nameEn) : code,
        answer: p.serviceTypes.get(code)![locale],
        ageMin: r.ageMin,
        ageMax: r.ageMax,
        showAge: !!p.age,
        distanceKm: origin && r.distanceM !== null ? r.distanceM / 1000 : null,
      }),
    };
  });
  const contacts = d.contacts.filter((c) => !c.tags.length || c.tags.some((t) => p.tags.has(t)));
  return {
    title: d.title[locale],
    municipality: d.municipality.name,
    acuteDanger: p.acuteDanger,
    emergency: p.acuteDanger ? resolveContacts(d.emergencyContacts, office, locale) : [],
    offers,
    contacts: resolveContacts(contacts, office, locale),
    summary: p.summary.map((s) => ({ question: s.question[locale], answer: typeof s.answer === 'string' ? s.answer : s.answer[locale] })),
  };
}

export interface SendListJob {
  ref: string;
  ags: string;
  answers: NavigatorAnswer[];
  locale: NavigatorLocale;
  /** Removed from the job as soon as the mail is sent. */
  to?: string;
}

/**
 * Queues the list for sending by e-mail. The answers are checked now (400 names a wrong one); the
 * address lives only in the job until it is sent.
 */
export async function queueListMail(ctx: AppContext, ags: string, body: NavigatorEmailBody): Promise<{ queued: true }> {
  await computeResults(ctx, ags, body.answers, body.locale);
  const data: SendListJob = { ref: randomUUID(), ags, answers: body.answers, locale: body.locale, to: body.email };
  await ctx.jobs.send(SEND_LIST_JOB, data);
  return { queued: true };
}
