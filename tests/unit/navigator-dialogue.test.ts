import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NavigatorDialogueInput } from '../../shared/schemas/navigator';
import { AnswerError, DialogueError, parseDialogue, walk } from '../../server/features/navigator/dialogue';
import { checkGeneralDialogue, DIALOGUES_DIR, GENERAL_FILE, generalDialogue, shippedDialogues } from '../../server/features/navigator/shipped';
import { isNationalHelpNumber } from '../../shared/help-numbers';

const t = (de: string) => ({ de, en: de });

/** A small, sound dialogue to break in each test. */
function base(): NavigatorDialogueInput {
  return {
    schemaVersion: 1,
    municipality: { ags: '03402', name: 'Emden' },
    title: t('Lotse'),
    intro: t('Fragen'),
    area: { lat: 53.37, lon: 7.2, radiusKm: 20 },
    start: 'concern',
    steps: [
      {
        id: 'concern',
        kind: 'choice',
        text: t('Worum geht es?'),
        options: [
          { id: 'danger', label: t('Gefahr'), next: 'sos', acuteDanger: true },
          { id: 'family', label: t('Familie'), next: 'where', serviceTypes: ['28'] },
        ],
      },
      { id: 'where', kind: 'postcode', text: t('PLZ?'), next: 'done' },
      { id: 'sos', kind: 'emergency', text: t('Sofort anrufen'), next: 'done' },
      { id: 'done', kind: 'results', text: t('Ergebnis') },
    ],
    emergencyContacts: [{ id: 'police', name: t('Polizei'), phone: '110', reason: t('Gefahr') }],
  };
}

