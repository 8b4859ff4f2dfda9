import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../../shared/schemas/common';
import type { AuditOrigin } from '../audit';
import type { Config } from '../config';
import type { AppContext } from '../context';
import type { Actor, TokenActor, UserActor } from './actor';
import type { IdempotencyKey } from './idempotency';

/** `public`: anyone; `authenticated`: any logged-in user; otherwise the roles that may call. */
export type Access = 'public' | 'authenticated' | readonly (Role | 'api_token')[];

export type ErrorStatus = 401 | 409 | 415 | 423 | 429;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/**
 * The actor a route's handler can be sure of once the access check passed: anyone for `public`,
 * a logged-in user for `authenticated` (tokens are refused there), otherwise a user of one of the
 * listed roles and/or an API token.
 */
export type ActorFor<A extends Access> = A extends 'public'
  ? Actor
  : A extends 'authenticated'
    ? UserActor
    : A extends readonly (infer R)[]
      ? ('api_token' extends R ? TokenActor : never) | ([Exclude<R, 'api_token'>] extends [never] ? never : UserActor & { role: Exclude<R, 'api_token'> })
      : never;

export interface HandlerArgs<P, Q, B, A extends Access = Access, F = unknown> {
  ctx: AppContext;
  req: Request;
  res: Response;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  actor: ActorFor<A>;
  /** Where the call came from, for the audit log. */
  origin: AuditOrigin;
  /** The call's `Idempotency-Key` header and route, for `idempotent()`. */
  idempotency: IdempotencyKey;
  /** What the route's `prefetch` read while the session was looked up; undefined when it did not run. */
  prefetched?: Promise<F>;
}

export interface PrefetchArgs<B> {
  ctx: AppContext;
  body: Infer<B>;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown, A extends Access = Access, F = unknown> {
  method: Method;
  /** Express path, e.g. `/api/v1/users/:id`. */
  path: string;
  summary: string;
  tags: string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the JSON answer; omit when the handler writes the response itself. */
  response?: z.ZodType;
  /**
   * The handler builds its answer field by field from typed object literals (no row or stored
   * object passed through), so nothing undeclared can be in it: the schema checks it where
   * `CHECK_BUILT_RESPONSES` is on (development, tests: a field the schema would drop is a 500)
   * instead of copying it on every call in production. Only for answers whose schema has no
   * defaults or transforms that change what is sent.
   */
  responseBuilt?: true;
  status?: number;
  /**
   * Error statuses the route answers beyond those its definition implies (OpenAPI only; 400, 401/403
   * and 404 follow from input, access and path): 401 for a public route that checks credentials, 409
   * when the current state refuses the change, 415 for a content type it does not read, 423 for a
   * locked account, 429 for a rate limit.
   */
  errors?: readonly ErrorStatus[];
  /** Extra content types the route answers with (documentation only). */
  produces?: string[];
  /** Routes that need no CSRF token although they change state (login). */
  csrfExempt?: boolean;
  /**
   * A JSON body larger than `BODY_LIMIT` this route accepts, in bytes (a path without parameters):
   * its body is read only after the access and CSRF checks passed, never for anyone else.
   */
  bodyLimit?: (config: Config) => number;
  /** Runs after the access check, before validation (e.g. rate limits). */
  middleware?: (ctx: AppContext) => RequestHandler[];
  /**
   * Reads that need no caller's identity (same for every caller), started beside the session's lookup
   * when the session cookie is one a node issued (valid MAC) and the origin is allowed: the lookup's
   * round trip and this one overlap. Its result reaches the handler only after the access, CSRF and
   * input checks passed as for any route; a refused call's result is dropped unread. Only for a path
   * without parameters and a body-only input; no writes.
   */
  prefetch?: (args: PrefetchArgs<B>) => Promise<F>;
  handler: (args: HandlerArgs<P, Q, B, A, F>) => Promise<unknown>;
}

/**
 * Declares a route; the type parameters come from the schemas and the access list, so handlers get
 * typed input and an actor already narrowed to who may call.
 */
export function defineRoute<
  const A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  F = unknown,
>(def: RouteDef<P, Q, B, A, F>): RouteDef {
  return def as unknown as RouteDef;
}
