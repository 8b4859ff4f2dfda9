/**
 * Nationwide help numbers: the only fixed numbers the general navigator dialogue may show, because
 * they are right wherever a person lives. Local numbers come from the youth welfare office's data.
 * Source: the domain guide's list (police, emergency, Nummer gegen Kummer, Elterntelefon, the
 * federal helplines, Telefonseelsorge) and the federal helpline for pregnant women in need.
 */
export interface HelpNumber {
  id: string;
  phone: string;
  name: { de: string; en: string };
}

export const NATIONAL_HELP_NUMBERS: readonly HelpNumber[] = [
  { id: 'police', phone: '110', name: { de: 'Polizei', en: 'Police' } },
  { id: 'emergency', phone: '112', name: { de: 'Notruf (Rettungsdienst und Feuerwehr)', en: 'Emergency (ambulance and fire brigade)' } },
  { id: 'nummer-gegen-kummer', phone: '116 111', name: { de: 'Nummer gegen Kummer (Kinder- und Jugendtelefon)', en: 'Nummer gegen Kummer (helpline for children and young people)' } },
  { id: 'elterntelefon', phone: '0800 111 0 550', name: { de: 'Elterntelefon (Nummer gegen Kummer)', en: "Parents' helpline (Nummer gegen Kummer)" } },
  { id: 'hilfetelefon-gewalt', phone: '116 016', name: { de: 'Hilfetelefon Gewalt gegen Frauen', en: 'Helpline violence against women' } },
  { id: 'hilfetelefon-missbrauch', phone: '0800 22 55 530', name: { de: 'Hilfetelefon Sexueller Missbrauch', en: 'Helpline sexual abuse' } },
  { id: 'telefonseelsorge', phone: '0800 111 0 111', name: { de: 'TelefonSeelsorge', en: 'TelefonSeelsorge (crisis line)' } },
  { id: 'telefonseelsorge-2', phone: '0800 111 0 222', name: { de: 'TelefonSeelsorge', en: 'TelefonSeelsorge (crisis line)' } },
  { id: 'schwangere-in-not', phone: '0800 40 40 020', name: { de: 'Hilfetelefon Schwangere in Not', en: 'Helpline for pregnant women in need' } },
  { id: 'kinderschutzhotline', phone: '0800 19 210 00', name: { de: 'Medizinische Kinderschutzhotline', en: 'Medical child protection hotline' } },
];

/** Digits only, so "116 111" and "116111" are the same number. */
export const phoneDigits = (phone: string) => phone.replace(/[^\d+]/g, '');

const NATIONAL = new Set(NATIONAL_HELP_NUMBERS.map((n) => phoneDigits(n.phone)));

/** Is this one of the nationwide help numbers (right for every district)? */
export const isNationalHelpNumber = (phone: string) => NATIONAL.has(phoneDigits(phone));
