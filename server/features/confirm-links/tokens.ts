import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A confirm link's token: `<id>.<signature>`, the signature an HMAC-SHA256 (SESSION_SECRET) over
 * the purpose, the link's id and its expiry. Single-purpose: the purpose is part of what is signed,
 * and nothing else in the product accepts these tokens (they are not API tokens or sessions).
 */
const PURPOSE = 'confirm-link:v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, id: string, expiresAt: Date): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${id}:${expiresAt.getTime()}`).digest('base64url');
}

export function signLink(secret: string, id: string, expiresAt: Date): string {
  return `${id}.${signature(secret, id, expiresAt)}`;
}

/** The id a token names, if it has the form of one (the signature is checked against the stored expiry). */
export function linkIdOf(token: string): string | undefined {
  const id = token.split('.')[0];
  return UUID.test(id) && token.length < 200 ? id : undefined;
}

export function verifyLink(secret: string, token: string, id: string, expiresAt: Date): boolean {
  const given = Buffer.from(token.slice(id.length + 1));
  const wanted = Buffer.from(signature(secret, id, expiresAt));
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
