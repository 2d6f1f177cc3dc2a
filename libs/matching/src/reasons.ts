import { findGemeente, LEEFDOMEIN_CODES, labelOf, OPGAVE_CODES, tagLabel, taxonomy } from '@app/taxonomy';
import { nearestGemeenten } from './components';
import { scoreRanks } from './diversity';
import type { FairList } from './fair-exposure';
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

/**
 * What a reason's sentences are made of: its code, its params and, for a distance, the km the
 * sentence shows (rounded differently from `params.km`). `sentence` is the only place the
 * wording lives: explanations and stored reasons (stored-reasons.ts) are both rendered by it.
 */
export interface ReasonFacts {
  code: string;
  params: Record<string, unknown>;
  /** The distance as the sentence writes it, `Number(formatKm(km))`; region codes with a distance only. */
  shownKm?: number;
  /** national-reach: the viewer, not the candidate, works nationally (the params name its id). */
  viewerIsNational?: boolean;
}

const list = (value: unknown) => value as string[];

/** A reason's sentence in one language. */
export function sentence({ code, params, shownKm, viewerIsNational }: ReasonFacts, lang: Lang): string {
  const nl = lang === 'nl';
  switch (code) {
    case 'shared-opgaven': {
      const label = joinList(list(params.opgaven).map((c) => labelOf(taxonomy.opgaven, c, lang)), lang);
      return nl ? `Jullie werken allebei aan ${label}` : `You both work on ${label}`;
    }
    case 'leefdomeinen-coverage': {
      const both = list(params.shared);
      const label = joinList(both.map((c) => labelOf(taxonomy.leefdomeinen, c, lang)), lang);
      return nl
        ? `Samen dekken jullie ${params.together} van de ${params.total} leefdomeinen` + (both.length ? `; jullie delen ${label}` : '')
        : `Together you cover ${params.together} of the ${params.total} life domains` + (both.length ? `; you share ${label}` : '');
    }
    case 'same-sector': {
      const label = labelOf(taxonomy.sectors, list(params.sectors)[0], lang);
      return nl ? `Jullie zitten allebei in de sector ${label} en kunnen van elkaar leren` : `You are both in the ${label} sector and can learn from each other`;
    }
    case 'cross-sector': {
      const [viewer, candidate] = list(params.sectors).map((c) => labelOf(taxonomy.sectors, c, lang));
      return nl ? `Sectoroverstijgend: jullie combineren ${viewer} met ${candidate}` : `Cross-sector: you combine ${viewer} with ${candidate}`;
    }
    case 'both-national':
      return nl ? 'Jullie werken allebei landelijk' : 'You both work nationwide';
    case 'national-reach':
      if (viewerIsNational) return nl ? 'Jullie werken landelijk, dus ook in het werkgebied van deze partner' : 'You work nationwide, so also in this partner’s area';
      return nl ? 'Deze partner werkt landelijk, dus ook in jullie werkgebied' : 'This partner works nationwide, so also in your area';
    case 'same-gemeente': {
      const name = gemeenteName(list(params.gemeenten)[0]);
      return nl ? `Jullie werken allebei in ${name}` : `You both work in ${name}`;
    }
    case 'nearby':
    case 'regional-reach': {
      const [a, b] = list(params.gemeenten);
      const places = `${gemeenteName(a)} – ${gemeenteName(b)}`;
      const km = formatKm(shownKm ?? (params.km as number));
      if (code === 'regional-reach') {
        return nl ? `Regionaal bereik: jullie werkgebieden liggen ${km} km uit elkaar (${places})` : `Regional reach: your areas are ${km} km apart (${places})`;
      }
      return nl ? `Jullie werkgebieden liggen ${km} km uit elkaar (${places})` : `Your areas are ${km} km apart (${places})`;
    }
    case 'reciprocity': {
      const tags = (tagList: string[]) => joinList(tagList.map((tag) => tagLabel(tag, lang)), lang);
      const parts: string[] = [];
      const theyOffer = list(params.theyOffer);
      const youOffer = list(params.youOffer);
      if (theyOffer.length) parts.push(nl ? `zij bieden ${tags(theyOffer)}, waar jullie naar zoeken` : `they offer ${tags(theyOffer)}, which you are looking for`);
      if (youOffer.length) parts.push(nl ? `jullie bieden ${tags(youOffer)}, waar zij naar zoeken` : `you offer ${tags(youOffer)}, which they are looking for`);
      const text = parts.join('; ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'common-partners': {
      const count = params.count as number;
      return nl
        ? `Jullie werken allebei samen met ${count} ${count === 1 ? 'dezelfde partner' : 'dezelfde partners'}`
        : `You both work with ${count} of the same ${count === 1 ? 'partner' : 'partners'}`;
    }
    case 'diversity-moved': {
      const { rank, scoreRank } = params as { rank: number; scoreRank: number };
      if (rank < scoreRank) {
        return nl
          ? `Hoger geplaatst voor een mix van sectoren: op score alleen stond dit op plaats ${scoreRank}`
          : `Placed higher for a mix of sectors: by score alone this would be number ${scoreRank}`;
      }
      return nl
        ? `Lager geplaatst zodat de lijst niet uit één sector bestaat: op score alleen stond dit op plaats ${scoreRank}`
        : `Placed lower so the list is not all one sector: by score alone this would be number ${scoreRank}`;
    }
    case 'exposure-capped':
      return nl
        ? `Lager geplaatst zodat niet overal dezelfde partners bovenaan staan: deze partner staat al in ${params.maxTopPlaces} top-5-lijsten waar hij beter past`
        : `Placed lower so the same partners do not top every list: this partner already holds ${params.maxTopPlaces} top-5 places in lists it fits better`;
    case 'at-capacity': {
      const count = params.openIntroductions as number;
      const nlCount = count === 1 ? '1 lopende introductie' : `${count} lopende introducties`;
      const enCount = count === 1 ? '1 open introduction' : `${count} open introductions`;
      return nl
        ? `Onderaan geplaatst: deze partner heeft al ${nlCount} (maximaal ${params.maxOpenIntroductions}); hij komt terug zodra er een afgerond is`
        : `Placed last: this partner already has ${enCount} (at most ${params.maxOpenIntroductions}); it moves back up once one is completed`;
    }
    default:
      throw new Error(`No wording for reason code ${code}`);
  }
}

function opgavenReason(viewer: PartnerProfile, candidate: PartnerProfile): ReasonFacts {
  const codes = OPGAVE_CODES.filter((code) => viewer.opgaven.includes(code) && candidate.opgaven.includes(code));
  return { code: 'shared-opgaven', params: { opgaven: codes } };
}

function leefdomeinenReason(viewer: PartnerProfile, candidate: PartnerProfile): ReasonFacts {
  const both = LEEFDOMEIN_CODES.filter((code) => viewer.leefdomeinen.includes(code) && candidate.leefdomeinen.includes(code));
  const together = LEEFDOMEIN_CODES.filter((code) => viewer.leefdomeinen.includes(code) || candidate.leefdomeinen.includes(code));
  return { code: 'leefdomeinen-coverage', params: { shared: both, together: together.length, total: LEEFDOMEIN_CODES.length } };
}

function sectorReason(viewer: PartnerProfile, candidate: PartnerProfile, affinity: number): ReasonFacts {
  const params = { sectors: [viewer.sector, candidate.sector], affinity };
  return { code: viewer.sector === candidate.sector ? 'same-sector' : 'cross-sector', params };
}

function regionReason(viewer: PartnerProfile, candidate: PartnerProfile): ReasonFacts {
  if (viewer.scope === 'national' && candidate.scope === 'national') return { code: 'both-national', params: {} };
  if (candidate.scope === 'national') return { code: 'national-reach', params: { nationalId: candidate.id } };
  if (viewer.scope === 'national') return { code: 'national-reach', params: { nationalId: viewer.id }, viewerIsNational: true };
  const nearest = nearestGemeenten(viewer, candidate)!;
  const params = { km: Math.round(nearest.km * 10) / 10, gemeenten: [nearest.a, nearest.b] };
  if (nearest.km === 0) return { code: 'same-gemeente', params };
  const regional = viewer.scope === 'regional' || candidate.scope === 'regional';
  return { code: regional ? 'regional-reach' : 'nearby', params, shownKm: Number(formatKm(nearest.km)) };
}

function reciprocityReason(viewer: PartnerProfile, candidate: PartnerProfile): ReasonFacts {
  return { code: 'reciprocity', params: { theyOffer: shared(viewer.needs, candidate.offers), youOffer: shared(candidate.needs, viewer.offers) } };
}

function networkReason(viewer: PartnerProfile, candidate: PartnerProfile, context: MatchContext): ReasonFacts {
  const mine = context.neighbours.get(viewer.id) ?? new Set<string>();
  const common = [...(context.neighbours.get(candidate.id) ?? [])].filter((id) => mine.has(id)).sort();
  return { code: 'common-partners', params: { count: common.length, partnerIds: common } };
}

/** A reason as facts and its share, before its sentences are rendered (`withShareSentences`). */
export type ExplainedFacts = ReasonFacts & { share: number };

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
  const { score, components, reasons } = explainPairFacts(viewer, candidate, context);
  return { score, components, reasons: reasons.map(withShareSentences) };
}

