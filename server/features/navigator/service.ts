import { randomUUID } from 'node:crypto';
import type {
  NavigatorAnswer,
  NavigatorContact,
  NavigatorDialogue,
  NavigatorDialogueView,
  NavigatorEmailBody,
  NavigatorInterpretBody,
  NavigatorInterpretation,
  NavigatorLocale,
  NavigatorPlaces,
  NavigatorResults,
  ResolvedContact,
} from '../../../shared/schemas/navigator';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { AppError, invalid, notFound } from '../../http/errors';
import { findOffers, getTaxonomy, resolvePostcode } from '../directory/service';
import { AnswerError, DialogueError, parseDialogue, walk } from './dialogue';
import { interpret } from './interpret';
import {
  deleteDialogue,
  findDistrict,
  findDistrictsOfPostcode,
  findDistrictsOfTown,
  findOffice,
  findStoredDialogue,
  listStoredDialogues,
  upsertDialogue,
  type DistrictRow,
  type OfficeContact,
} from './queries';
import { generalDialogue, shippedDialogues } from './shipped';
import { offerReason } from './texts';

export const SEND_LIST_JOB = 'navigator.send-list';

interface ActiveDialogue {
  ags: string;
  districtName: string;
  source: 'shipped' | 'loaded' | 'general';
  version: number;
  loadedAt: string | null;
  dialogue: NavigatorDialogue;
  /** The district's own youth welfare office: the only source of local numbers. */
  office: OfficeContact | undefined;
}

/** A district as people say it: "Leipzig" for the city, "Landkreis Leipzig" for the county. */
export function districtLabel(d: Pick<DistrictRow, 'name' | 'kind'>): string {
  const base = d.name.split(',')[0].trim();
  if ((d.kind === 'Kreis' || d.kind === 'Landkreis' || d.kind === 'Regionalverband') && !/kreis|region/i.test(base)) return `${d.kind} ${base}`;
  return base;
}

/**
 * The dialogue for the district where the person lives: its own (loaded by an admin, or shipped),
 * else the general dialogue under the district's name. Contacts are resolved only with this
 * district's office, so no number of another district can ever be shown.
 */
export async function activeDialogue(ctx: AppContext, ags: string): Promise<ActiveDialogue> {
  const district = await findDistrict(ctx.sql, ags);
  if (!district) throw notFound(`District ${ags}`);
  const districtName = districtLabel(district);
  const office = await findOffice(ctx.sql, ags);
  const stored = await findStoredDialogue(ctx.sql, ags);
  if (stored) {
    // stored dialogues were checked when loaded; parsing again applies the schema's defaults
    return { ags, districtName, office, source: 'loaded', version: stored.version, loadedAt: stored.loadedAt, dialogue: parseDialogue(stored.dialogue) };
  }
  const shipped = shippedDialogues().get(ags);
  if (shipped) return { ags, districtName, office, source: 'shipped', version: 0, loadedAt: null, dialogue: shipped };
  const g = generalDialogue();
  const dialogue: NavigatorDialogue = {
    ...g,
    municipality: { ags, name: districtName },
    title: { de: `${g.title.de} ${districtName}`, en: `${g.title.en} ${districtName}` },
  };
  return { ags, districtName, office, source: 'general', version: 0, loadedAt: null, dialogue };
}

/**
 * Where does the person live? A postcode or a town name gives the district(s), each with whether
 * it has a guide of its own. Several when a postcode or a town name spans districts: the person chooses.
 */
export async function findPlaces(ctx: AppContext, q: string): Promise<NavigatorPlaces> {
  const postcode = /^\d{5}$/.test(q) ? q : null;
  const rows = postcode ? await findDistrictsOfPostcode(ctx.sql, postcode) : await findDistrictsOfTown(ctx.sql, q);
  const stored = new Set((await listStoredDialogues(ctx.sql)).map((d) => d.districtAgs));
  const own = shippedDialogues();
  return {
    postcode: postcode && rows.length ? postcode : null,
    items: rows.map((r) => ({ ags: r.ags, name: districtLabel(r), towns: r.towns, ownGuide: stored.has(r.ags) || own.has(r.ags) })),
  };
}

/**
 * "In your own words": reads the text against the vocabulary of the dialogue where the person lives
 * (the district, else the postcode's district, else the general dialogue). The text is neither
 * stored nor logged, and no message quotes it.
 */
export async function interpretText(ctx: AppContext, body: NavigatorInterpretBody): Promise<NavigatorInterpretation> {
  let ags = body.ags;
  if (!ags && body.postcode) {
    const districts = await findDistrictsOfPostcode(ctx.sql, body.postcode);
    if (!districts.length) throw invalid('body.postcode', `postcode ${body.postcode} is not known`);
    ags = districts[0].ags;
  }
  const dialogue = ags ? (await activeDialogue(ctx, ags)).dialogue : generalDialogue();
  return interpret(dialogue, body.text, body.lang);
}

