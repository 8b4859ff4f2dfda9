import type { z } from 'zod';

/** Where `sent` has a defined value that the schema's answer `parsed` dropped (the first few). */
export function undeclaredPaths(sent: unknown, parsed: unknown, path = '', found: string[] = []): string[] {
  if (found.length >= 5 || sent === null || typeof sent !== 'object') return found;
  if (Array.isArray(sent)) {
    sent.forEach((v, i) => undeclaredPaths(v, Array.isArray(parsed) ? parsed[i] : undefined, `${path}[${i}]`, found));
    return found;
  }
  const out = (parsed ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(sent)) {
    if (v === undefined) continue;
    if (!(k in out)) found.push(`${path}.${k}`);
    else undeclaredPaths(v, out[k], `${path}.${k}`, found);
  }
  return found;
}

/**
 * The answer of a route whose handler builds it field by field (`responseBuilt`): parsed by its
 * schema when `check` is on (development, tests), and refused (500) when the schema would have
 * dropped a field, so a field that slips in fails the tests instead of being stripped quietly. In
 * production (`check` off) it is sent as built: the parse is a deep copy of every result of a search.
 */
export function builtResponse(schema: z.ZodType, result: unknown, check: boolean, route: string): unknown {
  if (!check) return result;
  const parsed = schema.parse(result);
  const extra = undeclaredPaths(result, parsed);
  if (extra.length) throw new Error(`${route} answered fields its response schema does not declare: ${extra.join(', ')}`);
  return parsed;
}
