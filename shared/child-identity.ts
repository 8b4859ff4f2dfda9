/**
 * Finds what could identify a child in a free text: dates (birth dates), street addresses,
 * postcode + town, phone numbers, e-mail addresses and phrases that introduce a name. The
 * marketplace must stay pseudonymous; the server refuses such texts and the web client warns
 * while typing, both with this one module. Tuned to German: "§ 35a", "ab 1.12.", "3 Geschwister"
 * and "seit 2 Jahren" are fine.
 */

export type IdentityKind = 'date' | 'address' | 'postcode' | 'phone' | 'email' | 'name';

export interface IdentityFinding {
  kind: IdentityKind;
  /** The text that was found, as written. */
  match: string;
}

const KIND_DE: Record<IdentityKind, string> = {
  date: 'ein Datum',
  address: 'eine Anschrift',
  postcode: 'eine Postleitzahl mit Ort',
  phone: 'eine Telefonnummer',
  email: 'eine E-Mail-Adresse',
  name: 'einen Namen',
};

const L = '[A-Za-zÄÖÜäöüß]';
const UPPER = '[A-ZÄÖÜ]';
const MONTHS =
  '(?:Januar|Jänner|Jan|Februar|Feb|März|Maerz|Mär|Mrz|April|Apr|Mai|Juni|Jun|Juli|Jul|August|Aug|September|Sept|Sep|Oktober|Okt|November|Nov|Dezember|Dez)';
const BIRTH = '(?:geb\\.|geboren|Geburtsdatum|Geburtstag|Geb\\.-Datum|Geb\\.dat\\.?|Jahrgang|Jg\\.|\\*)';
// not "garten", "hof", "feld": "Kindergarten 2 Tage" is no address
const STREET_SUFFIX = '(?:-?(?:Straße|Strasse|Str\\.|Weg|Allee|Gasse|Platz|Ring|Damm)|straße|strasse|str\\.|str|weg|allee|gasse|platz|ring|damm|ufer|chaussee|pfad|steig|stieg|graben)';
const STREET_WORD = '(?:Straße|Strasse|Str\\.|Weg|Allee|Gasse|Platz|Ring|Damm|Ufer|Chaussee|Pfad|Steig|Markt)';
const HOUSE_NO = '\\d{1,4}\\s?[a-h]?(?:\\s?[-/]\\s?\\d{1,4})?';
const PREPOSITION = '(?:Am|An der|An dem|An den|Auf der|Auf dem|Auf den|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Hinter dem|Vor dem|Vor der|Alte|Alter|Altes)';
// words after "Am", "Im", ... that start a time or an amount, not a street
const NOT_A_STREET = '(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Wochenende|Abend|Morgen|Vormittag|Nachmittag|Tag|Jahr|Monat|Alter|Moment|Anfang|Ende|Schnitt|Durchschnitt|Schuljahr|Zeitraum|Rahmen|Rahmenvertrag|Haus|Hilfeplan|Alltag|Notfall|Umfang)';
// words after five digits that make them an amount, not a postcode
const NOT_A_TOWN = '(?:Euro|EUR|Einwohner|Menschen|Kinder|Jugendliche|Fälle|Plätze|Stunden|Tage|Minuten|Meter|Kilometer|Km|Mal|Betten|Anfragen)';

