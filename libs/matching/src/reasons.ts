import { findGemeente, LEEFDOMEIN_CODES, labelOf, OPGAVE_CODES, tagLabel, taxonomy } from '@app/taxonomy';
import { nearestGemeenten } from './components';
import { scoreRanks } from './diversity';
import { weightSum } from './matching-profile';
import { combineComponents, componentsReference, MatchContext } from './reference-scorer';
import { COMPONENT_NAMES, ComponentName, ComponentScores, PartnerProfile, RankedCandidate, Reason, Suggestion } from './types';

export type Lang = 'nl' | 'en';

/** "A", "A en B", "A, B en C" (Dutch) or "A, B and C" (English). */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const last = lang === 'nl' ? ' en ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`;
}

/** Km for a sentence: one decimal below 10 km, whole km above. */
export const formatKm = (km: number) => (km < 10 ? km.toFixed(1).replace(/\.0$/, '') : String(Math.round(km)));
const shared = (a: readonly string[], b: readonly string[]) => [...new Set(a)].filter((x) => b.includes(x));
/** The name a sentence uses for a gemeente ('s-Gravenhage reads as Den Haag). */
export const gemeenteName = (code: string) => {
  const name = findGemeente(code)?.name ?? code;
  return name === "'s-Gravenhage" ? 'Den Haag' : name;
};

/** A reason's code, facts and sentences, without a share of a score. */
export type Sentence = Pick<Reason, 'code' | 'params' | 'nl' | 'en'>;

function opgavenReason(viewer: PartnerProfile, candidate: PartnerProfile): Sentence {
  const codes = OPGAVE_CODES.filter((code) => viewer.opgaven.includes(code) && candidate.opgaven.includes(code));
  const label = (lang: Lang) => joinList(codes.map((code) => labelOf(taxonomy.opgaven, code, lang)), lang);
  return {
    code: 'shared-opgaven',
    params: { opgaven: codes },
    nl: `Jullie werken allebei aan ${label('nl')}`,
    en: `You both work on ${label('en')}`,
  };
}

function leefdomeinenReason(viewer: PartnerProfile, candidate: PartnerProfile): Sentence {
  const both = LEEFDOMEIN_CODES.filter((code) => viewer.leefdomeinen.includes(code) && candidate.leefdomeinen.includes(code));
  const together = LEEFDOMEIN_CODES.filter((code) => viewer.leefdomeinen.includes(code) || candidate.leefdomeinen.includes(code));
  const label = (lang: Lang) => joinList(both.map((code) => labelOf(taxonomy.leefdomeinen, code, lang)), lang);
  const total = LEEFDOMEIN_CODES.length;
  return {
    code: 'leefdomeinen-coverage',
    params: { shared: both, together: together.length, total },
    nl: `Samen dekken jullie ${together.length} van de ${total} leefdomeinen` + (both.length ? `; jullie delen ${label('nl')}` : ''),
    en: `Together you cover ${together.length} of the ${total} life domains` + (both.length ? `; you share ${label('en')}` : ''),
  };
}

function sectorReason(viewer: PartnerProfile, candidate: PartnerProfile, affinity: number): Sentence {
  const label = (code: string, lang: Lang) => labelOf(taxonomy.sectors, code, lang);
  const params = { sectors: [viewer.sector, candidate.sector], affinity };
  if (viewer.sector === candidate.sector) {
    return {
      code: 'same-sector',
      params,
      nl: `Jullie zitten allebei in de sector ${label(viewer.sector, 'nl')} en kunnen van elkaar leren`,
      en: `You are both in the ${label(viewer.sector, 'en')} sector and can learn from each other`,
    };
  }
  return {
    code: 'cross-sector',
    params,
    nl: `Sectoroverstijgend: jullie combineren ${label(viewer.sector, 'nl')} met ${label(candidate.sector, 'nl')}`,
    en: `Cross-sector: you combine ${label(viewer.sector, 'en')} with ${label(candidate.sector, 'en')}`,
  };
}

function regionReason(viewer: PartnerProfile, candidate: PartnerProfile): Sentence {
  if (viewer.scope === 'national' && candidate.scope === 'national') {
    return { code: 'both-national', params: {}, nl: 'Jullie werken allebei landelijk', en: 'You both work nationwide' };
  }
  if (candidate.scope === 'national') {
    return {
      code: 'national-reach',
      params: { nationalId: candidate.id },
      nl: 'Deze partner werkt landelijk, dus ook in jullie werkgebied',
      en: 'This partner works nationwide, so also in your area',
    };
  }
  if (viewer.scope === 'national') {
    return {
      code: 'national-reach',
      params: { nationalId: viewer.id },
      nl: 'Jullie werken landelijk, dus ook in het werkgebied van deze partner',
      en: 'You work nationwide, so also in this partner’s area',
    };
  }
  const nearest = nearestGemeenten(viewer, candidate)!;
  const params = { km: Math.round(nearest.km * 10) / 10, gemeenten: [nearest.a, nearest.b] };
  if (nearest.km === 0) {
    const name = gemeenteName(nearest.a);
    return { code: 'same-gemeente', params, nl: `Jullie werken allebei in ${name}`, en: `You both work in ${name}` };
  }
  const places = `${gemeenteName(nearest.a)} – ${gemeenteName(nearest.b)}`;
  const km = formatKm(nearest.km);
  const regional = viewer.scope === 'regional' || candidate.scope === 'regional';
  return {
    code: regional ? 'regional-reach' : 'nearby',
    params,
    nl: regional ? `Regionaal bereik: jullie werkgebieden liggen ${km} km uit elkaar (${places})` : `Jullie werkgebieden liggen ${km} km uit elkaar (${places})`,
    en: regional ? `Regional reach: your areas are ${km} km apart (${places})` : `Your areas are ${km} km apart (${places})`,
  };
}

