import { describe, expect, it } from 'vitest';
import { applyPending } from '../../client/src/features/navigator/understanding';
import { walk } from '../../server/features/navigator/dialogue';
import { interpret } from '../../server/features/navigator/interpret';
import { generalDialogue } from '../../server/features/navigator/shipped';
import { GERMAN } from './navigator-interpret-cases';

// Accepted answers from a free text are given only when the conversation reaches their question.
const d = generalDialogue();
const pendingOf = (text: string) => interpret(d, text, 'de').concerns.map((c) => ({ step: c.step, option: c.optionId }));

describe('navigator client: accepting what was understood', () => {
  it('answers the questions the text spoke about, up to the first open one', () => {
    const r = applyPending(d, [], pendingOf('Mein Sohn (14) wird in der Schule gemobbt'));
    expect(r.given).toEqual([
      { step: 'who', option: 'family' },
      { step: 'concern', option: 'school' },
      { step: 'age', option: '12-17' },
    ]);
    expect(r.pending).toEqual([]);
  });

  it('asks an open question first and gives the rest once it is answered; a branch not taken gives nothing', () => {
    const pending = pendingOf('probleme in der schule');
    const first = applyPending(d, [], pending);
    expect(first.given).toEqual([]); // who is writing? asked as usual
    const family = applyPending(d, [{ step: 'who', option: 'family' }], first.pending);
    expect(family.given).toEqual([{ step: 'who', option: 'family' }, { step: 'concern', option: 'school' }]);
    const self = applyPending(d, [{ step: 'who', option: 'self' }], first.pending);
    expect(self.given).toEqual([{ step: 'who', option: 'self' }]);
  });

  it('gives for every text of the table only answers that replay as a valid walk', () => {
    for (const k of GERMAN) {
      const r = applyPending(d, [], pendingOf(k.text));
      expect(() => walk(d, r.given), k.text).not.toThrow();
    }
  });
});
