import { haversineKm } from '@app/matching';
import type { SyntheticPartner } from '@app/matching/synthetic';
import { findGemeente, OPGAVE_CODES, taxonomy, type Gemeente } from '@app/taxonomy';

/** A PATCH that surely changes the partner's own list: it moves across the country and works on other opgaven. */
export interface PartnerEdit {
  partnerId: string;
  changes: { gemeenten: string[]; opgaven: string[] };
  movedKm: number;
}

/** `count` edits of different partners spread over the data set (local and regional partners that take part in matching). */
export function farAwayEdits(partners: readonly SyntheticPartner[], count: number): PartnerEdit[] {
  const movable = partners.filter((partner) => !partner.matchingOptOut && partner.homeGemeente && findGemeente(partner.homeGemeente));
  if (movable.length < count) throw new Error(`only ${movable.length} partners can be moved; asked for ${count} edits`);
  const step = movable.length / count;
  return Array.from({ length: count }, (_, edit) => farAwayEdit(movable[Math.floor(edit * step)]));
}

function farAwayEdit(partner: SyntheticPartner): PartnerEdit {
  const home = findGemeente(partner.homeGemeente!)!;
  const distanceFromHome = (gemeente: Gemeente) => haversineKm(home.lat, home.lon, gemeente.lat, gemeente.lon);
  const farthest = taxonomy.gemeenten.reduce((best, gemeente) => (distanceFromHome(gemeente) > distanceFromHome(best) ? gemeente : best));
  const otherOpgaven = OPGAVE_CODES.filter((code) => !partner.opgaven.includes(code)).slice(0, 2);
  return { partnerId: partner.id, changes: { gemeenten: [farthest.code], opgaven: otherOpgaven }, movedKm: distanceFromHome(farthest) };
}
