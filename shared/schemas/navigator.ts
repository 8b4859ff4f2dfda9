import { z } from 'zod';
import { Email } from './common';

/**
 * The intake navigator ("Hilfe-Lotse"): a guided dialogue per municipality, kept as data. A dialogue
 * is a graph of steps; answers (buttons, or a postcode) lead from step to step until a results step.
 * The graph rules (no unreachable step, no dangling branch, no loop without exit) are checked on the
 * server when a dialogue is loaded, with a message naming the step.
 */

/** A text in both languages of the client: German first, plain language. */
export const LocalTextSchema = z.strictObject({
  de: z.string().trim().min(1, 'must not be empty').max(600),
  en: z.string().trim().min(1, 'must not be empty').max(600),
});
export type LocalText = z.infer<typeof LocalTextSchema>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and hyphens (max. 40)');
const TaxonomyCode = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a taxonomy code');
/** Short numbers like 110 are phone numbers too. */
const HelpPhone = z.string().trim().regex(/^\+?[0-9 ()/-]{3,30}$/, 'must be a phone number (digits, spaces, + ( ) / -)');
const Age = z.number().int().min(0).max(27);
const Keyword = z.string().trim().min(2, 'must have at least 2 characters').max(80);

export const NavigatorOptionSchema = z
  .strictObject({
    id: Id,
    label: LocalTextSchema,
    /** The step this answer leads to. */
    next: Id,
    /** Types of service (codes) this answer asks for. */
    serviceTypes: z.array(TaxonomyCode).max(10).default([]),
    /** The age range of the child or young person this answer states. */
    age: z.strictObject({ min: Age, max: Age }).refine((a) => a.min <= a.max, 'min must not exceed max').optional(),
    /** Free tags that select general contacts (e.g. violence, pregnancy). */
    tags: z.array(Id).max(10).default([]),
    /** This answer signals acute danger: it must lead straight to an emergency step. */
    acuteDanger: z.boolean().default(false),
    /**
     * The vocabulary that leads a free text ("in your own words") to this answer: words, stems
     * (a word of 4+ letters matches words that begin with it, and later parts of compounds),
     * phrases, common misspellings, colloquial terms; "!word" keeps matching words away.
     */
    keywords: z
      .strictObject({ de: z.array(Keyword).max(300).default([]), en: z.array(Keyword).max(300).default([]) })
      .optional(),
  })
  .meta({ id: 'NavigatorOption' });
export type NavigatorOption = z.output<typeof NavigatorOptionSchema>;

const stepBase = { id: Id, text: LocalTextSchema, hint: LocalTextSchema.optional() };

export const NavigatorStepSchema = z
  .discriminatedUnion('kind', [
    /** A question answered with buttons. */
    z.strictObject({ ...stepBase, kind: z.literal('choice'), options: z.array(NavigatorOptionSchema).min(1).max(12) }),
    /** A question answered with a postcode (free text only here). */
    z.strictObject({ ...stepBase, kind: z.literal('postcode'), next: Id, optional: z.boolean().default(true) }),
    /** Emergency contacts, shown at once; `next` lets the person go on to further help afterwards. */
    z.strictObject({ ...stepBase, kind: z.literal('emergency'), next: Id.optional(), continueLabel: LocalTextSchema.optional() }),
    /** The end: fitting offers and contacts. */
    z.strictObject({ ...stepBase, kind: z.literal('results') }),
  ])
  .meta({ id: 'NavigatorStep' });
export type NavigatorStep = z.output<typeof NavigatorStepSchema>;
export type NavigatorStepKind = NavigatorStep['kind'];

export const NavigatorContactSchema = z
  .strictObject({
    id: Id,
    name: LocalTextSchema,
    phone: HelpPhone.optional(),
    /** Take the phone from the municipality's youth welfare office (its emergency or main number). */
    fromOffice: z.enum(['emergencyPhone', 'phone']).optional(),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    hours: LocalTextSchema.optional(),
    /** The one line that says why this contact is suggested. */
    reason: LocalTextSchema,
    /** Shown in the results only when an answer carried one of these tags (none: always). */
    tags: z.array(Id).max(10).default([]),
  })
  .refine((c) => c.phone || c.fromOffice, { message: 'needs a phone or fromOffice', path: ['phone'] })
  .meta({ id: 'NavigatorContact' });
export type NavigatorContact = z.output<typeof NavigatorContactSchema>;

