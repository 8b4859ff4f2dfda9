import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/**
 * Sends the precompressed copy of a built asset (`.br`, else `.gz`, written by the client build,
 * client/precompress.ts) when the browser accepts it, with the asset's own type and `Vary`.
 * Anything else falls through to express.static. Which files have copies is read once.
 */
export function precompressed(root: string, setHeaders: (res: Response, path: string) => void) {
  const known = new Map<string, boolean>();
  const has = (p: string) => {
    let v = known.get(p);
    if (v === undefined) known.set(p, (v = existsSync(p)));
    return v;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const rel = normalize(decodeURIComponent(req.path)).replace(/^([/\\])+/, '');
    if (!rel || rel.split(sep).includes('..') || !extname(rel)) return next();
    const file = join(root, rel);
    if (!has(file)) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const enc = ENCODINGS.find((e) => new RegExp(`\\b${e.name}\\b`).test(accepted) && has(file + e.ext));
    res.vary('Accept-Encoding');
    if (!enc) return next();
    res.type(extname(rel));
    res.setHeader('Content-Encoding', enc.name);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    setHeaders(res, file);
    res.sendFile(file + enc.ext, { headers: { 'Content-Type': res.getHeader('Content-Type') as string } }, (err) => err && next(err));
  };
}