function reciprocityReason(viewer: PartnerProfile, candidate: PartnerProfile): Sentence {
  const theyOffer = shared(viewer.needs, candidate.offers);
  const youOffer = shared(candidate.needs, viewer.offers);
  const tags = (list: string[], lang: Lang) => joinList(list.map((tag) => tagLabel(tag, lang)), lang);
  const nl: string[] = [];
  const en: string[] = [];
  if (theyOffer.length) {
    nl.push(`zij bieden ${tags(theyOffer, 'nl')}, waar jullie naar zoeken`);
    en.push(`they offer ${tags(theyOffer, 'en')}, which you are looking for`);
  }
  if (youOffer.length) {
    nl.push(`jullie bieden ${tags(youOffer, 'nl')}, waar zij naar zoeken`);
    en.push(`you offer ${tags(youOffer, 'en')}, which they are looking for`);
  }
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return { code: 'reciprocity', params: { theyOffer, youOffer }, nl: capitalise(nl.join('; ')), en: capitalise(en.join('; ')) };
}

function networkReason(viewer: PartnerProfile, candidate: PartnerProfile, context: MatchContext): Sentence {
  const mine = context.neighbours.get(viewer.id) ?? new Set<string>();
  const common = [...(context.neighbours.get(candidate.id) ?? [])].filter((id) => mine.has(id)).sort();
  const count = common.length;
  return {
    code: 'common-partners',
    params: { count, partnerIds: common },
    nl: `Jullie werken allebei samen met ${count} ${count === 1 ? 'dezelfde partner' : 'dezelfde partners'}`,
    en: `You both work with ${count} of the same ${count === 1 ? 'partner' : 'partners'}`,
  };
}

/**
 * Explains a pair from the viewer's side: the components, the score and one reason per
 * component that contributes, best first. A reason's `share` is wᵢ·cᵢ / Σw, so the shares
 * add up to the score.
 */
export function explainPair(
  viewer: PartnerProfile,
  candidate: PartnerProfile,
  context: MatchContext,
): { score: number; components: ComponentScores; reasons: Reason[] } {
  const components = componentsReference(viewer, candidate, context);
  const total = weightSum(context.profile);
  const sentence = (name: ComponentName): Sentence => {
    switch (name) {
      case 'opgaven':
        return opgavenReason(viewer, candidate);
      case 'leefdomeinen':
        return leefdomeinenReason(viewer, candidate);
      case 'sector':
        return sectorReason(viewer, candidate, components.sector);
      case 'region':
        return regionReason(viewer, candidate);
      case 'reciprocity':
        return reciprocityReason(viewer, candidate);
      case 'network':
        return networkReason(viewer, candidate, context);
    }
  };
  const reasons = COMPONENT_NAMES.map((name) => ({ name, share: (context.profile.weights[name] * components[name]) / total }))
    .filter(({ share }) => share > 0)
    .sort((x, y) => y.share - x.share)
    .map(({ name, share }) => ({ ...sentence(name), share }));
  return { score: combineComponents(components, context.profile), components, reasons };
}

/**
 * Why a place differs from the place by score: the sector-diversity step (diversity.ts)
 * lifted a candidate of a sector the list lacked, or let one of a sector it already held
 * give way. Its share is 0: it explains the order, not the score.
 */
export function diversityReason(rank: number, scoreRank: number): Reason {
  const params = { rank, scoreRank };
  if (rank < scoreRank) {
    return {
      code: 'diversity-moved',
      params,
      nl: `Hoger geplaatst voor een mix van sectoren: op score alleen stond dit op plaats ${scoreRank}`,
      en: `Placed higher for a mix of sectors: by score alone this would be number ${scoreRank}`,
      share: 0,
    };
  }
  return {
    code: 'diversity-moved',
    params,
    nl: `Lager geplaatst zodat de lijst niet uit één sector bestaat: op score alleen stond dit op plaats ${scoreRank}`,
    en: `Placed lower so the list is not all one sector: by score alone this would be number ${scoreRank}`,
    share: 0,
  };
}

/**
 * Turns a ranked list (from the kernel, `MatchIndex` or the reference) into explained
 * suggestions. `lookup` returns the profile of a candidate id. An entry the diversity step
 * moved ends with a `diversity-moved` reason naming its place by score.
 */
export function buildSuggestions(
  viewer: PartnerProfile,
  ranked: readonly RankedCandidate[],
  lookup: (id: string) => PartnerProfile | undefined,
  context: MatchContext,
): Suggestion[] {
  const byScore = scoreRanks(ranked);
  return ranked.map(({ candidateId, score }, index) => {
    const candidate = lookup(candidateId);
    if (!candidate) throw new Error(`Unknown candidate ${candidateId}`);
    const { components, reasons } = explainPair(viewer, candidate, context);
    const rank = index + 1;
    return { candidateId, rank, score, components, reasons: byScore[index] === rank ? reasons : [...reasons, diversityReason(rank, byScore[index])] };
  });
}
