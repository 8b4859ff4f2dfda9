import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody, ErrorCode } from '../../shared/errors';
import { ERROR_CODES } from '../../shared/errors';
import type { AppContext } from '../context';
import { RequestScope } from '../request-scope';
import { RETRY_AFTER_SECONDS } from './db-faults';

/** Seconds after which a request still waiting during a database outage is answered with 503. */
export const OUTAGE_ANSWER_SECONDS = 4;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's transactions, which the deadline stops from committing once it answered. */
    scope?: RequestScope;
  }
}

function answer(req: Request, res: Response, code: ErrorCode, message: string) {
  if (res.headersSent) return;
  const body: ErrorBody = { error: { code, message, requestId: req.requestId } };
  res.set('Retry-After', String(RETRY_AFTER_SECONDS)).status(ERROR_CODES[code]).json(body);
}

const UNAVAILABLE = 'The database is not reachable at the moment; please try again shortly';

/**
 * While this node knows its database is down, API calls are answered at once with 503 and
 * Retry-After instead of queueing for connections that cannot be made.
 */
export function databaseGate(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (ctx.health?.isDown) return answer(req, res, 'DATABASE_UNAVAILABLE', UNAVAILABLE);
    next();
  };
}

/**
 * Every request gets an answer in bounded time: after OUTAGE_ANSWER_SECONDS a request still
 * waiting is answered 503 if the database does not answer a probe; after RESPONSE_TIMEOUT_SECONDS
 * it is answered 504 in any case. Either answer means "nothing was changed": it is given only once
 * the request's scope closed (no transaction of it commits any more, see RequestScope); when a
 * commit succeeded or was already under way, the handler's own answer is given instead (late).
 */
export function requestDeadline(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const scope = new RequestScope();
    req.scope = scope;
    const timers: NodeJS.Timeout[] = [];
    const clear = () => timers.forEach(clearTimeout);
    res.once('finish', clear);
    res.once('close', clear);
    const answerIfNothingDone = (code: ErrorCode, message: string) => {
      if (res.headersSent) return;
      void scope.close().then((closed) => {
        if (closed) answer(req, res, code, message);
      });
    };
    if (ctx.health) {
      timers.push(
        setTimeout(() => {
          void ctx.health!.probe().then((ok) => {
            if (!ok) answerIfNothingDone('DATABASE_UNAVAILABLE', UNAVAILABLE);
          });
        }, OUTAGE_ANSWER_SECONDS * 1000 - 900),
      );
    }
    timers.push(
      setTimeout(() => answerIfNothingDone('DATABASE_TIMEOUT', 'The request took too long; please try again'), ctx.config.RESPONSE_TIMEOUT_SECONDS * 1000),
    );
    next();
  };
}

/**
 * Readiness for a load balancer: 200 when this node can serve, 503 within a second otherwise
 * (database unreachable from its own probe connection, the app pool not answering in time, or
 * the node shutting down). Never waits on the app pool longer than half a second.
 */
export function readiness(ctx: AppContext) {
  return async (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    if (ctx.draining) return res.status(503).json({ status: 'stopping', error: { code: 'UNAVAILABLE', message: 'This node is shutting down' } });
    const dbOk = ctx.health ? await ctx.health.probe() : await bounded(ctx.sql`select 1`, 800);
    if (!dbOk) {
      return res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ status: 'degraded', database: 'unreachable', error: { code: 'DATABASE_UNAVAILABLE', message: UNAVAILABLE } });
    }
    const poolOk = await bounded(ctx.sql`select 1`, 500);
    if (!poolOk) {
      return res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ status: 'degraded', database: 'busy', error: { code: 'DATABASE_TIMEOUT', message: 'The connection pool is busy' } });
    }
    res.json({ status: 'ready' });
  };
}

function bounded(p: PromiseLike<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    Promise.resolve(p).then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });
}