export const NavigatorDialogueSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    municipality: z.strictObject({ ags: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)'), name: z.string().trim().min(2).max(100) }),
    title: LocalTextSchema,
    intro: LocalTextSchema,
    /** Where offers are looked for when no postcode is given, and how far. */
    area: z.strictObject({ lat: z.number().min(47).max(55.5), lon: z.number().min(5.5).max(15.5), radiusKm: z.number().int().min(1).max(200) }),
    maxResults: z.number().int().min(1).max(30).default(8),
    start: Id,
    steps: z.array(NavigatorStepSchema).min(2).max(100),
    /** Shown at once when an answer signals acute danger, in this order. */
    emergencyContacts: z.array(NavigatorContactSchema).min(1).max(10),
    /** General help shown with the results. */
    contacts: z.array(NavigatorContactSchema).max(20).default([]),
  })
  .meta({ id: 'NavigatorDialogue' });
export type NavigatorDialogue = z.output<typeof NavigatorDialogueSchema>;
export type NavigatorDialogueInput = z.input<typeof NavigatorDialogueSchema>;

export const AgsParams = z.object({ ags: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)') });

/** A contact as the client shows it, with the office's number filled in. */
export const ResolvedContactSchema = z
  .object({ id: z.string(), name: z.string(), phone: z.string(), url: z.string().nullable(), hours: z.string().nullable(), reason: z.string() })
  .meta({ id: 'NavigatorResolvedContact' });
export type ResolvedContact = z.infer<typeof ResolvedContactSchema>;

export const NavigatorLocaleSchema = z.enum(['de', 'en']);
export type NavigatorLocale = z.infer<typeof NavigatorLocaleSchema>;

export const NavigatorDialogueSummarySchema = z
  .object({ ags: z.string(), name: z.string(), title: LocalTextSchema, source: z.enum(['shipped', 'loaded']), version: z.number().int(), loadedAt: z.string().nullable() })
  .meta({ id: 'NavigatorDialogueSummary' });
export const NavigatorDialogueListSchema = z.object({ items: z.array(NavigatorDialogueSummarySchema) }).meta({ id: 'NavigatorDialogueList' });

/** The youth welfare office responsible for a district, as the directory knows it (public data). */
export const NavigatorOfficeSchema = z
  .object({ name: z.string(), phone: z.string().nullable(), emergencyPhone: z.string().nullable() })
  .meta({ id: 'NavigatorOffice' });

export const NavigatorDialogueViewSchema = z
  .object({
    ags: z.string(),
    /** The district the person lives in, as people say it ("Leipzig", "Landkreis Leipzig"). */
    districtName: z.string(),
    /**
     * `general`: the district has no dialogue of its own; the shipped general dialogue is used, with
     * only this district's office and nationwide numbers as contacts.
     */
    source: z.enum(['shipped', 'loaded', 'general']),
    version: z.number().int(),
    /** The district's youth welfare office, or null when none is known (then only nationwide numbers). */
    office: NavigatorOfficeSchema.nullable(),
    /** The dialogue, without its vocabulary (free texts are read on the server). */
    dialogue: NavigatorDialogueSchema,
    /** Emergency contacts in both languages, resolved (the office's emergency number filled in). */
    emergency: z.object({ de: z.array(ResolvedContactSchema), en: z.array(ResolvedContactSchema) }),
  })
  .meta({ id: 'NavigatorDialogueView' });
export type NavigatorDialogueView = z.infer<typeof NavigatorDialogueViewSchema>;

/** One answer: the step and the chosen option, or the typed value (postcode). */
export const NavigatorAnswerSchema = z.strictObject({
  step: Id,
  option: Id.optional(),
  value: z.string().trim().max(20).optional(),
});
export type NavigatorAnswer = z.infer<typeof NavigatorAnswerSchema>;

const Postcode = z.string().regex(/^\d{5}$/, 'must be a five-digit German postcode');

export const NavigatorResultsBodySchema = z
  .strictObject({
    answers: z.array(NavigatorAnswerSchema).min(1).max(50),
    locale: NavigatorLocaleSchema.default('de'),
    /** Where the person lives (chosen at the start): offers nearest to it first. Must lie in the district. */
    postcode: Postcode.optional(),
  })
  .meta({ id: 'NavigatorResultsBody' });
export type NavigatorResultsBody = z.output<typeof NavigatorResultsBodySchema>;

export const NavigatorEmailBodySchema = z
  .strictObject({
    answers: z.array(NavigatorAnswerSchema).min(1).max(50),
    locale: NavigatorLocaleSchema.default('de'),
    postcode: Postcode.optional(),
    email: Email,
  })
  .meta({ id: 'NavigatorEmailBody' });
export type NavigatorEmailBody = z.output<typeof NavigatorEmailBodySchema>;

export const NavigatorOfferSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    providerName: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    distanceKm: z.number().nullable(),
    /** One line: why this offer is suggested. */
    reason: z.string(),
  })
  .meta({ id: 'NavigatorOffer' });
