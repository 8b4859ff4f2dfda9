import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { OFFICE_ROLES, PLATFORM_ROLES, PROVIDER_ROLES } from '../roles';

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

export const ROLES = [...OFFICE_ROLES, ...PROVIDER_ROLES, ...PLATFORM_ROLES] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ORG_KINDS = ['office', 'provider', 'platform'] as const;
export const OrgKindSchema = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKindSchema>;

/** Which roles an organisation of each kind may give its users. */
export const ROLES_BY_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  office: OFFICE_ROLES,
  provider: PROVIDER_ROLES,
  platform: PLATFORM_ROLES,
};

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'must be an e-mail address' }));
export const Postcode = z.string().regex(/^\d{5}$/, 'must be a five-digit German postcode');
export const Phone = z.string().trim().regex(/^\+?[0-9 ()/-]{4,30}$/, 'must be a phone number (digits, spaces, + ( ) / -)');
export const Timestamp = z.iso.datetime({ offset: true });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
      message: z.string(),
      requestId: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const OkSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