/**
 * `explainPair` without the sentences: what a full run stores (`storeExplainedFacts`), the
 * sentences rendered when the row is read.
 */
export function explainPairFacts(
  viewer: PartnerProfile,
  candidate: PartnerProfile,
  context: MatchContext,
): { score: number; components: ComponentScores; reasons: ExplainedFacts[] } {
  const components = componentsReference(viewer, candidate, context);
  const total = weightSum(context.profile);
  const facts = (name: ComponentName): ReasonFacts => {
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
    .map(({ name, share }) => ({ ...facts(name), share }));
  return { score: combineComponents(components, context.profile), components, reasons };
}

/** Explained facts as a reason: code, params, both sentences and the share. */
export function withShareSentences(facts: ExplainedFacts): Reason {
  return { code: facts.code, params: facts.params, nl: sentence(facts, 'nl'), en: sentence(facts, 'en'), share: facts.share };
}

/**
 * Why a place differs from the place by score: the sector-diversity step (diversity.ts)
 * lifted a candidate of a sector the list lacked, or let one of a sector it already held
 * give way. Its share is 0: it explains the order, not the score.
 */
export function diversityReason(rank: number, scoreRank: number): Reason {
  return withShareSentences(diversityFacts(rank, scoreRank));
}

const diversityFacts = (rank: number, scoreRank: number): ExplainedFacts => ({ code: 'diversity-moved', params: { rank, scoreRank }, share: 0 });

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
  return buildSuggestionFacts(viewer, ranked, lookup, context).map((suggestion) => ({ ...suggestion, reasons: suggestion.reasons.map(withShareSentences) }));
}

