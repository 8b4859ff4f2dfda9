import { z } from 'zod';
import { Uuid } from './common';
import { pseudonymousText, safeText } from './text';

export const REQUEST_STATUSES = ['open', 'question', 'accepted', 'declined', 'withdrawn', 'released', 'expired', 'confirmed'] as const;
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;
/** A request still runs (its thread is open; nobody else from the office may ask the unit). */
export const RUNNING_STATUSES: readonly RequestStatus[] = ['open', 'question', 'accepted'];
/** A request waits for the provider's answer (accept or decline). */
export const ANSWERABLE_STATUSES: readonly RequestStatus[] = ['open', 'question'];

const Code = z.string().regex(/^[a-z0-9-]+$/, 'must be a code like "trauma"');
const IsoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const CreateRequestBodySchema = z
  .object({
    unitIds: z.array(z.uuid()).min(1, 'choose at least one unit').max(20, 'at most 20 units at once'),
    caseRef: pseudonymousText(40, { min: 1, caseRef: true }),
    childAge: z.number().int().min(0, 'must be 0 or more').max(27, 'must be 27 or less'),
    childGender: z.enum(['female', 'male', 'diverse']),
    needs: z.array(Code).max(20).default([]),
    conditions: z.array(Code).max(20).default([]),
    siblings: z.number().int().min(0).max(10).default(0),
    desiredStart: IsoDate,
    urgency: z.enum(['emergency', 'regular']),
    /** Where the search measured distances from (a postcode or town, never an address). */
    reference: safeText(100).pipe(z.string().min(1)).optional(),
    note: pseudonymousText(1000).optional(),
  })
  .meta({ id: 'CreateRequestBody' });
export type CreateRequestBody = z.infer<typeof CreateRequestBodySchema>;

export const RequestMessageSchema = z
  .object({
    id: Uuid,
    kind: z.enum(['message', 'question', 'system']),
    body: z.string(),
    authorOrgId: z.string().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'RequestMessage' });

