import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { authenticate } from './http/authenticate';
import { databaseGate, readiness, requestDeadline } from './http/availability';
import { docsRouter } from './http/docs';
import { errorHandler } from './http/error-handler';
import { AppError } from './http/errors';
import { buildOpenApi } from './http/openapi';
import { originAllowed } from './http/origin';
import type { RouteDef } from './http/route';
import { precompressed } from './http/precompressed';
import { builtResponse } from './http/response-check';
import { parsePart } from './http/validate';
import { runInScope } from './request-scope';
import { allRoutes } from './routes';

export const CLIENT_DIST = join(import.meta.dirname, '..', 'client', 'dist');
const VERSION = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version as string;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'express-serve-static-core' {
  interface Request {
    /** A route's `prefetch`, started beside the session's lookup (see prefetcher). */
    prefetch?: { route: RouteDef; input: { body: unknown } | { error: unknown }; result?: Promise<unknown> };
  }
}

/**
 * Starts a route's `prefetch` (reads needing no identity) beside the session's lookup: called by
 * authenticate only for a session cookie a node issued. Refused origins start nothing. The input is
 * validated here once; its error, if any, is thrown by the route where it would be (after the access
 * and CSRF checks), and the result is handed to the handler only once those passed.
 */
function prefetcher(ctx: AppContext, routes: RouteDef[]) {
  const byKey = new Map<string, RouteDef>();
  for (const r of routes) {
    if (!r.prefetch) continue;
    // a route's own middleware (a rate limit) must run before any of its work: such routes get no prefetch
    if (r.path.includes(':') || r.params || r.query || r.bodyLimit || r.middleware) throw new Error(`${r.path}: prefetch is for routes with only a body`);
    byKey.set(`${r.method.toUpperCase()} ${r.path}`, r);
  }
  return (req: Request) => {
    const r = byKey.get(`${req.method} ${req.path}`);
    if (!r) return;
    if (!SAFE_METHODS.has(req.method) && !originAllowed(ctx.config, req.get('origin'), req.get('host'))) return;
    let body: unknown;
    try {
      body = r.body ? parsePart('body', r.body as never, req.body) : undefined;
    } catch (error) {
      req.prefetch = { route: r, input: { error } };
      return;
    }
    const run = () => r.prefetch!({ ctx, body: body as never });
    const result = req.scope ? runInScope(req.scope, run) : run();
    // read only when the call is admitted; a refused call's outcome is dropped
    result.catch(() => {});
    req.prefetch = { route: r, input: { body }, result };
  };
}

function byteLimit(limit: string): number {
  const [, n, unit] = /^(\d+)(b|kb|mb)$/.exec(limit) ?? [];
  return Number(n) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** Wraps a route: access check, CSRF, validation, handler, typed answer. */
function mount(app: Express, ctx: AppContext, r: RouteDef) {
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    // the deadline answered while the session was looked up: the request ends here
    if (res.headersSent) return;
    const actor = req.actor;
    if (r.access !== 'public') {
      if (actor.kind === 'anonymous') {
        throw new AppError('UNAUTHENTICATED', req.sessionProblem === 'expired' ? 'Your session has expired. Log in again.' : 'Log in first');
      }
      if (Array.isArray(r.access) && !r.access.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role may not do this');
      if (r.access === 'authenticated' && actor.kind === 'token') throw new AppError('FORBIDDEN', 'API tokens may not call this route');
    }
    // personal or case data must not stay in a browser's or a proxy's cache
    if (r.access !== 'public' || actor.kind !== 'anonymous' || r.path.startsWith('/api/v1/auth/')) res.set('Cache-Control', 'no-store');
    if (!SAFE_METHODS.has(req.method) && actor.kind === 'user' && !r.csrfExempt) {
      if (req.get('x-csrf-token') !== actor.csrfToken) throw new AppError('CSRF_FAILED', 'Missing or wrong X-CSRF-Token header; reload the page');
    }
    next();
  };
  const handle = async (req: Request, res: Response) => {
    if (r.body && req.headers['content-length'] !== '0' && (req.headers['content-length'] || req.headers['transfer-encoding']) && !req.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    }
    const params = r.params ? parsePart('params', r.params as never, req.params) : undefined;
    const query = r.query ? parsePart('query', r.query as never, req.query) : undefined;
    // the prefetch validated the body already (with the same schema, on the same body)
    const early = req.prefetch?.route === r ? req.prefetch : undefined;
    const input = early?.input;
    if (input && 'error' in input) throw input.error;
    const body = input ? input.body : r.body ? parsePart('body', r.body as never, req.body) : undefined;
    const origin = { ip: req.ip, requestId: req.requestId };
    const idempotency = { key: req.get('idempotency-key'), route: `${req.method} ${req.path}`, body: req.body as unknown };
    // the guard above made sure the actor is one the route's access admits
    // inside the request's scope: its transactions commit only while the deadline has not answered
    const run = () => r.handler({ ctx, req, res, params, query, body: body as never, actor: req.actor as never, origin, idempotency, prefetched: early?.result });
    const scope = req.scope;
    const result = scope ? await runInScope(scope, run).finally(() => scope.settle()) : await run();
    if (res.headersSent) return;
    if (r.response) {
      // the response schema strips anything not declared: nothing leaks by accident; a route that
      // builds its answer field by field is checked instead (see builtResponse)
      const body = r.responseBuilt ? builtResponse(r.response, result, ctx.config.CHECK_BUILT_RESPONSES, `${r.method.toUpperCase()} ${r.path}`) : r.response.parse(result);
      if (SAFE_METHODS.has(req.method)) res.status(r.status ?? 200).json(body);
      else {
        // the answer to a change (or a search): never cached, so no ETag (a hash of the whole body)
        // and no freshness check as express adds them; the headers and the body go out in one write
        const json = JSON.stringify(body) ?? '';
        res.statusCode = r.status ?? 200;
        if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(json));
        res.end(json);
      }
    } else res.status(r.status ?? 204).end();
  };
  const mw = r.middleware?.(ctx) ?? [];
  // a route with its own body limit reads its body here, after the access check (see createApp)
  const body = r.bodyLimit ? [express.json({ limit: r.bodyLimit(ctx.config), strict: true })] : [];
  app[r.method](r.path, guard, ...body, ...mw, handle);
}