function issuesOf(input: unknown, codes?: Set<string>): string[] {
  try {
    parseDialogue(input, codes);
  } catch (e) {
    if (e instanceof DialogueError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

const steps = (d: NavigatorDialogueInput) => d.steps as any[];

describe('navigator dialogue validation', () => {
  it('accepts a sound dialogue', () => {
    expect(issuesOf(base(), new Set(['28']))).toEqual([]);
  });

  it('rejects an unreachable step, naming it', () => {
    const d = base();
    steps(d).push({ id: 'orphan', kind: 'results', text: t('Niemand kommt hierher') });
    expect(issuesOf(d)).toEqual(["step 'orphan' is unreachable from the start step 'concern'"]);
  });

  it('rejects a dangling branch, naming step, option and target', () => {
    const d = base();
    steps(d)[0].options[1].next = 'nowhere';
    expect(issuesOf(d)).toEqual(["step 'concern', option 'family' leads to 'nowhere', which does not exist (dangling branch)"]);
    const e = base();
    steps(e)[1].next = 'gone';
    expect(issuesOf(e)).toEqual(["step 'where' leads to 'gone', which does not exist (dangling branch)"]);
  });

  it('rejects a loop without exit, naming every step in it', () => {
    const d = base();
    steps(d)[1].next = 'again';
    steps(d).push({ id: 'again', kind: 'choice', text: t('Nochmal?'), options: [{ id: 'yes', label: t('Ja'), next: 'where' }] });
    const issues = issuesOf(d);
    expect(issues).toContain("step 'where' is in a loop without exit: no results or emergency step can be reached from it");
    expect(issues).toContain("step 'again' is in a loop without exit: no results or emergency step can be reached from it");
    expect(issues).toHaveLength(2);
  });

  it('accepts a loop that has an exit (step back to the question)', () => {
    const d = base();
    steps(d)[1].next = 'check';
    steps(d).push({
      id: 'check',
      kind: 'choice',
      text: t('Stimmt das?'),
      options: [
        { id: 'no', label: t('Nein, nochmal'), next: 'where' },
        { id: 'yes', label: t('Ja'), next: 'done' },
      ],
    });
    expect(issuesOf(d)).toEqual([]);
  });

  it('rejects acute danger that does not lead straight to emergency contacts', () => {
    const d = base();
    steps(d)[0].options[0].next = 'where';
    expect(issuesOf(d)).toContain("step 'concern', option 'danger' signals acute danger but leads to 'where', which is not an emergency step");
  });

  it('rejects a missing start, duplicate steps, a dialogue without results and unknown types of service', () => {
    const d = base();
    d.start = 'begin';
    expect(issuesOf(d)).toContain("the start step 'begin' does not exist");
    const e = base();
    steps(e).push({ ...steps(e)[1] });
    expect(issuesOf(e)).toContain("step 'where' is defined more than once");
    const f = base();
    steps(f).splice(3, 1);
    steps(f)[2].next = undefined;
    steps(f)[1].next = 'sos';
    expect(issuesOf(f)).toContain('the dialogue has no results step');
    expect(issuesOf(base(), new Set(['34']))).toEqual(["step 'concern', option 'family': unknown type of service '28'"]);
  });

  it('rejects a malformed dialogue with the path of the field (zod)', () => {
    const d = base();
    steps(d)[0].options[1].lable = t('Tippfehler');
    expect(issuesOf(d).join()).toMatch(/steps\.0\.options\.1.*lable/);
    expect(issuesOf({ ...base(), emergencyContacts: [] }).join()).toMatch(/emergencyContacts/);
  });
});

describe('walking a dialogue', () => {
  const d = parseDialogue(base());

  it('collects what the answers say and where the walk ends', () => {
    const p = walk(d, [
      { step: 'concern', option: 'family' },
      { step: 'where', value: '26721' },
    ]);
    expect(p.end.id).toBe('done');
    expect([...p.serviceTypes.keys()]).toEqual(['28']);
    expect(p.postcode).toBe('26721');
    expect(p.acuteDanger).toBe(false);
  });

  it('marks acute danger and passes the emergency step', () => {
    const p = walk(d, [{ step: 'concern', option: 'danger' }]);
    expect(p.acuteDanger).toBe(true);
    expect(p.end.kind).toBe('emergency');
    expect(walk(d, [{ step: 'concern', option: 'danger' }, { step: 'sos' }]).end.id).toBe('done');
  });

  it('names a wrong answer', () => {
    expect(() => walk(d, [{ step: 'where', value: '26721' }])).toThrow(AnswerError);
    expect(() => walk(d, [{ step: 'concern', option: 'nope' }])).toThrow("step 'concern' has no option 'nope'");
    expect(() => walk(d, [{ step: 'concern', option: 'family' }, { step: 'where', value: '123' }])).toThrow('five-digit');
  });
});

describe('the shipped dialogues (four demo districts and the general one)', () => {
  const migration = readFileSync(join(import.meta.dirname, '../../migrations/0004_places_model.sql'), 'utf8');
  const helpSystem = readFileSync(join(import.meta.dirname, '../../migrations/0051_local_help_system.sql'), 'utf8');
  const codes = new Set([
    ...[...migration.matchAll(/\('([a-z0-9-]+)', '§/g)].map((m) => m[1]),
    // the local help system beyond youth welfare (code, section, names, marketplace = false)
    ...[...helpSystem.matchAll(/\('([a-z0-9-]+)', '[^']*', '[^']*', '(?:[^']|'')*', false/g)].map((m) => m[1]),
  ]);
  const files = readdirSync(DIALOGUES_DIR).filter((f) => f.endsWith('.json'));
  const koeln = shippedDialogues().get('05315')!;

  it('are valid, with every type of service known to the taxonomy migration', () => {
    expect(codes.has('28')).toBe(true);
    expect(files).toContain(GENERAL_FILE);
    for (const f of files) expect(issuesOf(JSON.parse(readFileSync(join(DIALOGUES_DIR, f), 'utf8')), codes), f).toEqual([]);
    expect([...shippedDialogues().keys()].sort()).toEqual(['01003', '05315', '07339', '14713']);
    expect(koeln.municipality.name).toBe('Köln');
  });

  it('the general dialogue carries no local number, only nationwide ones and the office', () => {
    const g = generalDialogue();
    expect(checkGeneralDialogue(g)).toEqual([]);
    for (const c of [...g.emergencyContacts, ...g.contacts]) {
      if (c.phone) expect(isNationalHelpNumber(c.phone), c.id).toBe(true);
      else expect(c.fromOffice, c.id).toBeDefined();
    }
    const local = structuredClone(g);
    local.contacts.push({ ...local.contacts[1], id: 'local', phone: '0221 221-94000' });
    expect(checkGeneralDialogue(local)).toEqual([expect.stringContaining("contact 'local': 0221 221-94000 is not a nationwide help number")]);
  });

  it('lead every acute-danger answer straight to emergency contacts, police first', () => {
    for (const d of [generalDialogue(), ...shippedDialogues().values()]) {
      const dangerous = d.steps.flatMap((s) => (s.kind === 'choice' ? s.options.filter((o) => o.acuteDanger).map((o) => ({ s, o })) : []));
      expect(dangerous.length).toBeGreaterThanOrEqual(5);
      for (const { o } of dangerous) expect(d.steps.find((x) => x.id === o.next)?.kind).toBe('emergency');
      expect(d.emergencyContacts[0].phone).toBe('110');
    }
  });

  it('has a path for young people themselves that speaks to them with "du"', () => {
    const p = walk(koeln, [
      { step: 'who', option: 'self' },
      { step: 'self-concern', option: 'self-school' },
      { step: 'self-age', option: '14-17' },
      { step: 'self-urgency', option: 'days' },
    ]);
    expect(p.end.id).toBe('results-self');
    expect(p.summary.map((s) => s.question.de).join(' ')).toMatch(/\bdu\b|\bdir\b/);
    const selfSteps = koeln.steps.filter((s) => s.id.includes('self'));
    for (const s of selfSteps) expect(s.text.de, s.id).not.toMatch(/\b(Sie|Ihr|Ihre|Ihren)\b/);
  });

  it('walks the parents path who → concern → age → urgency to the results', () => {
    const p = walk(koeln, [
      { step: 'who', option: 'family' },
      { step: 'concern', option: 'parenting' },
      { step: 'age', option: '6-11' },
      { step: 'urgency', option: 'days' },
    ]);
    expect(p.end.kind).toBe('results');
    expect([...p.serviceTypes.keys()]).toEqual(['28', '16', '31']);
    expect(p.age).toEqual({ min: 6, max: 11 });
  });
});
