import type { AppContext } from '../../context';
import type { AuthedActor } from '../../http/actor';
import { listOwnUnits } from '../units/service';
import { writeAvailabilityCsv } from './csv-format';

/**
 * The spreadsheet round trip, first half: the own live units with places, with names and current
 * figures, sorted by facility and name, as Excel opens it in Germany. Uploaded again, the ids decide.
 */
export async function downloadAvailabilityCsv(ctx: AppContext, actor: AuthedActor): Promise<string> {
  const units = (await listOwnUnits(ctx, actor, {})).filter((u) => u.capacityTotal !== null && !u.archivedAt);
  const de = (a: string, b: string) => a.localeCompare(b, 'de');
  units.sort((a, b) => de(a.facility?.name ?? '', b.facility?.name ?? '') || de(a.name, b.name));
  return writeAvailabilityCsv(
    units.map((u) => ({
      id: u.id,
      externalRef: u.externalRef,
      facilityName: u.facility?.name ?? null,
      name: u.name,
      capacityTotal: u.capacityTotal!,
      heldPlaces: u.heldPlaces,
      freePlaces: u.freePlaces,
      planned: u.plannedVacancies.map((p) => ({ availableFrom: p.availableFrom, places: p.places })),
      lastConfirmedAt: u.lastConfirmedAt,
    })),
  );
}
