import { z } from 'zod';
import { Uuid } from './common';

/** Filters of the access log; `format=csv` answers a CSV file instead of JSON. */
export const AccessLogQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    action: z.string().regex(/^[a-z-]+\.[a-z.-]+$/, 'must be an action such as request.read').optional(),
    userId: z.uuid().optional(),
    objectId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>;

export const AccessLogEntrySchema = z
  .object({
    at: z.string(),
    actorKind: z.enum(['user', 'token', 'system', 'anonymous']),
    actorUserId: Uuid.nullable(),
    actorName: z.string().nullable(),
    actorOrgName: z.string().nullable(),
    action: z.string(),
    outcome: z.enum(['ok', 'denied', 'failed']),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    /** For refusals: what was tried (method, path, code). */
    path: z.string().nullable(),
  })
  .meta({ id: 'AccessLogEntry' });
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

export const AccessLogSchema = z.object({ items: z.array(AccessLogEntrySchema) }).meta({ id: 'AccessLog' });
export type AccessLog = z.infer<typeof AccessLogSchema>;
