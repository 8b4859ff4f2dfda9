import type { NavigatorLocale, NavigatorResults } from '../../../shared/schemas/navigator';

/** One line that says why an offer is suggested: the type, the answer it fits, age range, distance. */
export function offerReason(
  locale: NavigatorLocale,
  o: { typeName: string; answer: string; ageMin: number; ageMax: number; showAge: boolean; distanceKm: number | null },
): string {
  const km = o.distanceKm === null ? null : o.distanceKm.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  if (locale === 'de') {
    return [
      `${o.typeName}: passt zu „${o.answer}“`,
      o.showAge ? `für ${o.ageMin} bis ${o.ageMax} Jahre` : null,
      km !== null ? `${km} km entfernt` : null,
    ]
      .filter(Boolean)
      .join(', ');
  }
  return [`${o.typeName}: fits “${o.answer}”`, o.showAge ? `for ages ${o.ageMin} to ${o.ageMax}` : null, km !== null ? `${km} km away` : null]
    .filter(Boolean)
    .join(', ');
}

const MAIL = {
  de: {
    subject: (title: string) => `Ihre Hilfe-Liste – ${title}`,
    hello: 'Guten Tag,',
    intro: (title: string) => `hier ist Ihre Liste aus dem ${title}.`,
    emergency: 'SOFORT HILFE HOLEN',
    offers: 'PASSENDE ANGEBOTE',
    noOffers: 'Zu Ihren Antworten haben wir im Verzeichnis kein Angebot gefunden. Die Kontakte unten helfen weiter.',
    contacts: 'KONTAKTE',
    answers: 'IHRE ANTWORTEN',
    why: 'Warum',
    address: 'Adresse',
    phone: 'Telefon',
    email: 'E-Mail',
    web: 'Internet',
    more: 'Mehr dazu',
    privacy:
      'Datenschutz: Ihre E-Mail-Adresse wurde nur für den Versand dieser Nachricht verwendet und danach gelöscht. Ihre Antworten werden nicht gespeichert.',
    note: 'Der Hilfe-Lotse gibt Hinweise. Er entscheidet nichts. Bei Fragen hilft Ihr Jugendamt.',
  },
  en: {
    subject: (title: string) => `Your list of help – ${title}`,
    hello: 'Hello,',
    intro: (title: string) => `here is your list from the ${title}.`,
    emergency: 'GET HELP NOW',
    offers: 'FITTING OFFERS',
    noOffers: 'We found no offer in the directory for your answers. The contacts below can help.',
    contacts: 'CONTACTS',
    answers: 'YOUR ANSWERS',
    why: 'Why',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    web: 'Web',
    more: 'More',
    privacy: 'Privacy: your e-mail address was used only to send this message and has been deleted. Your answers are not stored.',
    note: 'The help guide gives pointers. It decides nothing. Your youth welfare office can answer questions.',
  },
} as const;

/** The list as a plain-text e-mail. */
export function renderMail(r: NavigatorResults, title: string, locale: NavigatorLocale, publicUrl?: string): { subject: string; text: string } {
  const t = MAIL[locale];
  const lines: string[] = [t.hello, '', t.intro(title), ''];
  const contact = (c: NavigatorResults['contacts'][number]) =>
    `- ${c.name}: ${c.phone}${c.hours ? ` (${c.hours})` : ''}\n  ${c.reason}${c.url ? `\n  ${c.url}` : ''}`;
  if (r.acuteDanger && r.emergency.length) lines.push(t.emergency, ...r.emergency.map(contact), '');
  lines.push(t.offers);
  if (!r.offers.length) lines.push(t.noOffers);
  r.offers.forEach((o, i) => {
    lines.push(`${i + 1}. ${o.name} (${o.providerName})`, `   ${t.why}: ${o.reason}`);
    if (o.address) lines.push(`   ${t.address}: ${o.address}`);
    if (o.phone) lines.push(`   ${t.phone}: ${o.phone}`);
    if (o.email) lines.push(`   ${t.email}: ${o.email}`);
    if (o.website) lines.push(`   ${t.web}: ${o.website}`);
    if (publicUrl) lines.push(`   ${t.more}: ${publicUrl.replace(/\/$/, '')}/verzeichnis/angebot/${o.id}`);
  });
  lines.push('');
  if (r.contacts.length) lines.push(t.contacts, ...r.contacts.map(contact), '');
  if (r.summary.length) lines.push(t.answers, ...r.summary.map((s) => `- ${s.question} ${s.answer}`), '');
  lines.push(t.note, '', t.privacy, '');
  return { subject: t.subject(title), text: lines.join('\n') };
}
