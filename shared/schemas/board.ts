import { z } from 'zod';
import { Uuid } from './common';
import { AnswerTimesSchema } from './requests';

/** What the capacity board shows providers about their own figures: freshness history, answer times. */

/** How a confirmation came in: the board (a person), the API (a token), a CSV upload, a reminder link, a job. */
export const CONFIRMATION_VIA = ['board', 'api', 'csv', 'link', 'system', 'unknown'] as const;

export const ConfirmationSchema = z
  .object({
    at: z.string(),
    via: z.enum(CONFIRMATION_VIA),
    /** The audited action, e.g. `availability.confirm`, `availability.change`, `availability.csv`. */
    action: z.string().nullable(),
    /** The person who confirmed (board, CSV upload from the web client). */
    userName: z.string().nullable(),
    /** The API token's name (the provider's own software). */
    tokenName: z.string().nullable(),
    /** For a reminder link: to whom that reminder went (the staff first, the admin when unanswered). */
    linkSentTo: z.enum(['staff', 'admin']).nullable(),
  })
  .meta({ id: 'Confirmation' });
export type Confirmation = z.infer<typeof ConfirmationSchema>;

export const ConfirmationHistorySchema = z
  .object({ unitId: Uuid, items: z.array(ConfirmationSchema) })
  .meta({ id: 'ConfirmationHistory' });
export type ConfirmationHistory = z.infer<typeof ConfirmationHistorySchema>;

export const ConfirmationHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

/** The provider's own answer times beside the median of all providers with enough requests (the region). */
export const BoardAnswerTimesSchema = z
  .object({
    own: AnswerTimesSchema,
    region: z.object({
      /** Median of the providers' median answer minutes; null when no provider has enough requests. */
      medianMinutes: z.number().int().nullable(),
      /** How many providers that median is taken over. */
      providers: z.number().int(),
    }),
    days: z.number().int(),
  })
  .meta({ id: 'BoardAnswerTimes' });
export type BoardAnswerTimes = z.infer<typeof BoardAnswerTimesSchema>;
