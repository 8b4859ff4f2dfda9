import { describe, expect, it } from 'vitest';
import { describeChildIdentity, findChildIdentity, type IdentityKind } from '../../shared/child-identity';

/** [text, the kind that must be found] */
const POSITIVE: [string, IdentityKind][] = [
  // dates, numeric
  ['03.03.2014', 'date'],
  ['geb. 3.3.14', 'date'],
  ['3.3.2014', 'date'],
  ['3. 3. 2014', 'date'],
  ['am 03.03.14 geboren', 'date'],
  ['03/03/2014', 'date'],
  ['3-3-2014', 'date'],
  ['2014-03-03', 'date'],
  ['KM-2014-03-03', 'date'],
  ['2014/03/03', 'date'],
  ['Aufnahme nach dem 12.11.2013 nicht mehr möglich', 'date'],
  ['Geburtsdatum 1.1.2010', 'date'],
  // dates with month names
  ['geboren am 3. März 2014', 'date'],
  ['3. März 2014', 'date'],
  ['3 März 2014', 'date'],
  ['3. Mär. 14', 'date'],
  ['12. Dezember 2012', 'date'],
  ['1. Januar 2015', 'date'],
  ['5. Okt. 2011', 'date'],
  ['17 Sept 2009', 'date'],
  ['geb. im März 2014', 'date'],
  ['geboren im Juli', 'date'],
  ['Jahrgang 2014', 'date'],
  ['Jg. 2012', 'date'],
  ['* 2014 in Kassel', 'date'],
  ['geb. am 3.3.', 'date'],
  ['Geburtstag: 4. Mai', 'date'],
  ['geboren 2011', 'date'],
  ['Geb.-Datum: 01.02.2013', 'date'],
  ['geb.03.03.2014', 'date'],
  // street addresses
  ['Musterstraße 12', 'address'],
  ['Hauptstr. 5', 'address'],
  ['Musterstr.12', 'address'],
  ['Musterstr 12', 'address'],
  ['Lindenweg 3a', 'address'],
  ['Marktplatz 1-3', 'address'],
  ['Goetheallee 7', 'address'],
  ['Mühlengasse 2', 'address'],
  ['Wallring 14', 'address'],
  ['Kurfürstendamm 100', 'address'],
  ['Berliner Straße 12', 'address'],
  ['Kölner Str. 4', 'address'],
  ['Alter Markt 3', 'address'],
  ['wohnt Am Markt 3, 50667 Köln', 'address'],
  ['An der Kirche 5', 'address'],
  ['Auf dem Berg 3.', 'address'],
  ['Zum Sportplatz 9, Kassel', 'address'],
  ['Im Winkel 4', 'address'],
  ['Rheinufer 8', 'address'],
  ['Kevin Müller, geb. 03.03.2014, Musterstraße 12, 50667 Köln', 'address'],
  ['Mutter wohnt Friedrich-Ebert-Straße 40', 'address'],
  // postcode + town
  ['50667 Köln', 'postcode'],
  ['D-34117 Kassel', 'postcode'],
  ['wohnt in 34119 Kassel', 'postcode'],
  ['Kevin Müller, geb. 03.03.2014, Musterstraße 12, 50667 Köln', 'postcode'],
  ['aus 10115 Berlin', 'postcode'],
  // phone numbers
  ['0561 123456', 'phone'],
  ['0561/123456', 'phone'],
  ['+49 561 123456', 'phone'],
  ['0049 561 12345-67', 'phone'],
  ['0170 1234567', 'phone'],
  ['(0561) 12 34 56', 'phone'],
  ['Mutter erreichbar unter 01511234567', 'phone'],
  ['Tel. 123456', 'phone'],
  ['Handy: 0176-12345678', 'phone'],
  ['+4917612345678', 'phone'],
  // e-mail addresses
  ['kevin.mueller@example.de', 'email'],
  ['Mutter: mama1980@gmx.de', 'email'],
  ['schreiben Sie an k.m@web.de', 'email'],
  // names
  ['Name: Kevin', 'name'],
  ['Name des Kindes: Kevin Müller', 'name'],
  ['Vorname Kevin', 'name'],
  ['Nachname: Müller', 'name'],
  ['Das Kind heißt Kevin', 'name'],
  ['heisst Lea', 'name'],
  ['ein Junge namens Tim', 'name'],
  ['genannt Kalle', 'name'],
  ['Familienname ist Schmidt', 'name'],
  ['Rufname: Kiki', 'name'],
  ['Sonnenweg 1, 34117 Kassel', 'address'],
  ['Am Lindenplatz 2', 'address'],
  ['Tel: +49 (0)561 987654', 'phone'],
  ['Geburtsdatum: 12.5.', 'date'],
];

