import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Db } from '../../server/db';

/**
 * English the German interface must never show: the server's field messages and error texts
 * (as they were shown before the client worded them), zod's defaults and API words.
 */
const ENGLISH = [
  /\bmust (be|contain|not|have|match)\b/,
  /\bis required\b/,
  /\bInvalid (request|input|option|string|ISO)\b/,
  /\bunknown (town|postcode|field|code|type|specialisation|exclusion|language)/i,
  /\bnot found\b/,
  /\bgive a postcode\b/,
  /\b(Too small|Too big|expected|received)\b/,
  /\bAlready exists\b/,
  /\bYou may not\b/,
  /\bInternal error\b/,
  /\b\d+ (now|by)\b/,
  /\bnot stale\b/,
];

/** Top-level keys of the client's texts: "search.criterion.age" on screen is a missing translation. */
const KEY = /\b(app|nav|roles|login|home|users|orgs|errors|realtime|public|form|search|requests|provider|directory|navigator|emergency|statistics|cases|admin)\.[a-zA-Z_]+(\.[a-zA-Z_-]+)*\b/;

/**
 * The codes of the taxonomies a caseworker reads in explanations and requests (long enough not to
 * be a number). Settings are left out: "ambulant" is a code and a German word alike.
 */
export async function taxonomyCodes(db: Db): Promise<string[]> {
  const rows = await db<{ code: string }[]>`
    select code from specialisations union select code from exclusions union select code from genders
    union select code from decline_reasons`;
  return rows.map((r) => r.code).filter((c) => c.length >= 4 && /[a-z]/.test(c));
}

/**
 * The language scan and the width scan of one screen: no known English message, no untranslated
 * key and no raw taxonomy code in the visible text; nothing wider than the viewport.
 */
export async function scanScreen(page: Page, name: string, codes: string[]): Promise<void> {
  const { text, scrollWidth, innerWidth, wide } = await page.evaluate(() => {
    const vw = window.innerWidth;
    // the widest elements, to name the culprit when the page scrolls sideways
    const over = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > vw + 1 && getComputedStyle(el).position !== 'fixed')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
    return { text: document.body.innerText, scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide: over };
  });
  expect(scrollWidth, `${name} scrolls sideways (${scrollWidth} px at ${innerWidth} px): ${wide.join(', ')}`).toBeLessThanOrEqual(innerWidth);
  const english = ENGLISH.filter((re) => re.test(text)).map((re) => text.match(re)![0]);
  expect(english, `${name}: English in the German interface`).toEqual([]);
  expect(text.match(KEY)?.[0], `${name}: untranslated key`).toBeUndefined();
  // codes are lower-case letters, digits and hyphens: nothing to escape; a code is a whole word
  const raw = codes.filter((c) => new RegExp(`(^|[^\\p{L}\\d-])${c}($|[^\\p{L}\\d-])`, 'u').test(text));
  expect(raw, `${name}: raw taxonomy codes`).toEqual([]);
}
