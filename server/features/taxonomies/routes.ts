import { AddTermBodySchema, ServiceTypeSchema, TaxonomiesSchema, TaxonomyParams } from '../../../shared/schemas/taxonomies';
import { defineRoute } from '../../http/route';
import { addTerm, getTaxonomies } from './service';

export const taxonomyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/taxonomies',
    summary: 'Types of service, settings, specialisations, exclusions, languages and genders, in German and English',
    tags: ['reference'],
    access: 'public',
    response: TaxonomiesSchema,
    // no max-age: a code the platform admin adds is usable at once (the ETag keeps repeats cheap)
    handler: async ({ ctx }) => getTaxonomies(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/taxonomies/:kind',
    summary: 'Add a code to a taxonomy (platform admin): a data change, usable by every unit at once',
    tags: ['reference'],
    access: ['platform_admin'],
    errors: [409],
    params: TaxonomyParams,
    body: AddTermBodySchema,
    response: ServiceTypeSchema.partial({ section: true, marketplace: true, sort: true }),
    status: 201,
    handler: async ({ ctx, origin, actor, params, body }) => addTerm(ctx, actor, origin, params.kind, body),
  }),
];
