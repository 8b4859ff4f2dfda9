import type { NavigatorAnswer, NavigatorDialogue, NavigatorInterpretation, NavigatorStep } from '../../../../shared/schemas/navigator';

/** The step a walk with these answers stands at (the answers are valid: they were replayed before). */
function stepAt(d: NavigatorDialogue, given: NavigatorAnswer[]): NavigatorStep | undefined {
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  let at = steps.get(d.start);
  for (const a of given) {
    if (!at) return undefined;
    if (at.kind === 'choice') at = steps.get(at.options.find((o) => o.id === a.option)?.next ?? '');
    else if (at.kind === 'postcode' || (at.kind === 'emergency' && at.next)) at = steps.get(at.next!);
    else return undefined;
  }
  return at;
}

/**
 * Answers accepted from the free text ("in your own words") are given when the conversation reaches
 * their question, and only then: a question the text said nothing about is asked as usual, and an
 * accepted answer that no longer fits (the person chose another branch) is never given. So every
 * answer replays as a valid walk through the dialogue.
 */
export function applyPending(d: NavigatorDialogue, given: NavigatorAnswer[], pending: NavigatorAnswer[]): { given: NavigatorAnswer[]; pending: NavigatorAnswer[] } {
  const out = [...given];
  let left = [...pending];
  let at = stepAt(d, out);
  while (at && at.kind === 'choice') {
    const here = at;
    const a = left.find((p) => p.step === here.id && here.options.some((o) => o.id === p.option));
    if (!a) break;
    out.push({ step: a.step, option: a.option });
    left = left.filter((p) => p !== a);
    at = stepAt(d, out);
  }
  return { given: out, pending: left };
}

/** The understood answers, as the person reads them: the option's label and the words that led there. */
export function describeConcerns(d: NavigatorDialogue, u: NavigatorInterpretation, lang: 'de' | 'en') {
  return u.concerns.flatMap((c) => {
    const s = d.steps.find((x) => x.id === c.step);
    const o = s?.kind === 'choice' ? s.options.find((x) => x.id === c.optionId) : undefined;
    return o ? [{ key: `${c.step}.${c.optionId}`, label: o.label[lang], matched: c.matched, acuteDanger: o.acuteDanger }] : [];
  });
}
