import { rateLimit } from 'express-rate-limit';
import {
  AgsParams,
  NavigatorDialogueListSchema,
  NavigatorDialogueSchema,
  NavigatorDialogueViewSchema,
  NavigatorEmailBodySchema,
  NavigatorInterpretationSchema,
  NavigatorInterpretBodySchema,
  NavigatorLoadedSchema,
  NavigatorPlaceQuerySchema,
  NavigatorPlacesSchema,
  NavigatorQueuedSchema,
  NavigatorResultsBodySchema,
  NavigatorResultsSchema,
} from '../../../shared/schemas/navigator';
import { requireUser } from '../../http/actor';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { computeResults, findPlaces, getDialogueView, interpretText, listDialogues, loadDialogue, queueListMail, removeDialogue } from './service';

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
    method: 'post',
    path: '/api/v1/navigator/interpret',
    summary:
      "In your own words: a short text read against the dialogue's vocabulary (the district's dialogue, else the general one); the understood answers with the words that led there, and whether it shows signs of acute danger. The text is neither stored nor logged.",
    tags,
    access: 'public',
    body: NavigatorInterpretBodySchema,
    response: NavigatorInterpretationSchema,
    status: 200,
    middleware: (ctx) => [
      rateLimit({
        windowMs: 60_000,
        limit: ctx.config.NAVIGATOR_INTERPRET_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'Too many texts from this address. Try again in a minute.')),
      }),
    ],
    handler: async ({ ctx, body }) => interpretText(ctx, body),
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
    access: ['platform_admin'],
    params: AgsParams,
    body: NavigatorDialogueSchema,
    response: NavigatorLoadedSchema,
    handler: async ({ ctx, req, actor, params, body }) => loadDialogue(ctx, requireUser(actor), origin(req), params.ags, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/navigator/dialogues/:ags',
    summary: "Remove a municipality's loaded dialogue (the shipped one, if any, applies again)",
    tags,
    access: ['platform_admin'],
    params: AgsParams,
    handler: async ({ ctx, req, actor, params }) => removeDialogue(ctx, requireUser(actor), origin(req), params.ags),
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
