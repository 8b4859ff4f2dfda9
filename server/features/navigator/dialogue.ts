import {
  NavigatorDialogueSchema,
  type NavigatorAnswer,
  type NavigatorDialogue,
  type NavigatorOption,
  type NavigatorStep,
} from '../../../shared/schemas/navigator';

/** A problem in a dialogue: where (a JSON path under the dialogue) and what, naming the step. */
export interface DialogueIssue {
  path: string;
  message: string;
  /** Which rule, with the names it concerns, so a client can say it in its own language. */
  rule?: DialogueRule;
  params?: Record<string, string>;
}

export type DialogueRule =
  | 'duplicate-step'
  | 'missing-start'
  | 'no-results'
  | 'duplicate-option'
  | 'unknown-service-type'
  | 'dangling'
  | 'danger-not-emergency'
  | 'unreachable'
  | 'no-exit';

const nextsOf = (s: NavigatorStep): { next: string; path: string; option?: NavigatorOption }[] => {
  if (s.kind === 'choice') return s.options.map((o, i) => ({ next: o.next, path: `options.${i}.next`, option: o }));
  if (s.kind === 'postcode') return [{ next: s.next, path: 'next' }];
  if (s.kind === 'emergency' && s.next) return [{ next: s.next, path: 'next' }];
  return [];
};

/** A step where a walk may end: results, or emergency contacts with nothing after them. */
const isEnd = (s: NavigatorStep) => s.kind === 'results' || (s.kind === 'emergency' && !s.next);

/**
 * The graph rules of a dialogue (its shape is zod's job): every step reachable from the start, every
 * branch leads to an existing step, every step can reach an end (so a loop always has an exit),
 * acute danger leads straight to emergency contacts, and only known types of service are asked for.
 * Each message names the step.
 */
export function checkDialogueGraph(d: NavigatorDialogue, knownServiceTypes?: ReadonlySet<string>): DialogueIssue[] {
  const issues: DialogueIssue[] = [];
  const index = new Map<string, number>();
  d.steps.forEach((s, i) => {
    if (index.has(s.id)) issues.push({ path: `steps.${i}.id`, message: `step '${s.id}' is defined more than once`, rule: 'duplicate-step', params: { step: s.id } });
    else index.set(s.id, i);
  });
  const step = (id: string) => (index.has(id) ? d.steps[index.get(id)!] : undefined);

  if (!step(d.start)) issues.push({ path: 'start', message: `the start step '${d.start}' does not exist`, rule: 'missing-start', params: { step: d.start } });
  if (!d.steps.some((s) => s.kind === 'results')) issues.push({ path: 'steps', message: 'the dialogue has no results step', rule: 'no-results', params: {} });

  d.steps.forEach((s, i) => {
    if (s.kind === 'choice') {
      const seen = new Set<string>();
      s.options.forEach((o, j) => {
        if (seen.has(o.id)) issues.push({ path: `steps.${i}.options.${j}.id`, message: `step '${s.id}': option '${o.id}' is defined more than once`, rule: 'duplicate-option', params: { step: s.id, option: o.id } });
        seen.add(o.id);
        if (knownServiceTypes) {
          for (const c of o.serviceTypes) {
            if (!knownServiceTypes.has(c)) issues.push({
              path: `steps.${i}.options.${j}.serviceTypes`,
              message: `step '${s.id}', option '${o.id}': unknown type of service '${c}'`,
              rule: 'unknown-service-type',
              params: { step: s.id, option: o.id, code: c },
            });
          }
        }
      });
    }
    for (const n of nextsOf(s)) {
      const target = step(n.next);
      const what = n.option ? `step '${s.id}', option '${n.option.id}'` : `step '${s.id}'`;
      if (!target) {
        issues.push({ path: `steps.${i}.${n.path}`, message: `${what} leads to '${n.next}', which does not exist (dangling branch)`, rule: 'dangling', params: { step: s.id, option: n.option?.id ?? '', target: n.next } });
      } else if (n.option?.acuteDanger && target.kind !== 'emergency') {
        issues.push({
          path: `steps.${i}.${n.path}`,
          message: `${what} signals acute danger but leads to '${n.next}', which is not an emergency step`,
          rule: 'danger-not-emergency',
          params: { step: s.id, option: n.option.id, target: n.next },
        });
      }
    }
  });
  if (issues.length) return issues; // the walks below need a sound index

  // reachable from the start
  const reachable = new Set<string>();
  const queue = [d.start];
  while (queue.length) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const n of nextsOf(step(id)!)) queue.push(n.next);
  }
  d.steps.forEach((s, i) => {
    if (!reachable.has(s.id)) issues.push({ path: `steps.${i}`, message: `step '${s.id}' is unreachable from the start step '${d.start}'`, rule: 'unreachable', params: { step: s.id, start: d.start } });
  });

  // can reach an end: walk the edges backwards from every end
  const incoming = new Map<string, string[]>();
  for (const s of d.steps) for (const n of nextsOf(s)) incoming.set(n.next, [...(incoming.get(n.next) ?? []), s.id]);
  const exits = new Set<string>();
  const back = d.steps.filter(isEnd).map((s) => s.id);
  while (back.length) {
    const id = back.shift()!;
    if (exits.has(id)) continue;
    exits.add(id);
    back.push(...(incoming.get(id) ?? []));
  }
  d.steps.forEach((s, i) => {
    if (reachable.has(s.id) && !exits.has(s.id)) {
      issues.push({ path: `steps.${i}`, message: `step '${s.id}' is in a loop without exit: no results or emergency step can be reached from it`, rule: 'no-exit', params: { step: s.id } });
    }
  });
  return issues;
}

