import type { Config } from '../../config';
import type { ReminderLinks } from '../confirm-links/service';
import type { DueOwner, EndedPause } from './queries';

const hoursAgo = (iso: string | null, at: Date) => (iso ? Math.floor((at.getTime() - Date.parse(iso)) / 3_600_000) : null);

function age(iso: string | null, at: Date): string {
  const h = hoursAgo(iso, at);
  if (h === null) return 'noch nie bestätigt';
  return h < 48 ? `zuletzt bestätigt vor ${h} Stunden` : `zuletzt bestätigt vor ${Math.floor(h / 24)} Tagen`;
}

const STATE: Record<string, string> = { fresh: '', unconfirmed: ' – wird als „unbestätigt“ angezeigt', hidden: ' – nicht mehr in der Standardsuche' };

/**
 * The reminder e-mail (German first, English below): per unit "Stimmt noch" (confirms without a
 * login) and "Ändern" (login, then the unit), and "Alles unverändert" for every unit at once.
 */
export function reminderText(c: Config, o: DueOwner, links: ReminderLinks, level: 'staff' | 'admin', at: Date, boardUrl: string): { subject: string; text: string } {
  const list = o.units
    .map((u) => {
      const l = links.units[u.id];
      return `${u.name}: ${u.freePlaces} frei, ${age(u.lastConfirmedAt, at)}${STATE[u.freshness] ?? ''}\n  Stimmt noch: ${l.confirm}\n  Ändern: ${l.change}`;
    })
    .join('\n\n');
  const escalation = level === 'admin' ? `Die Erinnerung an Ihr Team vor ${c.FRESHNESS_ESCALATE_HOURS} Stunden ist noch unbeantwortet.\n\n` : '';
  return {
    subject: `Heimplatzbörse: Stimmen Ihre Platzzahlen noch? (${o.units.length})`,
    text:
      `Guten Tag,\n\n${escalation}für ${o.ownerName} sind diese Angaben zu Plätzen länger nicht bestätigt worden:\n\n${list}\n\n` +
      `Alles unverändert (bestätigt alle ${o.units.length} Angaben auf einmal): ${links.all}\n\n` +
      `Die Links gelten 72 Stunden und bestätigen nur die genannten Angaben; ohne Anmeldung können sie nichts anderes. ` +
      `Jugendämter sehen das Alter jeder Angabe. Angebote mit freien Plätzen gelten nach ${c.FRESHNESS_UNCONFIRMED_HOURS} Stunden als „unbestätigt“ ` +
      `und erscheinen nach ${c.FRESHNESS_HIDDEN_HOURS} Stunden nicht mehr in der Standardsuche.\n` +
      `Belegungsübersicht: ${boardUrl}\n\n` +
      `---\nThe figures above have not been confirmed for a while. "Stimmt noch" confirms a unit without logging in, ` +
      `"Alles unverändert" confirms all of them, "Ändern" opens the unit after login. Links work for 72 hours.\n`,
  };
}

/** The pause ended by itself: the provider is asked whether the figures are right now. */
export function pauseEndedText(units: EndedPause[], links: ReminderLinks, boardUrl: string): { subject: string; text: string } {
  const list = units
    .map((u) => `${u.name}: ${u.freePlaces ?? 0} frei\n  Stimmt noch: ${links.units[u.id].confirm}\n  Ändern: ${links.units[u.id].change}`)
    .join('\n\n');
  return {
    subject: `Heimplatzbörse: Aufnahmestopp beendet – stimmen die Zahlen? (${units.length})`,
    text:
      `Guten Tag,\n\nder Aufnahmestopp dieser Angebote ist abgelaufen; sie nehmen wieder Anfragen an. Bitte bestätigen oder ändern Sie die Platzzahlen:\n\n${list}\n\n` +
      `Alles unverändert: ${links.all}\n\nBelegungsübersicht: ${boardUrl}\n\n` +
      `---\nThe pause of these units has ended; they take requests again. Please confirm ("Stimmt noch") or change ("Ändern") the figures.\n`,
  };
}