/** A suggestion explained as facts: `buildSuggestions` without the sentences. */
export type SuggestionFacts = Omit<Suggestion, 'reasons'> & { reasons: ExplainedFacts[] };

/** `buildSuggestions` without the sentences, for rows stored compact (`storeExplainedFacts`). */
export function buildSuggestionFacts(
  viewer: PartnerProfile,
  ranked: readonly RankedCandidate[],
  lookup: (id: string) => PartnerProfile | undefined,
  context: MatchContext,
): SuggestionFacts[] {
  const byScore = scoreRanks(ranked);
  return ranked.map(({ candidateId, score }, index) => {
    const candidate = lookup(candidateId);
    if (!candidate) throw new Error(`Unknown candidate ${candidateId}`);
    const { components, reasons } = explainPairFacts(viewer, candidate, context);
    const rank = index + 1;
    return { candidateId, rank, score, components, reasons: byScore[index] === rank ? reasons : [...reasons, diversityFacts(rank, byScore[index])] };
  });
}

/** Why the cap on top-five places moved a candidate out of this list's top five. Share 0, like the diversity reason. */
export function exposureCappedReason(rank: number, maxTopPlaces: number): Reason {
  return withShareSentences({ code: 'exposure-capped', params: { rank, maxTopPlaces }, share: 0 });
}

