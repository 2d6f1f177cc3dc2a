import { labelOf, taxonomy, type Scope, type Term } from '@app/taxonomy';
import { formatKm, gemeenteName, joinList, type Lang, type Sentence } from './reasons';

// The sentences of a gap-closer (see `gap-closers.ts`), beside those of a pair in `reasons.ts`.

const label = (list: readonly Term[], codes: readonly string[], lang: Lang) => joinList(codes.map((code) => labelOf(list, code, lang)), lang);

/** The facts of a gap-closer its sentences are made of (see `GapCloser`). */
export interface GapCloserFacts {
  scope: Scope;
  covers: { leefdomeinen: readonly string[]; opgaven: readonly string[] };
  count: number;
  distanceKm: number | null;
  nearestGemeente: string | null;
}

/** Where it works, which of the gemeente's gaps it covers, and how many of them; `open` counts the gaps. */
export function gapCloserReasons(gemeente: string, facts: GapCloserFacts, open: number): Sentence[] {
  const place = gemeenteName(gemeente);
  const reasons: Sentence[] = [];
  if (facts.scope === 'national' || facts.nearestGemeente === null || facts.distanceKm === null) {
    reasons.push({ code: 'works-nationally', params: { gemeente }, nl: `Werkt landelijk, dus ook in ${place}`, en: `Works nationwide, so also in ${place}` });
  } else {
    const own = gemeenteName(facts.nearestGemeente);
    const km = formatKm(facts.distanceKm);
    reasons.push({
      code: 'works-nearby',
      params: { gemeente: facts.nearestGemeente, km: facts.distanceKm },
      nl: `Werkt in ${own}, ${km} km van ${place}`,
      en: `Works in ${own}, ${km} km from ${place}`,
    });
  }
  const domains = facts.covers.leefdomeinen;
  if (domains.length > 0) {
    const one = domains.length === 1;
    reasons.push({
      code: 'covers-leefdomeinen',
      params: { leefdomeinen: domains },
      nl: `Werkt aan ${one ? 'het leefdomein' : 'de leefdomeinen'} ${label(taxonomy.leefdomeinen, domains, 'nl')}, ${one ? 'dat' : 'die'} in ${place} nog geen partner dekt`,
      en: `Works on ${one ? 'the life domain' : 'the life domains'} ${label(taxonomy.leefdomeinen, domains, 'en')}, which no partner in ${place} covers yet`,
    });
  }
  const opgaven = facts.covers.opgaven;
  if (opgaven.length > 0) {
    const one = opgaven.length === 1;
    reasons.push({
      code: 'covers-opgaven',
      params: { opgaven },
      nl: `Werkt aan ${one ? 'de opgave' : 'de opgaven'} ${label(taxonomy.opgaven, opgaven, 'nl')}, waar in ${place} nog geen partner aan werkt`,
      en: `Works on ${one ? 'the task' : 'the tasks'} ${label(taxonomy.opgaven, opgaven, 'en')}, which no partner in ${place} works on yet`,
    });
  }
  reasons.push({
    code: 'closes-gaps',
    params: { count: facts.count, open },
    nl: `Dekt ${facts.count} van de ${open} open leefdomeinen en opgaven van ${place}`,
    en: `Covers ${facts.count} of the ${open} open life domains and tasks of ${place}`,
  });
  return reasons;
}
