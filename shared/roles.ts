/**
 * Role groups, named once for the server's access lists, its SQL and the client's routes.
 * `shared/schemas/common.ts` builds ROLES and the roles per organisation kind from these.
 */

/** Youth welfare office staff: search, send requests, confirm placements. */
export const OFFICE_ROLES = ['caseworker', 'oncall', 'office_admin'] as const;

/** Provider staff: keep units and availability, answer requests. */
export const PROVIDER_ROLES = ['provider_staff', 'provider_admin'] as const;

export const PLATFORM_ROLES = ['platform_admin'] as const;

/** Who keeps units: provider staff and admins; an office admin keeps the office's foster places. */
export const UNIT_KEEPER_ROLES = [...PROVIDER_ROLES, 'office_admin'] as const;

export type OfficeRole = (typeof OFFICE_ROLES)[number];
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

export const isOfficeRole = (role: string): role is OfficeRole => (OFFICE_ROLES as readonly string[]).includes(role);
export const isProviderRole = (role: string): role is ProviderRole => (PROVIDER_ROLES as readonly string[]).includes(role);

/** Who manages an organisation's users and details: the admin of each kind. */
export const ADMIN_ROLES = ['office_admin', 'provider_admin', 'platform_admin'] as const;

/** Who sees other organisations' offers: office staff and the platform admin. */
export const OFFER_READER_ROLES = [...OFFICE_ROLES, 'platform_admin'] as const;