/** Why a candidate at capacity is placed last. Share 0. */
export function atCapacityReason(rank: number, openIntroductions: number, maxOpenIntroductions: number): Reason {
  return withShareSentences({ code: 'at-capacity', params: { rank, openIntroductions, maxOpenIntroductions }, share: 0 });
}

/**
 * Explained suggestions of a list after the fair-exposure step (fair-exposure.ts). A candidate
 * the step moved says why (`exposure-capped`, `at-capacity`); a candidate the diversity step
 * moved in `natural` (the list before the step) keeps the diversity reason, naming its final
 * place (the rank a stored row renders it with).
 */
export function buildFairSuggestions(
  viewer: PartnerProfile,
  natural: readonly RankedCandidate[],
  fair: FairList,
  lookup: (id: string) => PartnerProfile | undefined,
  context: MatchContext,
  openIntroductions: ReadonlyMap<string, number> = new Map(),
): Suggestion[] {
  const byScore = scoreRanks(natural);
  const naturalPlace = new Map(natural.map((entry, index) => [entry.candidateId, index]));
  const capped = new Set(fair.capped);
  const full = new Set(fair.atCapacity);
  return fair.ranked.map(({ candidateId, score }, index) => {
    const candidate = lookup(candidateId);
    if (!candidate) throw new Error(`Unknown candidate ${candidateId}`);
    const { components, reasons } = explainPair(viewer, candidate, context);
    const rank = index + 1;
    const before = naturalPlace.get(candidateId)!;
    const scoreRank = byScore[before];
    const extra: Reason[] = [];
    // Only a move of the diversity step is explained as one; the fair-exposure reasons explain theirs.
    if (scoreRank !== before + 1 && scoreRank !== rank) extra.push(diversityReason(rank, scoreRank));
    if (full.has(candidateId)) extra.push(atCapacityReason(rank, openIntroductions.get(candidateId) ?? 0, context.profile.maxOpenIntroductions ?? 0));
    else if (capped.has(candidateId)) extra.push(exposureCappedReason(rank, context.profile.maxTopPlaces ?? 0));
    return { candidateId, rank, score, components, reasons: [...reasons, ...extra] };
  });
}

/*
 * Stored reasons. A stored suggestion keeps each reason as a short array — a code number and
 * the facts its sentences need that the row does not hold already — and renders the
 * sentences when it is read, with `sentence` above: ~50 bytes instead of ~1.1 kB of two
 * sentences and params. The row supplies the rest: the pair's ids (national-reach), its rank
 * (diversity-moved), its distance (the region reasons' `km`) and its components, which with
 * the run's weights give each share exactly as explainPair computed it (wᵢ·cᵢ / Σw).
 */

/** Reason codes by their stored number. Append only: a stored number never changes meaning. */
const STORED_CODES = [
  'shared-opgaven',
  'leefdomeinen-coverage',
  'same-sector',
  'cross-sector',
  'both-national',
  'national-reach',
  'same-gemeente',
  'nearby',
  'regional-reach',
  'reciprocity',
  'common-partners',
  'diversity-moved',
  'exposure-capped',
  'at-capacity',
] as const;
type StoredCode = (typeof STORED_CODES)[number];

/** The number a reason code is stored as (what a query over stored rows looks for); -1 for a code stored whole. */
export function storedReasonNumber(code: string): number {
  return STORED_CODES.indexOf(code as StoredCode);
}

/** Taxonomy codes by their bit in stored reasons (the order of 2026-12). Append only. */
export const STORED_OPGAVEN = ['meedoen', 'een-fijn-thuis', 'gezond-opgroeien', 'kansengelijkheid-onderwijs', 'bestaanszekerheid', 'ervaringsdeskundigheid', 'beeldvorming', 'vroegsignalering', 'ouderschap-veerkracht', 'systeemverandering'];
export const STORED_LEEFDOMEINEN = ['materieel-welzijn', 'gezondheid', 'relaties', 'huisvesting-leefomgeving', 'onderwijs', 'risico-veiligheid', 'subjectief-welbevinden', 'maatschappelijke-participatie'];
export const STORED_SECTORS = ['rijksoverheid', 'gemeente', 'onderwijs', 'jeugdgezondheidszorg', 'brancheorganisatie', 'kennisinstelling', 'maatschappelijke-organisatie', 'bedrijfsleven'];

