import { describe, expect, it } from 'vitest';
import type { NavigatorDialogue } from '../../shared/schemas/navigator';
import { editDistance, findAges, interpret, normaliseWord, tokenise, wordMatches } from '../../server/features/navigator/interpret';
import { generalDialogue, shippedDialogues } from '../../server/features/navigator/shipped';
import { demoDialogueFiles } from '../../scripts/navigator-dialogues';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH, GERMAN, type Case } from './navigator-interpret-cases';

/** Thresholds on the table below: acute danger is never missed; the answers are mostly right. */
const MIN_RECALL = 0.85;
const MIN_PRECISION = 0.85;

interface Score {
  tp: number;
  fp: number;
  fn: number;
  acuteMissed: string[];
  falseAlarms: string[];
  wrong: string[];
}

function evaluate(d: NavigatorDialogue, cases: Case[], lang: 'de' | 'en'): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, acuteMissed: [], falseAlarms: [], wrong: [] };
  for (const k of cases) {
    const r = interpret(d, k.text, lang);
    const got = new Set(r.concerns.map((x) => x.optionId));
    const want = new Set(k.expect);
    const tp = [...got].filter((x) => want.has(x)).length;
    s.tp += tp;
    s.fp += got.size - tp;
    s.fn += want.size - tp;
    if (k.acute && !r.acuteDanger) s.acuteMissed.push(k.text);
    if (!k.acute && r.acuteDanger) s.falseAlarms.push(k.text);
    if (got.size !== tp || want.size !== tp) s.wrong.push(`${k.text} → [${[...got].join(', ')}], expected [${k.expect.join(', ')}]`);
  }
  return s;
}

const figures = (s: Score) => ({ precision: s.tp / (s.tp + s.fp), recall: s.tp / (s.tp + s.fn) });

describe('navigator interpreter: matching rules', () => {
  it('folds case, umlauts, ß and the ae/oe/ue spellings', () => {
    expect(normaliseWord('Schlägt')).toBe(normaliseWord('schlaegt'));
    expect(normaliseWord('Straße')).toBe('strasse');
    expect(tokenise('Mein Sohn (14) – gemobbt!').map((t) => t.norm)).toEqual(['mein', 'sohn', '14', 'gemobbt']);
  });

  it('matches stems, compound parts and one typo in longer words, not after a verb prefix', () => {
    expect(wordMatches('schulangst', 'schul')).toBe(true);
    expect(wordMatches('grundschule', 'schul')).toBe(true);
    expect(wordMatches('verschuldet', 'schul')).toBe(false);
    expect(wordMatches('schwnager', 'schwanger')).toBe(true);
    expect(wordMatches('mobing', 'mobbing')).toBe(true);
    expect(wordMatches('er', 'er')).toBe(true);
    expect(wordMatches('erst', 'er')).toBe(false); // short words only exactly
    expect(wordMatches('hase', 'haus')).toBe(false); // no typo tolerance below 6 letters
    expect(editDistance('abcd', 'abdc')).toBe(1);
  });

  it('finds ages stated in several ways', () => {
    const ages = (t: string) => findAges(t, tokenise(t)).map((a) => a.age);
    expect(ages('mein Sohn (14) und ich bin 35')).toEqual([14, 35]);
    expect(ages('sie ist 9 Jahre alt, 16-jährig, 3 kinder, um 22 uhr')).toEqual([9, 16]);
    expect(ages('Tochter 16 kommt nachts nicht heim, seit 3 Wochen')).toEqual([16]);
  });

  it('says which words led to an answer, as typed', () => {
    const r = interpret(generalDialogue(), 'Mein Sohn (14) wird in der Schule gemobbt', 'de');
    expect(r.concerns).toEqual([
      { step: 'who', optionId: 'family', serviceTypes: [], matched: ['Mein Sohn'] },
      { step: 'concern', optionId: 'school', serviceTypes: ['29', '30', '32', 'schulsozialarbeit', 'schulpsychologie'], matched: expect.arrayContaining(['Schule', 'gemobbt']) },
      { step: 'age', optionId: '12-17', serviceTypes: [], matched: ['(14)'] },
    ]);
    expect(r.acuteDanger).toBe(false);
  });

  it('gives answers that replay as a valid walk through the dialogue', () => {
    const d = generalDialogue();
    for (const k of GERMAN) {
      const r = interpret(d, k.text, 'de');
      const steps = new Map(d.steps.map((s) => [s.id, s]));
      let reachable = new Set([d.start]);
      for (const x of r.concerns) {
        const s = steps.get(x.step);
        expect(s?.kind === 'choice' && s.options.some((o) => o.id === x.optionId), `${k.text}: ${x.step}.${x.optionId}`).toBe(true);
        // each understood answer lies after the previous one
        const after = new Set<string>();
        const queue = [...reachable];
        while (queue.length) {
          const id = queue.shift()!;
          if (after.has(id)) continue;
          after.add(id);
          const st = steps.get(id)!;
          if (st.kind === 'choice' && id !== x.step) queue.push(...st.options.map((o) => o.next));
        }
        expect(after.has(x.step), `${k.text}: ${x.step}`).toBe(true);
        reachable = new Set([(steps.get(x.step) as Extract<typeof s, { kind: 'choice' }>).options.find((o) => o.id === x.optionId)!.next]);
      }
    }
  });
});

