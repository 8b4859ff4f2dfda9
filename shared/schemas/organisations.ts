import { z } from 'zod';
import { Email, OrgKindSchema, Phone, Postcode, Uuid } from './common';

export const OrganisationSchema = z
  .object({
    id: Uuid,
    kind: OrgKindSchema,
    name: z.string(),
    districtAgs: z.string().nullable(),
    districtName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    emergencyPhone: z.string().nullable(),
    website: z.string().nullable(),
    street: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    /** The last verification: who checked, and the licence reference they checked. */
    verification: z.object({ byName: z.string().nullable(), at: z.string(), licenceRef: z.string() }).nullable().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Organisation' });

/** What the platform admin checked before verifying a provider: every item must be ticked. */
export const VerificationChecklistSchema = z
  .object({
    /** The reference of the operating licence (§ 45 SGB VIII) seen. */
    licenceRef: z.string().trim().min(2).max(100),
    licence: z.literal(true),
    address: z.literal(true),
    contact: z.literal(true),
    units: z.literal(true),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const VerificationBodySchema = z
  .object({ verified: z.boolean(), checklist: VerificationChecklistSchema.optional() })
  .superRefine((b, ctx) => {
    if (b.verified && !b.checklist) ctx.addIssue({ code: 'custom', path: ['checklist'], message: 'is required to verify a provider', params: { code: 'required' } });
  })
  .meta({ id: 'VerificationBody' });
export type VerificationBody = z.infer<typeof VerificationBodySchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationListSchema = z.object({ items: z.array(OrganisationSchema) }).meta({ id: 'OrganisationList' });

export const OrganisationListQuerySchema = z.object({
  kind: OrgKindSchema.optional(),
  unverified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const OrgFields = {
  name: z.string().trim().min(2, 'must have at least 2 characters').max(200),
  districtAgs: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)').optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  emergencyPhone: Phone.optional(),
  website: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  street: z.string().trim().max(200).optional(),
  postcode: Postcode.optional(),
  city: z.string().trim().max(100).optional(),
};

export const CreateOrganisationBodySchema = z
  .object({ kind: OrgKindSchema, ...OrgFields })
  .refine((b) => b.kind !== 'office' || b.districtAgs, { path: ['districtAgs'], message: 'is required for a youth welfare office' })
  .meta({ id: 'CreateOrganisationBody' });
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBodySchema>;

export const UpdateOrganisationBodySchema = z
  .object(OrgFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' })
  .meta({ id: 'UpdateOrganisationBody' });

export const DistrictSchema = z.object({ ags: z.string(), name: z.string(), kind: z.string(), stateCode: z.string() }).meta({ id: 'District' });
export type District = z.infer<typeof DistrictSchema>;
export const DistrictListSchema = z.object({ items: z.array(DistrictSchema) }).meta({ id: 'DistrictList' });
