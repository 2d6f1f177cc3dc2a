import { labelOf, taxonomy, type Term } from '@app/taxonomy';
import { formatKm, gemeenteName, joinList, type Lang, type Sentence } from './reasons';

// The sentences of a proposed coalition (see `coalitions.ts`), beside those of a pair in `reasons.ts`.

const label = (list: readonly Term[], codes: readonly string[], lang: Lang) => joinList(codes.map((code) => labelOf(list, code, lang)), lang);
const formatScore = (value: number, lang: Lang) => (lang === 'nl' ? value.toFixed(2).replace('.', ',') : value.toFixed(2));

/** The facts of a coalition member its sentences are made of (see `CoalitionMember`). */
export interface CoalitionMemberFacts {
  position: number;
  addedLeefdomeinen: readonly string[];
  addedSector: string | null;
  sharedOpgaven: readonly string[];
  pairScore: number;
  distanceKm: number | null;
  bringsErvaringskennis: boolean;
}

/** Where a member works, as seen from the coalition's gemeente; `nearest` is null for a national partner. */
export interface CoalitionMemberPlace {
  national: boolean;
  nearest: { gemeente: string; km: number } | null;
}

/** Why a member is in the coalition: where it works, what it adds, what it shares, how well it fits. */
export function coalitionMemberReasons(gemeente: string, member: CoalitionMemberFacts, candidate: CoalitionMemberPlace): Sentence[] {
  const place = gemeenteName(gemeente);
  const reasons: Sentence[] = [];
  if (candidate.national) {
    reasons.push({ code: 'works-nationally', params: { gemeente }, nl: `Werkt landelijk, dus ook in ${place}`, en: `Works nationwide, so also in ${place}` });
  } else if (candidate.nearest && candidate.nearest.km === 0) {
    reasons.push({ code: 'works-in-gemeente', params: { gemeente }, nl: `Werkt in ${place}`, en: `Works in ${place}` });
  } else if (candidate.nearest) {
    const km = formatKm(candidate.nearest.km);
    const own = gemeenteName(candidate.nearest.gemeente);
    reasons.push({
      code: 'works-nearby',
      params: { gemeente: candidate.nearest.gemeente, km: member.distanceKm },
      nl: `Werkt in ${own}, ${km} km van ${place}`,
      en: `Works in ${own}, ${km} km from ${place}`,
    });
  }
  const domains = member.addedLeefdomeinen;
  if (domains.length > 0) {
    const noun = (lang: Lang) => (lang === 'nl' ? (domains.length === 1 ? 'het leefdomein' : 'de leefdomeinen') : domains.length === 1 ? 'the life domain' : 'the life domains');
    reasons.push({
      code: 'adds-leefdomeinen',
      params: { leefdomeinen: domains },
      nl: `Brengt ${noun('nl')} ${label(taxonomy.leefdomeinen, domains, 'nl')} in`,
      en: `Brings in ${noun('en')} ${label(taxonomy.leefdomeinen, domains, 'en')}`,
    });
  }
  if (member.addedSector) {
    const sector = member.addedSector;
    reasons.push({
      code: 'adds-sector',
      params: { sector },
      nl: `Brengt de sector ${labelOf(taxonomy.sectors, sector, 'nl')} in`,
      en: `Brings in the ${labelOf(taxonomy.sectors, sector, 'en')} sector`,
    });
  }
  if (member.bringsErvaringskennis) {
    reasons.push({
      code: 'brings-ervaringskennis',
      params: { kennisbron: 'ervaring' },
      nl: `Brengt ${labelOf(taxonomy.kennisbronnen, 'ervaring', 'nl').toLowerCase()} in: de kennis van mensen die armoede zelf meemaken`,
      en: `Brings in ${labelOf(taxonomy.kennisbronnen, 'ervaring', 'en').toLowerCase()}: the knowledge of people who live with poverty`,
    });
  }
  const opgaven = member.sharedOpgaven;
  if (opgaven.length > 0) {
    const one = opgaven.length === 1;
    reasons.push({
      code: 'shares-opgaven',
      params: { opgaven },
      nl: `Deelt ${one ? 'de opgave' : 'de opgaven'} ${label(taxonomy.opgaven, opgaven, 'nl')} met de coalitie`,
      en: `Shares ${one ? 'the task' : 'the tasks'} ${label(taxonomy.opgaven, opgaven, 'en')} with the coalition`,
    });
  }
  const score = (lang: Lang) => formatScore(member.pairScore, lang);
  const [nl, en] =
    member.position === 1
      ? [`Paarscore met de tweede partner: ${score('nl')}`, `Pair score with the second member: ${score('en')}`]
      : member.position === 2
        ? [`Paarscore met de eerste partner: ${score('nl')}`, `Pair score with the first member: ${score('en')}`]
        : [`Gemiddelde paarscore met de leden vóór deze partner: ${score('nl')}`, `Mean pair score with the members before it: ${score('en')}`];
  reasons.push({ code: 'fits-members', params: { pairScore: member.pairScore }, nl, en });
  return reasons;
}

