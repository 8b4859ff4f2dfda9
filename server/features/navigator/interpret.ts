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

/** How a text word meets a keyword word: exactly or as a stem or compound part, by a typo, or not. */
export function wordMatch(token: string, kw: string, typo = true): 'exact' | 'typo' | undefined {
  if (kw.length < 4) return token === kw ? 'exact' : undefined;
  if (token.startsWith(kw)) return 'exact';
  // a later part of a German compound: "Grundschule", "Elternstreit"
  if (kw.length >= 5) {
    for (let i = token.indexOf(kw, 3); i >= 3; i = token.indexOf(kw, i + 1)) {
      if (!VERB_PREFIX.test(token.slice(0, i))) return 'exact';
    }
  }
  // one typo, not in the first letter (people rarely mistype that)
  if (typo && kw.length >= 6 && token.length >= 6 && token[0] === kw[0]) {
    for (const len of [kw.length - 1, kw.length, kw.length + 1]) {
      if (len <= token.length && editDistance(token.slice(0, len), kw) <= 1) return 'typo';
    }
  }
  return undefined;
}

/** Does one text word match one keyword word (both normalised)? `typo`: tolerate one edit. */
export function wordMatches(token: string, kw: string, typo = true): boolean {
  return wordMatch(token, kw, typo) !== undefined;
}

/** At most this many other words may stand between the words of a phrase. */
const PHRASE_GAP = 2;

interface PhraseMatch {
  /** Indices of the matched text words. */
  at: number[];
  /** Some word matched only by tolerating a typo. */
  typo: boolean;
}

/** The first place where a phrase matches, or undefined. */
function findPhrase(tokens: Token[], words: string[], usable: (i: number) => boolean): PhraseMatch | undefined {
  for (let first = 0; first < tokens.length; first++) {
    const m0 = usable(first) ? wordMatch(tokens[first].norm, words[0]) : undefined;
    if (!m0) continue;
    const at = [first];
    let typo = m0 === 'typo';
    for (const w of words.slice(1)) {
      const last = at[at.length - 1];
      for (let j = last + 1; j <= Math.min(tokens.length - 1, last + 1 + PHRASE_GAP); j++) {
        const m = usable(j) ? wordMatch(tokens[j].norm, w) : undefined;
        if (m) {
          at.push(j);
          typo ||= m === 'typo';
          break;
        }
      }
      if (at[at.length - 1] === last) break;
    }
    if (at.length === words.length) return { at, typo };
  }
  return undefined;
}

const AGE_UNIT = /^(j|jahr\w*|jahrig\w*|jahrige\w*|year\w*|yo|yrs?|y)$/;
const AGE_BEFORE = new Set(['bin', 'ist', 'wird', 'werde', 'alter', 'am', 'm', 'is', 'aged', 'age', 'turned', 'turning']);
/** "Tochter 16", "son 14": a number right after a word for a child is an age. */
const CHILD_BEFORE = /^(sohn|tochter|kind|junge|madchen|enkel|enkelin|neffe|nichte|son|daughter|child|kid|boy|girl)$/;

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
    if (text[t.start - 1] === '(' && text[t.end] === ')') return void out.push({ age, words: text.slice(t.start - 1, t.end + 1) });
    const before = tokens[i - 1];
    if (before && (AGE_BEFORE.has(before.norm) || CHILD_BEFORE.test(before.norm))) out.push({ age, words: text.slice(before.start, t.end) });
  });
  return out;
}

interface Hit {
  option: NavigatorOption;
  score: number;
  matched: string[];
}

/**
 * How one option's vocabulary meets the text: a score and the words. A phrase counts 2, a word 1, a
 * match that needed a typo half; a text word counts once per option (overlapping stems add nothing).
 */
function matchOption(text: string, tokens: Token[], o: NavigatorOption, lang: NavigatorLocale, ages: { age: number; words: string }[]): Hit | undefined {
  const entries = (o.keywords?.[lang] ?? []).map((k) => k.trim()).filter(Boolean);
  const excluded = entries.filter((k) => k.startsWith('!')).map((k) => normaliseWord(k.slice(1)));
  // an exclusion is a plain prefix: no compound parts, no typos
  const usable = (i: number) => !excluded.some((x) => tokens[i].norm.startsWith(x));
  const used = new Set<number>();
  let score = 0;
  const matched: string[] = [];
  for (const k of entries) {
    if (k.startsWith('!')) continue;
    const words = k.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(normaliseWord);
    if (!words.length) continue;
    const m = findPhrase(tokens, words, usable);
    if (!m || m.at.every((i) => used.has(i))) continue;
    for (const i of m.at) used.add(i);
    score += (words.length > 1 ? 2 : 1) * (m.typo ? 0.5 : 1);
    const said = text.slice(tokens[m.at[0]].start, tokens[m.at[m.at.length - 1]].end);
    if (!matched.some((x) => x.toLowerCase() === said.toLowerCase())) matched.push(said);
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
 * question, the path goes on only if all answers lead to the same next question, or if the text
 * speaks about the question one branch leads to (on a tie, the branch most answers lead to; a branch
 * only one answer leads to needs a phrase or two words). The
 * person is asked the questions left open. `acuteDanger` is true when any acute-danger option
 * matched anywhere, on the path or not: better a false alarm than a miss.
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

  // what was said about a question itself; acute danger outweighs everything
  const directScore = (id: string) => {
    const h = hits.get(id);
    if (!h) return 0;
    const b = best(h);
    return b.score + (b.option.acuteDanger ? 100 : 0);
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
    // nothing said about this question: go on where every answer leads to the same next question,
    // else into the branch whose next question the text speaks about (on a tie, the common branch)
    const branches = new Map<string, number>();
    for (const o of at.options) branches.set(o.next, (branches.get(o.next) ?? 0) + 1);
    const ranked = [...branches.entries()]
      .map(([next, count]) => ({ next, count, score: directScore(next) }))
      .sort((x, y) => y.score - x.score || y.count - x.count);
    // a branch that only one answer leads to needs clearer words: a phrase or two words
    const top = ranked[0];
    if (branches.size > 1 && (top.score === 0 || (top.count === 1 && top.score < 2))) break;
    at = steps.get(top.next);
  }
  return { acuteDanger, concerns };
}
