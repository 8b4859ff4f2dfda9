import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

const PUB = 'BKnNzby9GSXQczFFe8enBygjxeyOQEL0ZpdOTogr7yBS04LSKIhF-YIMNm81eYvr3Uy4qryt1G8xwZbbm41inG0';
const PRIV = 'zuXSACnjVzmCiYpKprsjTCr6QSOWlIIw18DElX0KJAA';

describe('night loop configuration', () => {
  it('defaults: 100 km cap, 3 preselected, push off', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ EMERGENCY_MAX_KM: 100, EMERGENCY_PRESELECT: 3 });
    expect(c.VAPID_PUBLIC_KEY).toBeUndefined();
  });

  it('one VAPID key without the other stops the start, naming the missing one', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUB })).toThrow(/VAPID_PRIVATE_KEY: is required/);
    expect(() => loadConfig({ VAPID_PRIVATE_KEY: PRIV })).toThrow(/VAPID_PUBLIC_KEY: is required/);
    expect(loadConfig({ VAPID_PUBLIC_KEY: PUB, VAPID_PRIVATE_KEY: PRIV }).VAPID_PUBLIC_KEY).toBe(PUB);
  });

  it('refuses a cap beyond the 300 km the search can reach', () => {
    expect(() => loadConfig({ EMERGENCY_MAX_KM: '400' })).toThrow(ConfigError);
  });
});