/** Offer and need tags by their number in stored reasons (the vocabulary of 2026-12). Append only; other tags stay text. */
export const STORED_TAGS = [
  'vrijwilligers', 'locatie', 'voedsel', 'financiering', 'onderzoek', 'bereik-gezinnen', 'ervaringsdeskundigen', 'schoolontbijt', 'sportaanbod',
  'cultuuraanbod', 'schuldhulp', 'kleding', 'huiswerkbegeleiding', 'vervoer', 'communicatie', 'netwerk-bedrijven', 'beleidskennis',
  'data-en-monitoring', 'training-professionals', 'opvoedondersteuning', 'gezondheidsvoorlichting', 'woonadvies', 'energiebesparing', 'laptops',
  'zwemlessen', 'stageplekken', 'evaluatie', 'belangenbehartiging', 'juridisch-advies', 'taalles', 'menstruatieproducten', 'speelgoed',
  'kinderopvang', 'signalering-scholen', 'toegang-wijkteams',
];
const storedTags = (tags: unknown) => (tags as string[]).map((tag) => (STORED_TAGS.includes(tag) ? STORED_TAGS.indexOf(tag) : tag));
const tagsOf = (stored: StoredValue) => (stored as readonly (number | string)[]).map((tag) => (typeof tag === 'number' ? STORED_TAGS[tag] : tag));

/** The component whose share a reason code explains; diversity-moved explains none (share 0). */
const COMPONENT_OF: Record<StoredCode, ComponentName | null> = {
  'shared-opgaven': 'opgaven',
  'leefdomeinen-coverage': 'leefdomeinen',
  'same-sector': 'sector',
  'cross-sector': 'sector',
  'both-national': 'region',
  'national-reach': 'region',
  'same-gemeente': 'region',
  nearby: 'region',
  'regional-reach': 'region',
  reciprocity: 'reciprocity',
  'common-partners': 'network',
  'diversity-moved': null,
  'exposure-capped': null,
  'at-capacity': null,
};

type StoredValue = number | string | readonly (number | string)[];
/**
 * One stored reason: `[code number, ...facts]`, or the reason itself (code, params, both
 * sentences, share) for rows stored before reasons were compact and for a reason this
 * encoding cannot reproduce exactly (an unknown code, or a taxonomy code it does not number).
 */
export type StoredReason = readonly StoredValue[] | Reason;

/** What a stored reason is rendered against: the fields of its row and the weights of its run. */
export interface StoredReasonRow {
  partnerId: string;
  candidateId: string;
  rank: number;
  distanceKm: number | null;
  components: Record<ComponentName, number>;
  weights: Record<ComponentName, number>;
}

function toMask(codes: unknown, numbered: readonly string[]): number | null {
  let mask = 0;
  for (const code of codes as string[]) {
    const bit = numbered.indexOf(code);
    if (bit < 0) return null;
    mask |= 1 << bit;
  }
  return mask;
}
const fromMask = (mask: number, numbered: readonly string[]) => numbered.filter((_code, bit) => mask & (1 << bit));
/** A CBS gemeente code as its number (GM0080 → 80); any other code as it is. */
const storedGemeente = (code: string): number | string => (/^GM\d{4}$/.test(code) ? Number(code.slice(2)) : code);
const gemeenteOf = (stored: StoredValue) => (typeof stored === 'number' ? `GM${String(stored).padStart(4, '0')}` : (stored as string));

function shareOf(code: StoredCode, row: StoredReasonRow): number {
  const name = COMPONENT_OF[code];
  if (name === null) return 0;
  let total = 0;
  for (const component of COMPONENT_NAMES) total += row.weights[component];
  return (row.weights[name] * row.components[name]) / total;
}