export interface CreateAppOptions {
  routes?: RouteDef[];
  /** Serve the built web client (off in API tests). */
  serveClient?: boolean;
}

/** Builds the Express app without listening: the server and the tests share it. */
export function createApp(ctx: AppContext, opts: CreateAppOptions = {}): Express {
  const routes = opts.routes ?? allRoutes;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY ? 1 : false);
  app.set('query parser', 'simple');

  // while the node drains (SIGTERM), every answer ends its connection: keep-alive clients and
  // balancers move to another node instead of holding this one open
  app.use((_req, res, next) => {
    if (ctx.draining) res.set('Connection', 'close');
    next();
  });
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    req.requestId = given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
    res.set('X-Request-Id', req.requestId);
    next();
  });
  app.use(
    pinoHttp({
      logger: ctx.log,
      genReqId: (req) => (req as Request).requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || !req.url?.startsWith('/api') },
      // no headers, cookies or bodies in the log; the serializers read the request and response
      // themselves (not pino-std-serializers' copy of every request, made even when nothing is logged)
      wrapSerializers: false,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', ctx.config.mapTileOrigin],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: ctx.config.secure ? [] : null,
        },
      },
      strictTransportSecurity: ctx.config.secure,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readiness(ctx));
  app.use(['/api', '/hsds'], requestDeadline(ctx), databaseGate(ctx));

  // body-parser reads a too-large body to its end before refusing it; a declared length over the
  // limit is refused at once and the socket closed, so nobody can hold it by declaring 100 MB
  const bodyLimit = byteLimit(ctx.config.BODY_LIMIT);
  // routes with a larger limit of their own (an upload) parse their body after the access check
  const ownLimits = new Map(routes.flatMap((r) => (r.bodyLimit ? [[`${r.method.toUpperCase()} ${r.path}`, r.bodyLimit(ctx.config)] as const] : [])));
  const ownLimit = (req: Request) => ownLimits.get(`${req.method} ${req.path}`);
  app.use((req, _res, next) => {
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > (ownLimit(req) ?? bodyLimit)) return next(new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large'));
    next();
  });
  const json = express.json({ limit: ctx.config.BODY_LIMIT, strict: true });
  app.use((req, res, next) => (ownLimit(req) === undefined ? json(req, res, next) : next()));
  app.use(cookieParser());
  app.use(authenticate(ctx, prefetcher(ctx, routes)));
  app.use((req, _res, next) => {
    if (!SAFE_METHODS.has(req.method) && !originAllowed(ctx.config, req.get('origin'), req.get('host'))) {
      return next(new AppError('CSRF_FAILED', 'Cross-origin request refused'));
    }
    next();
  });

  const openapi = buildOpenApi(routes, VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/docs', docsRouter());

  for (const r of routes) mount(app, ctx, r);

  app.use('/api', (req, _res, next) => {
    next(new AppError('ROUTE_NOT_FOUND', `No route ${req.method} ${req.originalUrl.split('?')[0]}`));
  });

  if (opts.serveClient && existsSync(join(CLIENT_DIST, 'index.html'))) {
    // the service worker and the manifest must be checked at every start, or an old worker lingers
    const setHeaders = (res: Response, path: string) => {
      if (/(sw\.js|manifest\.webmanifest)$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
    };
    app.use(precompressed(CLIENT_DIST, setHeaders));
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: '1h', immutable: false, setHeaders }));
    const index = readFileSync(join(CLIENT_DIST, 'index.html'), 'utf8');
    app.get('/{*path}', (_req, res) => {
      res.type('html').set('Cache-Control', 'no-cache').send(index);
    });
  }
  app.use((req, _res, next) => next(new AppError('ROUTE_NOT_FOUND', `No route ${req.method} ${req.path}`)));
  app.use(errorHandler(ctx));
  return app;
}

