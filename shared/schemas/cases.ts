import { z } from 'zod';
import { CaseRefSchema } from './search';

export const CaseParamsSchema = z.object({ caseRef: CaseRefSchema });

export const CASE_ENTRY_KINDS = [
  'search-opened',
  'search-closed',
  'request-sent',
  'message',
  'question',
  'accepted',
  'declined',
  'withdrawn',
  'released',
  'expired',
  'confirmed',
] as const;

/** One thing that happened for a case, in time order. Codes (kind, reason) are worded by the client. */
export const CaseEntrySchema = z
  .object({
    at: z.string(),
    kind: z.enum(CASE_ENTRY_KINDS),
    /** The unit asked (requests) or the search's name (searches). */
    subject: z.string().nullable(),
    providerName: z.string().nullable(),
    /** Who did it: a colleague, or the provider's staff member. */
    byName: z.string().nullable(),
    /** A message's text, or a decline's explanation. */
    text: z.string().nullable(),
    /** Decline reason code (decline_reasons). */
    reason: z.string().nullable(),
    /** Matches of a search when it was listed. */
    matchCount: z.number().int().nullable(),
    requestId: z.string().nullable(),
    searchId: z.string().nullable(),
  })
  .meta({ id: 'CaseEntry' });
export type CaseEntry = z.infer<typeof CaseEntrySchema>;

export const CaseViewSchema = z
  .object({
    caseRef: z.string(),
    searches: z.number().int(),
    requests: z.number().int(),
    placed: z.boolean(),
    entries: z.array(CaseEntrySchema),
  })
  .meta({ id: 'CaseView' });
export type CaseView = z.infer<typeof CaseViewSchema>;