describe('navigator interpreter: signs of acute danger', () => {
  const d = generalDialogue();
  const acute = new Set(d.steps.flatMap((s) => (s.kind === 'choice' ? s.options.filter((o) => o.acuteDanger).map((o) => `${s.id}.${o.id}`) : [])));
  const signs = {
    de: ['schlägt mich', 'will nicht mehr leben', 'hat mich rausgeworfen', 'traue mich nicht nach Hause', 'bringe mich um', 'er hat ein Messer', 'schlaegt mich', 'hat mich rausgeschmissen', 'will mich umbringen', 'trau mich nich nach hause'],
    en: ['hits me', "don't want to live anymore", 'kicked me out', "I'm scared to go home", 'I will kill myself', 'he has a knife', 'beats me', 'threw me out'],
  };
  const who = {
    de: ['', 'mein vater sagt: ', 'meine tochter sagt ', 'die nachbarin: ', 'ich bin lehrerin, eine schülerin sagt '],
    en: ['', 'my dad ', 'my daughter says ', 'my neighbour: ', 'a pupil says '],
  };
  for (const lang of ['de', 'en'] as const) {
    it(`${lang}: lead to an acute-danger answer whoever writes`, () => {
      for (const sign of signs[lang]) {
        for (const w of who[lang]) {
          const r = interpret(d, w + sign, lang);
          expect(r.acuteDanger, w + sign).toBe(true);
          expect(r.concerns.some((c) => acute.has(`${c.step}.${c.optionId}`)), w + sign).toBe(true);
        }
      }
    });
  }
});

describe('navigator interpreter: realistic texts', () => {
  it('has enough cases', () => {
    expect(GERMAN.length).toBeGreaterThanOrEqual(150);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(30);
  });

  for (const [lang, cases] of [['de', GERMAN], ['en', ENGLISH]] as const) {
    it(`${lang}: never misses acute danger; precision ≥ ${MIN_PRECISION}, recall ≥ ${MIN_RECALL}`, () => {
      const s = evaluate(generalDialogue(), cases, lang);
      const f = figures(s);
      console.log(
        `navigator interpreter (${lang}, ${cases.length} texts): precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}, acute danger missed ${s.acuteMissed.length}, false alarms ${s.falseAlarms.length}`,
      );
      if (process.env.INTERPRET_DETAILS) console.log([...s.wrong, ...s.falseAlarms.map((t) => `false alarm: ${t}`)].join('\n'));
      expect(s.acuteMissed).toEqual([]);
      expect(f.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
      expect(f.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    });
  }

  it('reads the same in every shipped dialogue (the demo files are general.json with their place)', () => {
    for (const [file, text] of demoDialogueFiles()) {
      expect(readFileSync(join(import.meta.dirname, '../../server/features/navigator/dialogues', file), 'utf8'), file).toBe(text);
    }
    for (const d of shippedDialogues().values()) {
      for (const k of GERMAN.slice(0, 20)) expect(interpret(d, k.text, 'de')).toEqual(interpret(generalDialogue(), k.text, 'de'));
    }
  });
});
