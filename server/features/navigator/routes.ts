import { rateLimit } from 'express-rate-limit';
import {
  AgsParams,
  NavigatorDialogueListSchema,
  NavigatorDialogueSchema,
  NavigatorDialogueViewSchema,
  NavigatorEmailBodySchema,
  NavigatorLoadedSchema,
  NavigatorManagedSchema,
  NavigatorPlaceQuerySchema,
  NavigatorPlacesSchema,
  NavigatorQueuedSchema,
  NavigatorResultsBodySchema,
  NavigatorResultsSchema,
} from '../../../shared/schemas/navigator';
import { requireUser } from '../../http/actor';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { loadDialogue, managedDistricts, previewDialogue, removeDialogue } from './admin';
import { computeResults, findPlaces, getDialogueView, listDialogues, queueListMail } from './service';

const origin = (req: { ip?: string; requestId: string }) => ({ ip: req.ip, requestId: req.requestId });
const tags = ['navigator'];

/** The intake navigator: public dialogues and results; the platform admin manages the dialogues. */
export const navigatorRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/navigator/dialogues',
    summary: 'Municipalities that have a navigator dialogue',
    tags,
    access: 'public',
    response: NavigatorDialogueListSchema,
    handler: async ({ ctx }) => listDialogues(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/navigator/places',
    summary: 'Where do you live? The district(s) of a postcode or town name, each with whether it has a guide of its own',
    tags,
    access: 'public',
    query: NavigatorPlaceQuerySchema,
    response: NavigatorPlacesSchema,
    handler: async ({ ctx, query }) => findPlaces(ctx, query.q),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/navigator/dialogues/:ags',
    summary: "The dialogue for a district: its own, or the general one with only this district's office and nationwide numbers; emergency contacts resolved",
    tags,
    access: 'public',
    params: AgsParams,
    response: NavigatorDialogueViewSchema,
    handler: async ({ ctx, params }) => getDialogueView(ctx, params.ags),
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/navigator/dialogues/:ags',
    summary: "Load or replace a municipality's dialogue; refused with a message naming the step when a step is unreachable, a branch dangles or a loop has no exit",
    tags,
    access: ['platform_admin', 'office_admin'],
    params: AgsParams,
    body: NavigatorDialogueSchema,
    response: NavigatorLoadedSchema,
    handler: async ({ ctx, req, actor, params, body }) => loadDialogue(ctx, requireUser(actor), origin(req), params.ags, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/navigator/dialogues/:ags',
    summary: "Remove a municipality's loaded dialogue (the shipped one, or the general one, applies again)",
    tags,
    access: ['platform_admin', 'office_admin'],
    params: AgsParams,
    handler: async ({ ctx, req, actor, params }) => removeDialogue(ctx, requireUser(actor), origin(req), params.ags),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/navigator/managed',
    summary: 'The districts whose dialogue the caller manages: all for the platform admin, its own for an office admin',
    tags,
    access: ['platform_admin', 'office_admin'],
    response: NavigatorManagedSchema,
    handler: async ({ ctx, actor }) => managedDistricts(ctx, requireUser(actor)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/navigator/dialogues/:ags/preview',
    summary: 'Check a dialogue without publishing it (400 naming the step) and answer it as a family would get it',
    tags,
    access: ['platform_admin', 'office_admin'],
    params: AgsParams,
    body: NavigatorDialogueSchema,
    response: NavigatorDialogueViewSchema,
    status: 200,
    handler: async ({ ctx, actor, params, body }) => previewDialogue(ctx, requireUser(actor), params.ags, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/navigator/dialogues/:ags/results',
    summary: 'Fitting offers and contacts for the answers given, each with a one-line reason; emergency contacts first on acute danger. Nothing is stored.',
    tags,
    access: 'public',
    params: AgsParams,
    body: NavigatorResultsBodySchema,
    response: NavigatorResultsSchema,
    status: 200,
    handler: async ({ ctx, params, body }) => computeResults(ctx, params.ags, body.answers, body.locale, body.postcode),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/navigator/dialogues/:ags/email',
    summary: 'Send the list by e-mail (queued); the address is removed as soon as the mail is sent',
    tags,
    access: 'public',
    errors: [429],
    params: AgsParams,
    body: NavigatorEmailBodySchema,
    response: NavigatorQueuedSchema,
    status: 202,
    middleware: (ctx) => [
      rateLimit({
        windowMs: 60 * 60_000,
        limit: ctx.config.NAVIGATOR_MAIL_PER_HOUR,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'Too many e-mails from this address. Try again in an hour.')),
      }),
    ],
    handler: async ({ ctx, params, body }) => queueListMail(ctx, params.ags, body),
  }),
];
