import { OFFICE_ROLES } from '../../../shared/roles';
import { CaseParamsSchema, CaseViewSchema } from '../../../shared/schemas/cases';
import { defineRoute } from '../../http/route';
import { caseView } from './service';

export const caseRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/cases/:caseRef',
    summary: "One case reference of the caller's office: searches, requests, answers and placement in time order (every read is audited)",
    tags: ['cases'],
    access: OFFICE_ROLES,
    params: CaseParamsSchema,
    response: CaseViewSchema,
    handler: async ({ ctx, origin, actor, params }) => caseView(ctx, actor, origin, params.caseRef),
  }),
];