/** The facts of a stored reason, from its array and its row. */
function factsOf(entry: readonly StoredValue[], row: StoredReasonRow): ReasonFacts {
  const code = STORED_CODES[entry[0] as number];
  const at = (i: number) => entry[i];
  switch (code) {
    case 'shared-opgaven':
      return { code, params: { opgaven: fromMask(at(1) as number, STORED_OPGAVEN) } };
    case 'leefdomeinen-coverage':
      // The total is left out when it is the number of leefdomeinen numbered here.
      return { code, params: { shared: fromMask(at(1) as number, STORED_LEEFDOMEINEN), together: at(2), total: entry.length > 3 ? at(3) : STORED_LEEFDOMEINEN.length } };
    case 'same-sector':
    case 'cross-sector':
      return { code, params: { sectors: [STORED_SECTORS[at(1) as number], STORED_SECTORS[at(2) as number]], affinity: row.components.sector } };
    case 'both-national':
      return { code, params: {} };
    case 'national-reach':
      return at(1) === 1 ? { code, params: { nationalId: row.partnerId }, viewerIsNational: true } : { code, params: { nationalId: row.candidateId } };
    case 'same-gemeente':
    case 'nearby':
    case 'regional-reach': {
      // same-gemeente names its gemeente once.
      const facts: ReasonFacts = { code, params: { km: row.distanceKm, gemeenten: [gemeenteOf(at(1)), gemeenteOf(code === 'same-gemeente' && entry.length < 3 ? at(1) : at(2))] } };
      if (code !== 'same-gemeente') facts.shownKm = entry.length > 3 ? (at(3) as number) : Number(formatKm(row.distanceKm as number));
      return facts;
    }
    case 'reciprocity':
      return { code, params: { theyOffer: tagsOf(at(1)), youOffer: tagsOf(at(2)) } };
    case 'common-partners':
      return { code, params: { count: (at(1) as string[]).length, partnerIds: [...(at(1) as string[])] } };
    case 'diversity-moved':
      return { code, params: { rank: row.rank, scoreRank: at(1) } };
    case 'exposure-capped':
      return { code, params: { rank: row.rank, maxTopPlaces: at(1) } };
    case 'at-capacity':
      return { code, params: { rank: row.rank, openIntroductions: at(1), maxOpenIntroductions: at(2) } };
    default:
      throw new Error(`Unknown stored reason code ${String(entry[0])}`);
  }
}

/** One stored reason as a reason, both sentences rendered. */
export function renderStoredReason(entry: StoredReason, row: StoredReasonRow): Reason {
  if (!Array.isArray(entry)) return entry as Reason;
  const facts = factsOf(entry as readonly StoredValue[], row);
  return { code: facts.code, params: facts.params, nl: sentence(facts, 'nl'), en: sentence(facts, 'en'), share: shareOf(facts.code as StoredCode, row) };
}

/** One stored reason's sentence in one language (what a reader that shows only text needs). */
export function storedReasonText(entry: StoredReason, row: StoredReasonRow, lang: Lang): string {
  if (!Array.isArray(entry)) return (entry as Reason)[lang];
  return sentence(factsOf(entry as readonly StoredValue[], row), lang);
}

/** A suggestion's stored reasons as reasons, in their order. */
export function renderStoredReasons(stored: readonly StoredReason[], row: StoredReasonRow): Reason[] {
  return stored.map((entry) => renderStoredReason(entry, row));
}