const NEGATIVE = [
  '§ 35a',
  '§ 35a SGB VIII',
  'Hilfe nach §§ 27, 34 SGB VIII',
  'ab 1.12.',
  'ab 1.12. möglich',
  'Aufnahme ab 15.1.',
  '3 Geschwister',
  'seit 2 Jahren in Pflegefamilie',
  'Auszug in Verselbstständigung',
  'Besucht das Kind derzeit eine Schule?',
  'Ja, Klasse 8 einer Gesamtschule.',
  'Gruppe derzeit sehr jung.',
  'Wir halten den Platz.',
  'Leider doch nicht.',
  'Platz 2 ist frei',
  'noch 1 Platz frei',
  'Am Wochenende 2 Besuche',
  'Am Montag 3 Termine',
  'Im Alter 12 eingezogen',
  'Im Jahr 2020 Umzug',
  'Budget 10000 Euro',
  '12000 Euro pro Monat',
  '0 bis 6 Jahre',
  'Alter 0-3',
  'Kinder von 6-12 Jahren',
  'traumatisiert, braucht enge Begleitung',
  'Therapie 2x pro Woche',
  'Training 3 mal pro Woche',
  'Klasse 10, Realschule',
  'ca. 15 Minuten zur Schule',
  'seit März in Obhut',
  'Inobhutnahme am Wochenende',
  'das heißt, wir brauchen schnell eine Lösung',
  'das heißt Sie müssen zustimmen',
  'Fallnummer ASD-2026-0412',
  'Kontakt über das Jugendamt',
  'Rückfrage zur Schule',
  'benötigt rollstuhlgerechten Platz',
  'Diagnose F43.1',
  'ICD-10 F90.0',
  'Version 2.1.3',
  'Anfrage 3/2024',
  'Hilfeplan vom Frühjahr',
  'spricht Arabisch und Deutsch',
  'Schulbegleitung 20 Std. pro Woche',
  'IO-100',
  'Kindergarten 2 Tage pro Woche',
  'Arbeitsmarkt 2025',
  'Bahnhof 3 km entfernt',
  'Spielplatz in der Nähe',
  'Wohngruppe mit 8 Plätzen',
  'Rückmeldung bis 12 Uhr',
  'ca. 0,5 Stellen',
  'Eingliederungshilfe nach § 35a, Kosten 5000 Euro',
];

describe('child identity detector', () => {
  it('has enough examples', () => {
    expect(POSITIVE.length + NEGATIVE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(POSITIVE)('finds it in %j (%s)', (text, kind) => {
    expect(findChildIdentity(text).map((f) => f.kind)).toContain(kind);
  });

  it.each(NEGATIVE)('lets %j pass', (text) => {
    expect(findChildIdentity(text)).toEqual([]);
  });

  it.each(['Kevin.Mueller', 'Mueller_Kevin', 'Max Mustermann', 'kevin.mueller'])('finds a name in the case reference %j', (ref) => {
    expect(findChildIdentity(ref, { caseRef: true }).map((f) => f.kind)).toContain('name');
  });

  it.each(['ASD-2026-0412', 'IO-100', 'LIVE-1', 'KS/2025/118', 'Akte-17', 'FN.2024.77'])('lets the case reference %j pass', (ref) => {
    expect(findChildIdentity(ref, { caseRef: true })).toEqual([]);
  });

  it('says in German what it found', () => {
    const text = describeChildIdentity(findChildIdentity('geb. 3.3.14, Hauptstr. 5'));
    expect(text).toContain('ein Datum');
    expect(text).toContain('eine Anschrift („Hauptstr. 5“)');
  });
});
