import { z } from 'zod';
import { Phone } from './common';

export const FALLBACK_KINDS = ['office_oncall', 'state_office', 'other'] as const;

/** Whom the on-call worker calls when no emergency unit is left: set per office by its admin. */
export const FallbackContactSchema = z
  .object({
    kind: z.enum(FALLBACK_KINDS),
    label: z.string().trim().min(2, 'must have at least 2 characters').max(120),
    phone: Phone,
  })
  .meta({ id: 'FallbackContact' });
export type FallbackContact = z.infer<typeof FallbackContactSchema>;

export const FallbackContactsSchema = z.object({ items: z.array(FallbackContactSchema).max(20) }).meta({ id: 'FallbackContacts' });
export type FallbackContacts = z.infer<typeof FallbackContactsSchema>;

/** What the emergency page keeps for the night the server cannot be reached: no child data. */
export const OfflinePackSchema = z
  .object({
    at: z.string(),
    units: z.array(z.object({ unitId: z.string(), unitName: z.string(), providerName: z.string(), city: z.string().nullable(), emergencyPhone: z.string() })),
    fallbackContacts: z.array(FallbackContactSchema),
  })
  .meta({ id: 'EmergencyOfflinePack' });
export type OfflinePack = z.infer<typeof OfflinePackSchema>;
