import type { Config } from '../config';

/**
 * Whether a browser's `Origin` may write over HTTP or open a socket. With `PUBLIC_URL` set, only
 * that origin and the ones in `ALLOWED_ORIGINS` are accepted: the request's own `Host` header
 * proves nothing (DNS rebinding sends `Host: evil.example` with `Origin: http://evil.example`).
 * Without `PUBLIC_URL` (development and the demo) the origin must match the `Host` it was sent to.
 */
export function originAllowed(config: Pick<Config, 'PUBLIC_URL' | 'ALLOWED_ORIGINS'>, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // not a browser; browsers always send Origin on cross-site writes and sockets
  if (config.PUBLIC_URL) return trustedOrigins(config).has(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const cache = new WeakMap<object, Set<string>>();

function trustedOrigins(config: Pick<Config, 'PUBLIC_URL' | 'ALLOWED_ORIGINS'>): Set<string> {
  let set = cache.get(config);
  if (!set) {
    set = new Set([config.PUBLIC_URL!, ...(config.ALLOWED_ORIGINS ?? [])].map((u) => new URL(u).origin));
    cache.set(config, set);
  }
  return set;
}
