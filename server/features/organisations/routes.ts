import { IdParams } from '../../../shared/schemas/common';
import {
  CreateOrganisationBodySchema,
  DistrictListSchema,
  OrganisationListQuerySchema,
  OrganisationListSchema,
  OrganisationSchema,
  UpdateOrganisationBodySchema,
  VerificationBodySchema,
} from '../../../shared/schemas/organisations';
import { ADMIN_ROLES } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { listDistricts } from './queries';
import { changeOrg, createOrg, getOrg, listOrgs, verifyOrg } from './service';


export const organisationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/organisations',
    summary: 'Organisations (platform admin: all; others: their own)',
    tags: ['organisations'],
    access: 'authenticated',
    query: OrganisationListQuerySchema,
    response: OrganisationListSchema,
    handler: async ({ ctx, actor, query }) => ({ items: await listOrgs(ctx, actor, query) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organisations',
    summary: 'Create an organisation (platform admin)',
    tags: ['organisations'],
    access: ['platform_admin'],
    body: CreateOrganisationBodySchema,
    response: OrganisationSchema,
    status: 201,
    handler: async ({ ctx, origin, actor, body }) => createOrg(ctx, actor, origin, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/organisations/:id',
    summary: 'One organisation (own, or any for the platform admin)',
    tags: ['organisations'],
    access: 'authenticated',
    params: IdParams,
    response: OrganisationSchema,
    handler: async ({ ctx, actor, params }) => getOrg(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/organisations/:id',
    summary: "Change the organisation's contact data (its admin or the platform admin)",
    tags: ['organisations'],
    access: ADMIN_ROLES,
    params: IdParams,
    body: UpdateOrganisationBodySchema,
    response: OrganisationSchema,
    handler: async ({ ctx, origin, actor, params, body }) => changeOrg(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organisations/:id/verification',
    summary: 'Verify (or withdraw verification of) a provider; only verified providers are visible',
    tags: ['organisations'],
    access: ['platform_admin'],
    params: IdParams,
    body: VerificationBodySchema,
    response: OrganisationSchema,
    handler: async ({ ctx, origin, actor, params, body }) => verifyOrg(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/districts',
    summary: 'German districts (Kreise and kreisfreie Städte) with their AGS',
    tags: ['reference'],
    access: 'public',
    response: DistrictListSchema,
    handler: async ({ ctx }) => ({ items: await listDistricts(ctx.sql) }),
  }),
];