export const PlacementRequestSchema = z
  .object({
    id: Uuid,
    groupId: Uuid,
    officeId: Uuid,
    officeName: z.string(),
    providerId: Uuid,
    providerName: z.string(),
    unitId: Uuid,
    unitName: z.string(),
    unitEmergencyPhone: z.string().nullable(),
    /** Visible to the office only. */
    caseRef: z.string().optional(),
    childAge: z.number(),
    childGender: z.string(),
    needs: z.array(z.string()),
    conditions: z.array(z.string()),
    siblings: z.number(),
    desiredStart: z.string(),
    urgency: z.enum(['emergency', 'regular']),
    note: z.string().nullable(),
    referenceLabel: z.string().nullable(),
    status: RequestStatusSchema,
    holdExpiresAt: z.string().nullable(),
    declineReason: z.string().nullable(),
    declineText: z.string().nullable(),
    createdByName: z.string().nullable(),
    /** Call-back: the requesting office's number and the sender's direct number (if the sender gave one). */
    officePhone: z.string().nullable().optional(),
    senderPhone: z.string().nullable().optional(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    messages: z.array(RequestMessageSchema).optional(),
  })
  .meta({ id: 'PlacementRequest' });
export type PlacementRequest = z.infer<typeof PlacementRequestSchema>;

export const RequestListSchema = z.object({ items: z.array(PlacementRequestSchema) }).meta({ id: 'PlacementRequestList' });
export const CreatedRequestsSchema = z.object({ groupId: Uuid, items: z.array(PlacementRequestSchema) }).meta({ id: 'CreatedRequests' });
export type CreatedRequests = z.infer<typeof CreatedRequestsSchema>;

export const RequestListQuerySchema = z.object({
  status: z.enum(['running', 'closed', 'all']).default('running'),
  unitId: z.uuid().optional(),
  groupId: z.uuid().optional(),
});

export const AcceptBodySchema = z
  .object({ holdHours: z.number().int().min(1, 'must be at least 1 hour').max(72, 'must be at most 72 hours').optional(), message: pseudonymousText(2000).optional() })
  .meta({ id: 'AcceptBody' });
export const DeclineBodySchema = z
  .object({ reason: Code, text: pseudonymousText(1000).optional() })
  .meta({ id: 'DeclineBody' });
export const MessageBodySchema = z
  .object({ body: pseudonymousText(2000, { min: 1 }), question: z.boolean().default(false) })
  .meta({ id: 'MessageBody' });
export const CloseBodySchema = z.object({ message: pseudonymousText(2000).optional() }).meta({ id: 'CloseBody' });

export const RunningRequestsSchema = z
  .object({ items: z.array(z.object({ unitId: Uuid, requestId: Uuid, status: RequestStatusSchema, caseRef: z.string(), createdByName: z.string().nullable(), createdAt: z.string() })) })
  .meta({ id: 'RunningRequests' });
export type RunningRequests = z.infer<typeof RunningRequestsSchema>;

export const EmergencyQuerySchema = z
  .object({
    // an empty field is missing, not 0 (a bare coercion would turn '' into a newborn)
    age: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .pipe(z.coerce.number<string>({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').max(27, 'must be 27 or less')),
    gender: z.enum(['female', 'male', 'diverse'], { error: 'is required' }),
    postcode: z.string().regex(/^\d{5}$/, 'must be a five-digit German postcode').optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    excludeUnitIds: z.string().optional(),
    /** Also units beyond EMERGENCY_MAX_KM (up to 300 km): "weiter entfernte zeigen". */
    wider: z.enum(['true', 'false']).optional(),
  })
  .refine((q) => q.postcode || (q.lat !== undefined && q.lon !== undefined), { path: ['postcode'], message: 'give a postcode or your location (lat, lon)' });

/** A provider's answer times over the last 90 days; `enough: false` below five requests ("noch zu wenige Anfragen"). */
export const AnswerTimesSchema = z
  .object({
    enough: z.boolean(),
    requests: z.number().int().nullable(),
    /** Median minutes from request to first answer (accept, decline, question). */
    medianMinutes: z.number().int().nullable(),
    /** Share (0..1) of emergency requests answered within 30 minutes; null below five. */
    emergencyWithin30: z.number().nullable(),
    /** Share (0..1) of regular requests answered within 24 hours; null below five. */
    regularWithin24h: z.number().nullable(),
  })
  .meta({ id: 'AnswerTimes' });
export type AnswerTimes = z.infer<typeof AnswerTimesSchema>;

export const EmergencyUnitSchema = z
  .object({
    unitId: Uuid,
    unitName: z.string(),
    providerId: Uuid,
    providerName: z.string(),
    city: z.string().nullable(),
    distanceKm: z.number(),
    /** What can be requested now: free - held, or the admittable figure minus held when the unit gives one. */
    availablePlaces: z.number(),
    /** The unit's own admittable figure (staff limits), when it gives one. */
    admittablePlaces: z.number().nullable(),
    lastConfirmedAt: z.string().nullable(),
    emergencyPhone: z.string(),
    ageMin: z.number(),
    ageMax: z.number(),
    coarseLocation: z.boolean(),
    lat: z.number(),
    lon: z.number(),
    runningRequestByMyOffice: z.boolean(),
    /** How quickly the provider answers ("antwortet meist innerhalb von 40 Min."). */
    answerTimes: AnswerTimesSchema,
  })
  .meta({ id: 'EmergencyUnit' });
export const EmergencyResultSchema = z
  .object({
    reference: z.object({ lat: z.number(), lon: z.number(), label: z.string() }),
    items: z.array(EmergencyUnitSchema),
    /** The distance the list is capped at, in km. */
    maxKm: z.number().optional(),
    /** Units exist beyond the cap (ask again with wider=true). */
    moreBeyond: z.boolean().optional(),
    /** How many of the first items the client chooses for the request at once. */
    preselect: z.number().int().optional(),
  })
  .meta({ id: 'EmergencyResult' });
export type EmergencyUnit = z.infer<typeof EmergencyUnitSchema>;
export type EmergencyResult = z.infer<typeof EmergencyResultSchema>;

export const EmergencyRequestBodySchema = z
  .object({
    unitIds: z.array(z.uuid()).min(1, 'choose at least one unit').max(10),
    caseRef: CreateRequestBodySchema.shape.caseRef,
    childAge: CreateRequestBodySchema.shape.childAge,
    childGender: CreateRequestBodySchema.shape.childGender,
    note: CreateRequestBodySchema.shape.note,
    /** The child's reference point (as searched): escalation measures the next units from here. */
    postcode: z.string().regex(/^\d{5}$/, 'must be a five-digit German postcode').optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .meta({ id: 'EmergencyRequestBody' });
export type EmergencyRequestBody = z.infer<typeof EmergencyRequestBodySchema>;