const PATTERNS: { kind: IdentityKind; re: RegExp }[] = [
  // 03.03.2014, 3.3.14, 3. 3. 2014, 03/03/2014, 3-3-2014
  { kind: 'date', re: /(?<![\d.])\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:19|20)?\d{2}(?![\d])/u },
  // 2014-03-03, KM-2014-03-03, 2014/03/03, 2014.03.03
  { kind: 'date', re: /(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/u },
  // 3. März 2014, 3 Mär 14, 3.März.2014, März 2014 only after a birth word (below)
  { kind: 'date', re: new RegExp(`(?<!\\d)\\d{1,2}\\.?\\s*${MONTHS}\\.?\\s*(?:19|20)?\\d{2}(?!\\d)`, 'u') },
  // geb. 3.3., geboren im März 2014, Jahrgang 2014, * 2014, geb. am 3. März
  { kind: 'date', re: new RegExp(`${BIRTH}\\s*(?:am|im|in|:)?\\s*(?:\\d|${MONTHS}\\b)`, 'iu') },
  // Musterstraße 12, Hauptstr. 5, Musterstr.12, Lindenweg 3a, Marktplatz 1-3
  { kind: 'address', re: new RegExp(`${UPPER}[A-Za-zÄÖÜäöüß-]*${STREET_SUFFIX}\\s?${HOUSE_NO}(?!\\d)(?![.,]?\\s?\\d{1,2}\\.)`, 'u') },
  // Berliner Straße 12, Kölner Str. 4, Alter Markt 3
  { kind: 'address', re: new RegExp(`${UPPER}${L}+\\s${STREET_WORD}\\s?${HOUSE_NO}(?!\\d)`, 'u') },
  // Am Markt 3, An der Kirche 5: only when nothing but the end, punctuation or a postcode follows
  {
    kind: 'address',
    re: new RegExp(`\\b${PREPOSITION}\\s(?!${NOT_A_STREET}\\b)${UPPER}${L}+(?:\\s${UPPER}${L}+)?\\s${HOUSE_NO}(?=\\s*(?:$|[,;)]|\\.(?:\\s|$)|\\d{5}))`, 'u'),
  },
  // 50667 Köln, D-50667 Köln
  { kind: 'postcode', re: new RegExp(`(?<![\\d.,])(?:D-)?\\d{5}\\s+(?!${NOT_A_TOWN}\\b)${UPPER}${L}{2,}`, 'u') },
  // e-mail
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/u },
  // Name: ..., Vorname Kevin, heißt Kevin, namens Kevin
  { kind: 'name', re: /\b(?:Vor|Nach|Familien|Ruf|Geburts|Mädchen)?[Nn]ame\b\s*(?:des Kindes|der Mutter|des Vaters|der Jugendlichen|des Jugendlichen)?\s*[:=]/u },
  { kind: 'name', re: new RegExp(`\\b(?:Vorname|Nachname|Familienname|Rufname)\\s+(?:ist\\s+)?${UPPER}`, 'u') },
  { kind: 'name', re: new RegExp(`\\b(?:heißt|heisst|hieß|namens|genannt|mit Namen)\\s+(?!Sie\\b|Es\\b|Das\\b|Der\\b|Die\\b|Er\\b|Wir\\b)${UPPER}${L}+`, 'u') },
];

// a phone number: starts with +, 00 or 0, then at least 6 further digits with the usual separators
const PHONE = /(?<![\d.,])(?:\+|0)[\d\s/()-]{5,22}\d(?![\d.])/gu;
const TEL_WORD = /\b(?:Tel|Telefon|Tel\.-Nr|Handy|Mobil|Fon|Fax)\b\.?:?\s*\+?\d[\d\s/()-]{3,}/iu;

function findPhone(text: string): string | undefined {
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    // dates and ranges ("0 - 6 Jahre", "0-3") have too few digits
    if (digits.length >= 7 && digits.length <= 15) return m[0].trim();
  }
  return TEL_WORD.exec(text)?.[0];
}

// a case reference such as "Kevin.Mueller" or "mueller_kevin": two name-like words joined
const CASE_REF_NAME = /(?:^|[^A-Za-z])[A-Z][a-zäöüß]{2,}[._\s-][A-Z][a-zäöüß]{2,}(?:$|[^A-Za-z])|^[a-zäöüß]{3,}[._][a-zäöüß]{3,}$/u;

/** Every kind of identifying information found in `text`, at most one finding per kind. */
export function findChildIdentity(text: string, opts: { caseRef?: boolean } = {}): IdentityFinding[] {
  const found = new Map<IdentityKind, string>();
  for (const { kind, re } of PATTERNS) {
    if (found.has(kind)) continue;
    const m = re.exec(text);
    if (m) found.set(kind, m[0].trim());
  }
  if (!found.has('phone')) {
    const phone = findPhone(text);
    if (phone) found.set('phone', phone);
  }
  if (opts.caseRef && !found.has('name')) {
    const m = CASE_REF_NAME.exec(text);
    if (m) found.set('name', m[0].replace(/^[^A-Za-z]|[^A-Za-zäöüß]$/gu, ''));
  }
  return [...found].map(([kind, match]) => ({ kind, match }));
}

/** The German sentence for a refusal or a warning, e.g. `enthält vermutlich ein Datum („3.3.14“) …`. */
export function describeChildIdentity(findings: IdentityFinding[]): string {
  const what = findings.map((f) => `${KIND_DE[f.kind]} („${f.match}“)`).join(', ');
  return `enthält vermutlich ${what}. Bitte keine Angaben, die das Kind erkennbar machen (Name, Geburtsdatum, Anschrift, Telefon, E-Mail).`;
}