export class DialogueError extends Error {
  constructor(readonly issues: DialogueIssue[]) {
    super(`Invalid dialogue: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'DialogueError';
  }
}

/** Shape (zod) and graph rules together; throws a DialogueError listing every problem. */
export function parseDialogue(input: unknown, knownServiceTypes?: ReadonlySet<string>): NavigatorDialogue {
  const r = NavigatorDialogueSchema.safeParse(input);
  if (!r.success) throw new DialogueError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: `${i.path.join('.') || 'dialogue'}: ${i.message}` })));
  const issues = checkDialogueGraph(r.data, knownServiceTypes);
  if (issues.length) throw new DialogueError(issues);
  return r.data;
}

/** What the answers of one walk through the dialogue say. Nothing of it is stored. */
export interface WalkProfile {
  /** Types of service asked for, each with the option label that asked for it (for the reason). */
  serviceTypes: Map<string, NavigatorOption['label']>;
  age?: { min: number; max: number };
  postcode?: string;
  /** Index of the answer that gave the postcode (for a message naming it). */
  postcodeAnswer?: number;
  tags: Set<string>;
  acuteDanger: boolean;
  /** The step the walk stopped at. */
  end: NavigatorStep;
  /** Question and answer, in both languages, for the printout and the e-mail. */
  summary: { question: NavigatorStep['text']; answer: NavigatorOption['label'] | string }[];
}

export class AnswerError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnswerError';
  }
}

/**
 * Replays answers from the start step. Each answer must belong to the step the walk is at and name
 * one of its options (or give a postcode); a wrong answer throws an AnswerError naming it.
 */
export function walk(d: NavigatorDialogue, answers: NavigatorAnswer[]): WalkProfile {
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  const p: WalkProfile = { serviceTypes: new Map(), tags: new Set(), acuteDanger: false, end: steps.get(d.start)!, summary: [] };
  let at = steps.get(d.start)!;
  answers.forEach((a, i) => {
    const path = `answers.${i}`;
    if (a.step !== at.id) throw new AnswerError(`${path}.step`, `expected an answer to step '${at.id}', got '${a.step}'`);
    if (at.kind === 'choice') {
      const o = at.options.find((x) => x.id === a.option);
      if (!o) throw new AnswerError(`${path}.option`, `step '${at.id}' has no option '${a.option ?? ''}'`);
      for (const c of o.serviceTypes) if (!p.serviceTypes.has(c)) p.serviceTypes.set(c, o.label);
      if (o.age) p.age = o.age;
      for (const t of o.tags) p.tags.add(t);
      if (o.acuteDanger) p.acuteDanger = true;
      p.summary.push({ question: at.text, answer: o.label });
      at = steps.get(o.next)!;
    } else if (at.kind === 'postcode') {
      const v = a.value?.trim();
      if (v) {
        if (!/^\d{5}$/.test(v)) throw new AnswerError(`${path}.value`, 'must be a five-digit German postcode');
        p.postcode = v;
        p.postcodeAnswer = i;
        p.summary.push({ question: at.text, answer: v });
      } else if (!at.optional) throw new AnswerError(`${path}.value`, `step '${at.id}' needs a postcode`);
      at = steps.get(at.next)!;
    } else if (at.kind === 'emergency' && at.next) {
      at = steps.get(at.next)!;
    } else {
      throw new AnswerError(path, `step '${at.id}' ends the dialogue; no further answers are expected`);
    }
  });
  p.end = at;
  return p;
}