export type NavigatorOffer = z.infer<typeof NavigatorOfferSchema>;

export const NavigatorResultsSchema = z
  .object({
    municipality: z.string(),
    /** True when the district has no dialogue of its own (the general one was used). */
    general: z.boolean(),
    /** True when an answer signalled acute danger: `emergency` comes before anything else. */
    acuteDanger: z.boolean(),
    emergency: z.array(ResolvedContactSchema),
    offers: z.array(NavigatorOfferSchema),
    contacts: z.array(ResolvedContactSchema),
    /** What the answers said, in plain words, for the printout. */
    summary: z.array(z.object({ question: z.string(), answer: z.string() })),
  })
  .meta({ id: 'NavigatorResults' });
export type NavigatorResults = z.infer<typeof NavigatorResultsSchema>;

export const NavigatorLoadedSchema = z
  .object({ ags: z.string(), version: z.number().int(), loadedAt: z.string() })
  .meta({ id: 'NavigatorLoaded' });

export const NavigatorQueuedSchema = z.object({ queued: z.literal(true) }).meta({ id: 'NavigatorQueued' });

/** Where do you live? A postcode or a town name, typed at the start of the navigator. */
export const NavigatorPlaceQuerySchema = z.strictObject({
  q: z.string().trim().min(2, 'must have at least 2 characters').max(60),
});

export const NavigatorPlaceSchema = z
  .object({
    ags: z.string(),
    /** The district as people say it ("Leipzig", "Landkreis Leipzig"). */
    name: z.string(),
    /** Town names of the query that lie in this district (for the choice when several match). */
    towns: z.array(z.string()),
    /** Has the district a dialogue of its own (else the general one with its office's contacts)? */
    ownGuide: z.boolean(),
  })
  .meta({ id: 'NavigatorPlace' });
export type NavigatorPlace = z.infer<typeof NavigatorPlaceSchema>;

export const NavigatorPlacesSchema = z
  .object({
    /** The postcode when the query was one (to order offers by distance), else null. */
    postcode: z.string().nullable(),
    /** Districts that match, best first; several when a postcode or town name spans districts. */
    items: z.array(NavigatorPlaceSchema),
  })
  .meta({ id: 'NavigatorPlaces' });
export type NavigatorPlaces = z.infer<typeof NavigatorPlacesSchema>;

/** The districts whose dialogue the caller manages (all: the platform admin). */
export const NavigatorManagedSchema = z
  .object({ all: z.boolean(), items: z.array(z.object({ ags: z.string(), name: z.string() })) })
  .meta({ id: 'NavigatorManaged' });
export type NavigatorManaged = z.infer<typeof NavigatorManagedSchema>;
/** "In your own words": a short text read against the dialogue's vocabulary. Nothing is stored or logged. */
export const NavigatorInterpretBodySchema = z
  .strictObject({
    text: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters'),
    /** Where the person lives: the dialogue of its district is used (else the general one). */
    postcode: Postcode.optional(),
    /** The district (AGS) when it is known already; takes precedence over the postcode. */
    ags: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)').optional(),
    lang: NavigatorLocaleSchema,
  })
  .meta({ id: 'NavigatorInterpretBody' });
export type NavigatorInterpretBody = z.output<typeof NavigatorInterpretBodySchema>;

export const NavigatorInterpretationSchema = z
  .object({
    /** True when the text shows signs of acute danger: show the emergency contacts first. */
    acuteDanger: z.boolean(),
    /** Understood answers along one path through the dialogue, in the order of its questions. */
    concerns: z.array(
      z.object({
        /** The step the option belongs to (option ids are unique only within a step). */
        step: z.string(),
        optionId: z.string(),
        serviceTypes: z.array(z.string()),
        /** The words of the text that led there, as typed. */
        matched: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'NavigatorInterpretation' });
export type NavigatorInterpretation = z.infer<typeof NavigatorInterpretationSchema>;
