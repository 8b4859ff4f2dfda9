import { z } from 'zod';
import { Uuid } from './common';

/** Confirming from the reminder e-mail: a signed, single-purpose link, no login. */

export const ConfirmLinkParams = z.object({
  token: z.string().regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,100}$/, 'is not a confirm link'),
});

const LinkUnitSchema = z.object({
  id: Uuid,
  name: z.string(),
  facilityName: z.string().nullable(),
  capacityTotal: z.number().int(),
  freePlaces: z.number().int(),
  lastConfirmedAt: z.string().nullable(),
});

/** What the landing page shows before anything is confirmed (GET never confirms: mail scanners prefetch). */
export const ConfirmLinkViewSchema = z
  .object({
    providerName: z.string(),
    scope: z.enum(['unit', 'all']),
    /** unusable: already used or expired (the page says which) */
    state: z.enum(['ready', 'used', 'expired']),
    expiresAt: z.string(),
    usedAt: z.string().nullable(),
    units: z.array(LinkUnitSchema),
  })
  .meta({ id: 'ConfirmLinkView' });
export type ConfirmLinkView = z.infer<typeof ConfirmLinkViewSchema>;

export const ConfirmLinkResultSchema = z
  .object({
    confirmedAt: z.string(),
    units: z.array(LinkUnitSchema),
  })
  .meta({ id: 'ConfirmLinkResult' });
export type ConfirmLinkResult = z.infer<typeof ConfirmLinkResultSchema>;