export interface CandidateCounts {
  local: number;
  national: number;
}

/** Why a coalition is empty or smaller than requested; null otherwise. */
export function coalitionNote(gemeente: string, requested: number, size: number, candidates: CandidateCounts, maxNational: number): Sentence | null {
  const place = gemeenteName(gemeente);
  const params = { requested, size, candidates };
  if (candidates.local === 0) {
    return {
      code: 'no-candidates',
      params,
      nl: `Er werken geen lokale of regionale partners in of rond ${place}`,
      en: `No local or regional partners work in or near ${place}`,
    };
  }
  if (candidates.local === 1) {
    return {
      code: 'too-few-candidates',
      params,
      nl: `In of rond ${place} werkt maar één lokale of regionale partner; een coalitie begint met twee`,
      en: `Only one local or regional partner works in or near ${place}; a coalition starts with two`,
    };
  }
  if (size === 0) {
    return {
      code: 'no-shared-opgaven',
      params,
      nl: `Geen twee lokale of regionale partners in of rond ${place} werken aan dezelfde opgave`,
      en: `No two local or regional partners in or near ${place} work on the same task`,
    };
  }
  if (size < requested) {
    return {
      code: 'smaller-than-requested',
      params,
      nl: `Deze coalitie telt ${size} partners in plaats van ${requested}: meer partners in of rond ${place} met een gedeelde opgave zijn er niet (landelijke partners: hooguit ${maxNational})`,
      en: `This coalition has ${size} partners instead of ${requested}: no more partners in or near ${place} share a task with it (national partners: at most ${maxNational})`,
    };
  }
  return null;
}

/** Why nearby partners were considered: the gemeente's own could not start a coalition, or not fill it. */
export type WidenCause = 'start' | 'fill';

/** Why a coalition also looked beyond the gemeente; `local` counts the local and regional partners listing it. */
export function coalitionWidenedReason(gemeente: string, cause: WidenCause, requested: number, local: number): Sentence {
  const place = gemeenteName(gemeente);
  const params = { cause, requested, local };
  const nearby = { nl: 'partners uit buurgemeenten en gemeenten binnen 20 km', en: 'partners from neighbouring gemeenten and those within 20 km' };
  if (cause === 'fill') {
    return {
      code: 'widened-to-fill',
      params,
      nl: `In ${place} zelf en landelijk werken te weinig passende partners voor een coalitie van ${requested}; daarom zijn ook ${nearby.nl} bekeken`,
      en: `Too few fitting partners work in ${place} itself or nationwide for a coalition of ${requested}, so ${nearby.en} were considered too`,
    };
  }
  const [nl, en] =
    local < 2
      ? [`In ${place} zelf ${local === 0 ? 'werkt geen lokale of regionale partner' : 'werkt maar één lokale of regionale partner'}`, `${local === 0 ? 'No local or regional partner works' : 'Only one local or regional partner works'} in ${place} itself`]
      : [`Geen twee partners in ${place} zelf werken aan dezelfde opgave`, `No two partners in ${place} itself work on the same task`];
  return {
    code: 'widened-to-start',
    params,
    nl: `${nl}; daarom zijn ook ${nearby.nl} bekeken`,
    en: `${en}, so ${nearby.en} were considered too`,
  };
}

/** Whether the coalition has ervaringskennis on board, or why not; `available` counts the candidates that bring it. */
export function coalitionErvaringReason(gemeente: string, included: boolean, available: number, widened: boolean): Sentence {
  const place = gemeenteName(gemeente);
  const params = { included, candidates: available };
  if (included) {
    return {
      code: 'includes-ervaringskennis',
      params,
      nl: 'De coalitie werkt samen met ervaringsdeskundigen: minstens één lid brengt ervaringskennis in',
      en: 'The coalition works with people with lived experience: at least one member brings in lived-experience knowledge',
    };
  }
  if (available > 0) {
    // Only an empty coalition misses them: the builder keeps a place for one otherwise.
    return {
      code: 'ervaringskennis-without-coalition',
      params,
      nl: `${available === 1 ? 'Eén partner brengt' : `${available} partners brengen`} ervaringskennis in, maar er is geen coalitie om ${available === 1 ? 'hem' : 'ze'} in op te nemen`,
      en: `${available === 1 ? 'One partner brings' : `${available} partners bring`} in lived-experience knowledge, but there is no coalition to include ${available === 1 ? 'it' : 'them'} in`,
    };
  }
  const where = widened ? { nl: `in of rond ${place}`, en: `in or near ${place}` } : { nl: `in ${place}`, en: `in ${place}` };
  return {
    code: 'no-ervaringskennis-available',
    params,
    nl: `Geen partner ${where.nl} of landelijk brengt ervaringskennis in, dus deze coalitie kan die niet meenemen; zoek ervaringsdeskundigen om aan te sluiten`,
    en: `No partner ${where.en} or nationwide brings in lived-experience knowledge, so this coalition cannot include it; look for people with lived experience to join`,
  };
}
