import { describe, expect, it } from 'vitest';
import { isIssuedCookie, newSessionCookie, newToken } from '../../server/features/auth/sessions';

const SECRET = 'unit-secret-unit-secret-unit-secret-0000';

describe('session cookie MAC', () => {
  it('accepts a cookie issued with the secret', () => {
    expect(isIssuedCookie(SECRET, newSessionCookie(SECRET))).toBe(true);
  });

  it('refuses another secret, a changed token or MAC, and the older form without a MAC', () => {
    const cookie = newSessionCookie(SECRET);
    const [token, mac] = cookie.split('.');
    expect(isIssuedCookie('other-secret-other-secret-other-secret-00', cookie)).toBe(false);
    expect(isIssuedCookie(SECRET, `${newToken()}.${mac}`)).toBe(false);
    expect(isIssuedCookie(SECRET, `${token}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(isIssuedCookie(SECRET, `${token}.${mac.slice(1)}`)).toBe(false);
    expect(isIssuedCookie(SECRET, token)).toBe(false);
    expect(isIssuedCookie(SECRET, `.${mac}`)).toBe(false);
  });
});