/** A postcode given in a district's dialogue must lie in that district: else the contacts would be wrong. */
async function checkPostcodeInDistrict(ctx: AppContext, a: ActiveDialogue, code: string, field: string) {
  const districts = await findDistrictsOfPostcode(ctx.sql, code);
  if (!districts.length) throw invalid(field, `postcode ${code} is not known`);
  if (!districts.some((d) => d.ags === a.ags)) {
    throw invalid(field, `postcode ${code} lies in ${districts.map(districtLabel).join(', ')}, not in ${a.districtName}: use that district's guide`);
  }
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

const OFFICE_HOURS_ONLY = {
  de: 'Zu den Dienstzeiten. Nachts und am Wochenende bei Gefahr: Polizei 110.',
  en: 'During office hours. At night and at weekends, in danger: police 110.',
};

/**
 * Contacts as shown: fixed numbers as they are, office numbers from the district's own office (a
 * contact whose office or number is unknown is left out, never filled from elsewhere).
 */
export function resolveContacts(list: NavigatorContact[], office: OfficeContact | undefined, locale: NavigatorLocale): ResolvedContact[] {
  return list.flatMap((c) => {
    if (!c.fromOffice) return [{ id: c.id, name: c.name[locale], phone: c.phone!, url: c.url ?? null, hours: c.hours?.[locale] ?? null, reason: c.reason[locale] }];
    if (!office) return [];
    if (c.fromOffice === 'emergencyPhone' && !office.emergencyPhone) {
      // no night number known: the main number, saying plainly when it is answered
      if (!office.phone) return [];
      return [{ id: c.id, name: office.name, phone: office.phone, url: c.url ?? null, hours: OFFICE_HOURS_ONLY[locale], reason: c.reason[locale] }];
    }
    const phone = c.fromOffice === 'emergencyPhone' ? office.emergencyPhone : office.phone;
    if (!phone) return [];
    return [{ id: c.id, name: `${c.name[locale]} (${office.name})`, phone, url: c.url ?? null, hours: c.hours?.[locale] ?? null, reason: c.reason[locale] }];
  });
}

/** The vocabulary ("in your own words") is read on the server only: a family's phone need not load it. */
function withoutVocabulary(d: NavigatorDialogue): NavigatorDialogue {
  return { ...d, steps: d.steps.map((s) => (s.kind === 'choice' ? { ...s, options: s.options.map(({ keywords: _, ...o }) => o) } : s)) };
}

export async function getDialogueView(ctx: AppContext, ags: string): Promise<NavigatorDialogueView> {
  const a = await activeDialogue(ctx, ags);
  return {
    ags,
    districtName: a.districtName,
    source: a.source,
    version: a.version,
    office: a.office ? { name: a.office.name, phone: a.office.phone, emergencyPhone: a.office.emergencyPhone } : null,
    dialogue: withoutVocabulary(a.dialogue),
    emergency: { de: resolveContacts(a.dialogue.emergencyContacts, a.office, 'de'), en: resolveContacts(a.dialogue.emergencyContacts, a.office, 'en') },
  };
}

/** Replays the answers (400 naming a wrong one) and finds the fitting offers and contacts. */
export async function computeResults(
  ctx: AppContext,
  ags: string,
  answers: NavigatorAnswer[],
  locale: NavigatorLocale,
  startPostcode?: string,
): Promise<NavigatorResults & { title: string }> {
  const a = await activeDialogue(ctx, ags);
  const { dialogue: d, office } = a;
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
  if (startPostcode) await checkPostcodeInDistrict(ctx, a, startPostcode, 'body.postcode');
  if (p.postcode) await checkPostcodeInDistrict(ctx, a, p.postcode, `body.answers.${p.postcodeAnswer}.value`);
  const near = p.postcode ?? startPostcode;
  const origin = near ? await resolvePostcode(ctx, near, 'body.postcode') : undefined;
  const from = origin ? { lat: origin.lat, lon: origin.lon } : { lat: d.area.lat, lon: d.area.lon };
  const wanted = [...p.serviceTypes.keys()];
  const { rows } = wanted.length
    ? await findOffers(ctx, { types: wanted, ageMin: p.age?.min, ageMax: p.age?.max, near: { ...from, radiusKm: d.area.radiusKm } }, { limit: d.maxResults, offset: 0 })
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
    general: a.source === 'general',
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
  postcode?: string;
  /** Removed from the job as soon as the mail is sent. */
  to?: string;
}

/**
 * Queues the list for sending by e-mail. The answers are checked now (400 names a wrong one); the
 * address lives only in the job until it is sent.
 */
export async function queueListMail(ctx: AppContext, ags: string, body: NavigatorEmailBody): Promise<{ queued: true }> {
  await computeResults(ctx, ags, body.answers, body.locale, body.postcode);
  const data: SendListJob = { ref: randomUUID(), ags, answers: body.answers, locale: body.locale, postcode: body.postcode, to: body.email };
  await ctx.jobs.send(SEND_LIST_JOB, data);
  return { queued: true };
}