/** The shortest array for a reason's facts; null when it has no such form. Checked by `storeExplainedFacts`. */
function compactOf(facts: ReasonFacts, row: StoredReasonRow): StoredValue[] | null {
  const number = STORED_CODES.indexOf(facts.code as StoredCode);
  if (number < 0) return null;
  const p = facts.params;
  switch (facts.code as StoredCode) {
    case 'shared-opgaven': {
      const mask = toMask(p.opgaven, STORED_OPGAVEN);
      return mask === null ? null : [number, mask];
    }
    case 'leefdomeinen-coverage': {
      const mask = toMask(p.shared, STORED_LEEFDOMEINEN);
      if (mask === null) return null;
      return p.total === STORED_LEEFDOMEINEN.length ? [number, mask, p.together as number] : [number, mask, p.together as number, p.total as number];
    }
    case 'same-sector':
    case 'cross-sector': {
      const [a, b] = (p.sectors as string[]).map((code) => STORED_SECTORS.indexOf(code));
      return a < 0 || b < 0 ? null : [number, a, b];
    }
    case 'both-national':
      return [number];
    case 'national-reach':
      return [number, p.nationalId === row.candidateId ? 0 : 1];
    case 'same-gemeente':
    case 'nearby':
    case 'regional-reach': {
      const [a, b] = (p.gemeenten as string[]).map(storedGemeente);
      if (facts.code === 'same-gemeente' && a === b) return [number, a];
      const entry: StoredValue[] = [number, a, b];
      // The sentence rounds the exact distance, `params.km` (the row's distance) the rounded
      // one: the two differ in the last place now and then (12.46 km reads "12", is stored 12.5).
      const shown = facts.shownKm;
      if (facts.code !== 'same-gemeente' && shown !== undefined && row.distanceKm !== null && shown !== Number(formatKm(row.distanceKm))) entry.push(shown);
      return entry;
    }
    case 'reciprocity':
      return [number, storedTags(p.theyOffer), storedTags(p.youOffer)];
    case 'common-partners':
      return [number, p.partnerIds as string[]];
    case 'diversity-moved':
      return [number, p.scoreRank as number];
    case 'exposure-capped':
      return [number, p.maxTopPlaces as number];
    case 'at-capacity':
      return [number, p.openIntroductions as number, p.maxOpenIntroductions as number];
  }
}

/**
 * Explained facts as they are stored with their row: the compact array when it renders back
 * to exactly these facts (code, params, share and the km a sentence shows: a sentence is a
 * function of those), else the whole reason with its sentences.
 */
export function storeExplainedFacts(facts: ExplainedFacts, row: StoredReasonRow): StoredReason {
  return exactCompactOf(facts, row) ?? withShareSentences(facts);
}

/** The compact array of these facts if it renders back to exactly them, else null. */
function exactCompactOf(facts: ExplainedFacts, row: StoredReasonRow): StoredValue[] | null {
  const compact = compactOf(facts, row);
  if (!compact) return null;
  const back = factsOf(compact, row);
  const same =
    back.code === facts.code &&
    Object.is(shareOf(back.code as StoredCode, row), facts.share) &&
    JSON.stringify(back.params) === JSON.stringify(facts.params) &&
    back.shownKm === facts.shownKm &&
    Boolean(back.viewerIsNational) === Boolean(facts.viewerIsNational);
  return same ? compact : null;
}

/**
 * A reason (with its sentences) as it is stored with its row: its facts read back from the
 * reason (the km a region sentence shows from its English sentence) and stored as
 * `storeExplainedFacts` stores them. The reason itself when the facts do not render its
 * sentences exactly, or no compact form reproduces it.
 */
export function storeReason(reason: Reason, row: StoredReasonRow): StoredReason {
  const facts: ExplainedFacts = { code: reason.code, params: reason.params, share: reason.share };
  if (REGION_CODES_WITH_KM.has(reason.code)) {
    const shown = /(\d+(?:\.\d)?) km/.exec(reason.en);
    if (shown) facts.shownKm = Number(shown[1]);
  }
  if (reason.code === 'national-reach' && reason.params.nationalId === row.partnerId && reason.params.nationalId !== row.candidateId) facts.viewerIsNational = true;
  const compact = exactCompactOf(facts, row);
  if (!compact) return reason;
  // Only a region reason's sentence holds a fact its params do not (the km it shows); the rest are functions of code and params.
  if (facts.shownKm !== undefined || facts.viewerIsNational) {
    const back = factsOf(compact, row);
    if (sentence(back, 'nl') !== reason.nl || sentence(back, 'en') !== reason.en) return reason;
  }
  return compact;
}

const REGION_CODES_WITH_KM = new Set(['nearby', 'regional-reach']);

/** A suggestion's reasons as stored, in their order. */
export function storeReasons(reasons: readonly Reason[], row: StoredReasonRow): StoredReason[] {
  return reasons.map((reason) => storeReason(reason, row));
}
