import type { NavigatorDialogue, NavigatorLocale, NavigatorOption, NavigatorStep } from '../../../shared/schemas/navigator';

/**
 * "In your own words": a rule-based, explainable reading of a short text against a dialogue's
 * options. Each option carries its vocabulary as data (`keywords`: words, stems, compounds,
 * misspellings, colloquial phrases); nothing is learnt and nothing is kept. Every understood option
 * comes with the words of the text that led to it, so the person can see why and correct it.
 *
 * Matching, after folding case, umlauts, ß and accents:
 * - a keyword word of 4 letters or more is a stem: it matches a word that begins with it
 *   ("schul" matches "Schulangst"), or a later part of a compound ("Grundschule"), never after a
 *   verb prefix ("verschuldet");
 * - a shorter keyword word must match exactly ("mir", "er");
 * - one typo (Damerau-Levenshtein distance 1) is tolerated for keyword words of 6 letters or more
 *   in text words of 6 letters or more ("schwnager");
 * - a phrase matches its words in order with at most two other words between them
 *   ("traue mich nicht nach hause" matches "ich trau mich nicht mehr nach Hause");
 * - a keyword starting with "!" excludes text words from the option ("!schuld" keeps
 *   "Schulden" away from school problems);
 * - an option with an age range also matches an age in the text ("14 Jahre", "ich bin 16", "(8)").
 */

export interface Concern {
  /** The step the option belongs to (option ids are unique only within their step). */
  step: string;
  optionId: string;
  serviceTypes: string[];
  /** The words of the text that led to this option, as typed. */
  matched: string[];
}

export interface Interpretation {
  acuteDanger: boolean;
  /** Understood answers along one path through the dialogue, in the order of the questions. */
  concerns: Concern[];
}

interface Token {
  norm: string;
  start: number;
  end: number;
}

/** Lower case; umlauts, ß and accents folded; "ae/oe/ue" read as umlauts (so "schlaegt" = "schlägt"). */
export function normaliseWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u');
}

/** Words of the text with their place in it (punctuation and spaces separate words). */
export function tokenise(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ norm: normaliseWord(m[0]), start: m.index, end: m.index + m[0].length }));
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const VERB_PREFIX = /(ver|zer|ent|emp|be|ge|er|miss)$/;

/** Does one text word match one keyword word (both normalised)? `typo`: tolerate one edit. */
export function wordMatches(token: string, kw: string, typo = true): boolean {
  if (kw.length < 4) return token === kw;
  if (token.startsWith(kw)) return true;
  // a later part of a German compound: "Grundschule", "Elternstreit"
  for (let i = token.indexOf(kw, 3); i >= 3; i = token.indexOf(kw, i + 1)) {
    if (!VERB_PREFIX.test(token.slice(0, i))) return true;
  }
  if (typo && kw.length >= 6 && token.length >= 6) {
    for (const len of [kw.length - 1, kw.length, kw.length + 1]) {
      if (len <= token.length && editDistance(token.slice(0, len), kw) <= 1) return true;
    }
  }
  return false;
}

/** At most this many other words may stand between the words of a phrase. */
const PHRASE_GAP = 2;

