import { z } from 'zod';
import { describeChildIdentity, findChildIdentity } from '../child-identity';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters no text in this system may hold: NUL (PostgreSQL refuses it in text) and lone
 * UTF-16 surrogates (not encodable as UTF-8). Messages are shown next to the field.
 */
export function unsafeTextProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an invalid character (a lone UTF-16 surrogate)';
  return undefined;
}

/** Every string (and object key) in `value` that holds an unsafe character, with its path. */
export function findUnsafeText(value: unknown, path: string[] = [], out: { path: string; message: string }[] = [], depth = 0) {
  if (depth > 32 || out.length >= 20) return out;
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    if (problem) out.push({ path: path.join('.'), message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnsafeText(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = unsafeTextProblem(k);
      if (keyProblem) out.push({ path: path.join('.'), message: `a field name ${keyProblem}` });
      else findUnsafeText(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** A free text: trimmed, bounded, without NUL or lone surrogates. */
export function safeText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .superRefine((s, ctx) => {
      const problem = unsafeTextProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/**
 * A free text of the marketplace (request note, message, decline reason, case reference): also
 * refuses what could identify the child, saying in German what was found.
 */
export function pseudonymousText(max: number, opts: { min?: number; caseRef?: boolean } = {}) {
  let s = z.string().trim();
  if (opts.min) s = s.min(opts.min, 'is required');
  s = s.max(max);
  if (opts.caseRef) s = s.regex(/^[A-Za-z0-9._/-]+$/, 'may contain only letters, digits and . _ / - (no names)');
  return s.superRefine((text, ctx) => {
    const problem = unsafeTextProblem(text);
    if (problem) return ctx.addIssue({ code: 'custom', message: problem });
    const found = findChildIdentity(text, { caseRef: opts.caseRef });
    if (found.length) ctx.addIssue({ code: 'custom', message: describeChildIdentity(found), params: { childIdentity: found.map((f) => f.kind) } });
  });
}