/** The first place where a phrase matches: the indices of its first and last word, or undefined. */
function findPhrase(tokens: Token[], words: string[], usable: (i: number) => boolean): [number, number] | undefined {
  for (let first = 0; first < tokens.length; first++) {
    if (!usable(first) || !wordMatches(tokens[first].norm, words[0])) continue;
    let last = first;
    let ok = true;
    for (const w of words.slice(1)) {
      let found = -1;
      for (let j = last + 1; j <= Math.min(tokens.length - 1, last + 1 + PHRASE_GAP); j++) {
        if (usable(j) && wordMatches(tokens[j].norm, w)) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      last = found;
    }
    if (ok) return [first, last];
  }
  return undefined;
}

const AGE_UNIT = /^(j|jahr\w*|jahrig\w*|jahrige\w*|year\w*|yo|yrs?|y)$/;
const AGE_BEFORE = new Set(['bin', 'ist', 'wird', 'werde', 'alter', 'am', 'm', 'is', 'aged', 'age', 'turned', 'turning']);

/** Ages stated in the text ("14 Jahre", "14-jährig", "ich bin 16", "(8)", "16j"), with the words. */
export function findAges(text: string, tokens: Token[]): { age: number; words: string }[] {
  const out: { age: number; words: string }[] = [];
  tokens.forEach((t, i) => {
    const m = /^(\d{1,2})([a-z]*)$/.exec(t.norm);
    if (!m) return;
    const age = Number(m[1]);
    const next = tokens[i + 1];
    if (m[2] && AGE_UNIT.test(m[2])) return void out.push({ age, words: text.slice(t.start, t.end) });
    if (m[2]) return;
    if (next && AGE_UNIT.test(next.norm)) return void out.push({ age, words: text.slice(t.start, next.end) });
    const before = tokens[i - 1];
    if (before && AGE_BEFORE.has(before.norm)) return void out.push({ age, words: text.slice(before.start, t.end) });
    if (text[t.start - 1] === '(' && text[t.end] === ')') out.push({ age, words: text.slice(t.start - 1, t.end + 1) });
  });
  return out;
}

interface Hit {
  option: NavigatorOption;
  score: number;
  matched: string[];
}

/** How one option's vocabulary meets the text: a score (phrases count twice) and the words. */
function matchOption(text: string, tokens: Token[], o: NavigatorOption, lang: NavigatorLocale, ages: { age: number; words: string }[]): Hit | undefined {
  const entries = (o.keywords?.[lang] ?? []).map((k) => k.trim()).filter(Boolean);
  const excluded = entries.filter((k) => k.startsWith('!')).map((k) => normaliseWord(k.slice(1)));
  const usable = (i: number) => !excluded.some((x) => wordMatches(tokens[i].norm, x, false));
  let score = 0;
  const matched: string[] = [];
  for (const k of entries) {
    if (k.startsWith('!')) continue;
    const words = k.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(normaliseWord);
    if (!words.length) continue;
    const span = findPhrase(tokens, words, usable);
    if (!span) continue;
    score += words.length > 1 ? 2 : 1;
    const said = text.slice(tokens[span[0]].start, tokens[span[1]].end);
    if (!matched.some((m) => m.toLowerCase() === said.toLowerCase())) matched.push(said);
  }
  if (o.age) {
    for (const a of ages) {
      if (a.age >= o.age.min && a.age <= o.age.max) {
        score += 2;
        if (!matched.includes(a.words)) matched.push(a.words);
      }
    }
  }
  return score > 0 ? { option: o, score, matched } : undefined;
}

/** The option that wins at a step: acute danger first (better a false alarm than a miss), then score, then order. */
function best(hits: Hit[]): Hit {
  return [...hits].sort((a, b) => Number(b.option.acuteDanger) - Number(a.option.acuteDanger) || b.score - a.score)[0];
}

/**
 * Reads the text against the dialogue: every option's vocabulary is matched, then one path is
 * chosen from the start: at each question the best matched option; where nothing was said about a
 * question, the path goes on only if all answers lead to the same next question or one branch
 * holds more matches (on a tie, the branch most answers lead to). `acuteDanger` is true when any
 * acute-danger option matched anywhere, on the path or not.
 */
export function interpret(d: NavigatorDialogue, text: string, lang: NavigatorLocale): Interpretation {
  const tokens = tokenise(text);
  const ages = findAges(text, tokens);
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  const hits = new Map<string, Hit[]>();
  for (const s of d.steps) {
    if (s.kind !== 'choice') continue;
    const h = s.options.map((o) => matchOption(text, tokens, o, lang, ages)).filter((x): x is Hit => !!x);
    if (h.length) hits.set(s.id, h);
  }
  const acuteDanger = [...hits.values()].some((h) => h.some((x) => x.option.acuteDanger));

  // the best score reachable from a step (one option per question), for choosing between branches
  const memo = new Map<string, number>();
  const reachableScore = (id: string, seen: Set<string>): number => {
    if (memo.has(id)) return memo.get(id)!;
    const s = steps.get(id);
    if (!s || s.kind !== 'choice' || seen.has(id)) return 0;
    const next = new Set([...seen, id]);
    const here = hits.get(id);
    const own = here ? best(here).score + (best(here).option.acuteDanger ? 100 : 0) : 0;
    const after = here ? reachableScore(best(here).option.next, next) : Math.max(0, ...s.options.map((o) => reachableScore(o.next, next)));
    const v = own + after;
    memo.set(id, v);
    return v;
  };

  const concerns: Concern[] = [];
  const visited = new Set<string>();
  let at: NavigatorStep | undefined = steps.get(d.start);
  while (at && at.kind === 'choice' && !visited.has(at.id)) {
    visited.add(at.id);
    const here = hits.get(at.id);
    if (here) {
      const h = best(here);
      concerns.push({ step: at.id, optionId: h.option.id, serviceTypes: h.option.serviceTypes, matched: h.matched });
      at = steps.get(h.option.next);
      continue;
    }
    // nothing said about this question: follow the branch that holds the matches, if any
    const branches = new Map<string, number>();
    for (const o of at.options) branches.set(o.next, (branches.get(o.next) ?? 0) + 1);
    const ranked = [...branches.entries()]
      .map(([next, count]) => ({ next, count, score: reachableScore(next, visited) }))
      .sort((a, b) => b.score - a.score || b.count - a.count);
    if (!ranked.length || ranked[0].score === 0) break;
    at = steps.get(ranked[0].next);
  }
  return { acuteDanger, concerns };
}
