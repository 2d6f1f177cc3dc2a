import { KENNISBRON_CODES, labelOf, LEEFDOMEIN_CODES, OPGAVE_CODES, taxonomy, VERANDERTHEORIE_CODES, verandertheorie, type Term } from '@app/taxonomy';
import { joinList, type Lang } from './reasons';
import { compareRanked, pairKey, setTanimoto } from './reference-scorer';
import type { Connection, PartnerProfile, Reason } from './types';

/**
 * The second purpose, `kennisdelen` (knowledge exchange, the alliance's "landelijk delen"):
 * partners that can learn from each other, however far apart. Full runs and repairs store
 * these lists beside the samenwerken ones (kennisdelen-ranking.ts ranks them at scale).
 *
 * - Distance does not count: there is no region component.
 * - Same-sector pairs are welcome: peers doing the same opgave elsewhere score highest on `peers`.
 * - Shared opgaven and leefdomeinen weigh most (Tanimoto of each; a pair sharing neither is
 *   never suggested, whatever else it has: there would be nothing to learn about together).
 * - Complementary kennisbronnen: the share of the three kennisbronnen one of them brings and
 *   the other does not (praktijk with wetenschap, or one bringing ervaring), when both state theirs.
 * - Verandertheorie: Tanimoto of the levels (verzachten, versterken, veranderen) where both state them.
 */
export const KENNISDELEN_COMPONENTS = ['opgaven', 'leefdomeinen', 'kennisbronnen', 'verandertheorie', 'peers'] as const;
export type KennisdelenComponent = (typeof KENNISDELEN_COMPONENTS)[number];
export type KennisdelenScores = Record<KennisdelenComponent, number>;

export interface KennisdelenProfile {
  version: number;
  purpose: 'kennisdelen';
  /** Relative weights (≥ 0, not all 0); the score is Σ wᵢ·cᵢ / Σ wᵢ. */
  weights: Record<KennisdelenComponent, number>;
  /** `peers` of two partners of different sectors, in [0, 1] (same sector: 1). */
  crossSectorPeers: number;
  /** Length of each partner's list. */
  k: number;
}

/** Version 1 of the kennisdelen profile: what a pair shares weighs most, then what they bring each other. */
export const DEFAULT_KENNISDELEN_PROFILE: KennisdelenProfile = {
  version: 1,
  purpose: 'kennisdelen',
  weights: { opgaven: 0.35, leefdomeinen: 0.25, kennisbronnen: 0.2, verandertheorie: 0.1, peers: 0.1 },
  crossSectorPeers: 0.5,
  k: 10,
};

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Problems with a kennisdelen profile, each naming the field; `[]` when it is valid. */
export function validateKennisdelenProfile(p: unknown): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return [{ field: '', message: 'must be an object' }];
  const profile = p as Record<string, unknown>;
  if (!Number.isInteger(profile.version) || (profile.version as number) < 1) fail('version', 'must be a positive integer');
  if (profile.purpose !== 'kennisdelen') fail('purpose', 'must be kennisdelen');
  const weights = profile.weights as Record<string, unknown> | undefined;
  if (typeof weights !== 'object' || weights === null) {
    fail('weights', 'must be an object with a weight per component');
  } else {
    for (const name of KENNISDELEN_COMPONENTS) if (!isNumber(weights[name]) || (weights[name] as number) < 0) fail(`weights.${name}`, 'must be a number ≥ 0');
    for (const key of Object.keys(weights)) {
      if (!(KENNISDELEN_COMPONENTS as readonly string[]).includes(key)) fail(`weights.${key}`, `is not a component (use ${KENNISDELEN_COMPONENTS.join(', ')})`);
    }
    if (KENNISDELEN_COMPONENTS.every((name) => weights[name] === 0)) fail('weights', 'must not all be 0');
  }
  if (!isNumber(profile.crossSectorPeers) || profile.crossSectorPeers < 0 || profile.crossSectorPeers > 1) fail('crossSectorPeers', 'must be a number between 0 and 1');
  if (!Number.isInteger(profile.k) || (profile.k as number) < 1 || (profile.k as number) > 200) fail('k', 'must be an integer from 1 to 200');
  return errors;
}

const known = (codes: readonly string[], universe: readonly string[]) => [...new Set(codes)].filter((code) => universe.includes(code));
const both = (a: readonly string[], b: readonly string[], universe: readonly string[]) => universe.filter((code) => a.includes(code) && b.includes(code));

/** The kennisbronnen one side brings and the other does not, in taxonomy order. */
function complementary(a: PartnerProfile, b: PartnerProfile): { mine: string[]; theirs: string[] } {
  const ka = known(a.kennisbronnen ?? [], KENNISBRON_CODES);
  const kb = known(b.kennisbronnen ?? [], KENNISBRON_CODES);
  if (ka.length === 0 || kb.length === 0) return { mine: [], theirs: [] };
  return { mine: KENNISBRON_CODES.filter((c) => ka.includes(c) && !kb.includes(c)), theirs: KENNISBRON_CODES.filter((c) => kb.includes(c) && !ka.includes(c)) };
}

/** The components that say what a pair brings each other (all but the shared opgaven and leefdomeinen). */
export function kennisdelenExchangeComponents(
  a: PartnerProfile,
  b: PartnerProfile,
  profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE,
): Pick<KennisdelenScores, 'kennisbronnen' | 'verandertheorie' | 'peers'> {
  const { mine, theirs } = complementary(a, b);
  const va = known(a.verandertheorie ?? [], VERANDERTHEORIE_CODES);
  const vb = known(b.verandertheorie ?? [], VERANDERTHEORIE_CODES);
  return {
    kennisbronnen: (mine.length + theirs.length) / KENNISBRON_CODES.length,
    verandertheorie: va.length === 0 || vb.length === 0 ? 0 : setTanimoto(VERANDERTHEORIE_CODES, va, vb),
    peers: a.sector === b.sector ? 1 : profile.crossSectorPeers,
  };
}

/** The components of a pair; symmetric. */
export function kennisdelenComponents(a: PartnerProfile, b: PartnerProfile, profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE): KennisdelenScores {
  return {
    opgaven: setTanimoto(OPGAVE_CODES, a.opgaven, b.opgaven),
    leefdomeinen: setTanimoto(LEEFDOMEIN_CODES, a.leefdomeinen, b.leefdomeinen),
    ...kennisdelenExchangeComponents(a, b, profile),
  };
}

/** Whether a pair can be suggested for kennisdelen: two partners taking part, not connected, sharing an opgave or a leefdomein. */
export function kennisdelenEligible(a: PartnerProfile, b: PartnerProfile, connected: ReadonlySet<string> = new Set()): boolean {
  if (a.id === b.id || a.matchingOptOut || b.matchingOptOut || connected.has(pairKey(a.id, b.id))) return false;
  return both(a.opgaven, b.opgaven, OPGAVE_CODES).length > 0 || both(a.leefdomeinen, b.leefdomeinen, LEEFDOMEIN_CODES).length > 0;
}

function weightSum(profile: KennisdelenProfile): number {
  let sum = 0;
  for (const name of KENNISDELEN_COMPONENTS) sum += profile.weights[name];
  return sum;
}

export interface KennisdelenSuggestion {
  candidateId: string;
  rank: number;
  score: number;
  components: KennisdelenScores;
  reasons: Reason[];
}

const label = (list: readonly Term[], codes: readonly string[], lang: Lang) => joinList(codes.map((code) => labelOf(list, code, lang)), lang);
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A kennisdelen reason before it is put in words: its code and the facts its sentences name. */
export interface KennisdelenFacts {
  code: KennisdelenReasonCode;
  params: Record<string, string[] | string>;
}
export const KENNISDELEN_REASON_CODES = [
  'shared-opgaven',
  'shared-leefdomeinen',
  'complementary-kennisbronnen',
  'shared-verandertheorie',
  'same-sector-peers',
  'other-sector-view',
] as const;
export type KennisdelenReasonCode = (typeof KENNISDELEN_REASON_CODES)[number];

/** The component whose share each reason code explains. */
export const KENNISDELEN_COMPONENT_OF: Record<KennisdelenReasonCode, KennisdelenComponent> = {
  'shared-opgaven': 'opgaven',
  'shared-leefdomeinen': 'leefdomeinen',
  'complementary-kennisbronnen': 'kennisbronnen',
  'shared-verandertheorie': 'verandertheorie',
  'same-sector-peers': 'peers',
  'other-sector-view': 'peers',
};

function factsOf(name: KennisdelenComponent, viewer: PartnerProfile, candidate: PartnerProfile): KennisdelenFacts {
  switch (name) {
    case 'opgaven':
      return { code: 'shared-opgaven', params: { opgaven: both(viewer.opgaven, candidate.opgaven, OPGAVE_CODES) } };
    case 'leefdomeinen':
      return { code: 'shared-leefdomeinen', params: { leefdomeinen: both(viewer.leefdomeinen, candidate.leefdomeinen, LEEFDOMEIN_CODES) } };
    case 'kennisbronnen': {
      const { mine, theirs } = complementary(viewer, candidate);
      return { code: 'complementary-kennisbronnen', params: { yours: mine, theirs } };
    }
    case 'verandertheorie':
      return { code: 'shared-verandertheorie', params: { levels: both(viewer.verandertheorie ?? [], candidate.verandertheorie ?? [], VERANDERTHEORIE_CODES) } };
    case 'peers':
      return viewer.sector === candidate.sector
        ? { code: 'same-sector-peers', params: { sector: viewer.sector } }
        : { code: 'other-sector-view', params: { sectors: [viewer.sector, candidate.sector] } };
  }
}

/** A kennisdelen reason's sentence, from the viewer's side. */
export function kennisdelenSentence({ code, params }: KennisdelenFacts, lang: Lang): string {
  const nl = lang === 'nl';
  switch (code) {
    case 'shared-opgaven': {
      const opgaven = label(taxonomy.opgaven, params.opgaven as string[], lang);
      return nl ? `Jullie werken allebei aan ${opgaven}: jullie kunnen van elkaars aanpak leren` : `You both work on ${opgaven}: you can learn from each other's approach`;
    }
    case 'shared-leefdomeinen': {
      const leefdomeinen = label(taxonomy.leefdomeinen, params.leefdomeinen as string[], lang);
      return nl ? `Jullie richten je allebei op ${leefdomeinen}` : `You both focus on ${leefdomeinen}`;
    }
    case 'complementary-kennisbronnen': {
      // Each label lowered, not only the list's first: "jullie praktijkkennis en hun ervaringskennis".
      const side = (codes: string[], who: string) => (codes.length ? `${who} ${joinList(codes.map((code) => lower(labelOf(taxonomy.kennisbronnen, code, lang))), lang)}` : '');
      const yours = params.yours as string[];
      const theirs = params.theirs as string[];
      return nl
        ? `Jullie brengen verschillende kennis mee: ${[side(yours, 'jullie'), side(theirs, 'hun')].filter(Boolean).join(' en ')}`
        : `You bring different knowledge: ${[side(yours, 'your'), side(theirs, 'their')].filter(Boolean).join(' and ')}`;
    }
    case 'shared-verandertheorie': {
      const levels = joinList((params.levels as string[]).map((code) => lower(labelOf(verandertheorie, code, lang))), lang);
      return nl ? `Jullie werken allebei aan ${levels} uit de verandertheorie` : `You both work on ${levels} in the theory of change`;
    }
    case 'same-sector-peers': {
      const sector = labelOf(taxonomy.sectors, params.sector as string, lang);
      return nl ? `Vakgenoten (${sector}): hetzelfde werk op een andere plek` : `Peers (${sector}): the same work in another place`;
    }
    case 'other-sector-view': {
      const sector = labelOf(taxonomy.sectors, (params.sectors as string[])[1], lang);
      return nl ? `Een blik van buiten: ${sector} kijkt anders naar dezelfde opgave` : `A view from outside: ${sector} looks at the same task differently`;
    }
  }
}

/**
 * A pair's kennisdelen score, components and reasons from the viewer's side, best first; a
 * reason's share is wᵢ·cᵢ / Σw, so the shares sum to the score.
 */
export function explainKennisdelen(
  viewer: PartnerProfile,
  candidate: PartnerProfile,
  profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE,
): { score: number; components: KennisdelenScores; reasons: Reason[] } {
  const components = kennisdelenComponents(viewer, candidate, profile);
  return { score: weightedScore(components, profile), components, reasons: kennisdelenReasons(viewer, candidate, components, profile) };
}

function weightedScore(components: KennisdelenScores, profile: KennisdelenProfile): number {
  let score = 0;
  for (const name of KENNISDELEN_COMPONENTS) score += profile.weights[name] * components[name];
  return score / weightSum(profile);
}

/** A pair's kennisdelen score (symmetric), exactly as `explainKennisdelen` computes it, without the reasons. */
export function kennisdelenScore(a: PartnerProfile, b: PartnerProfile, profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE): number {
  return weightedScore(kennisdelenComponents(a, b, profile), profile);
}

/** The reasons of a pair whose components are known (a ranked list's entry), best first. */
export function kennisdelenReasons(viewer: PartnerProfile, candidate: PartnerProfile, components: KennisdelenScores, profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE): Reason[] {
  return kennisdelenReasonFacts(viewer, candidate, components, profile).map(withKennisdelenSentences);
}

/** A kennisdelen reason as facts and its share, before its sentences are rendered. */
export type ExplainedKennisdelenFacts = KennisdelenFacts & { share: number };

/** `kennisdelenReasons` without the sentences: what a full run stores (`storeKennisdelenFacts`). */
export function kennisdelenReasonFacts(
  viewer: PartnerProfile,
  candidate: PartnerProfile,
  components: KennisdelenScores,
  profile: KennisdelenProfile = DEFAULT_KENNISDELEN_PROFILE,
): ExplainedKennisdelenFacts[] {
  const total = weightSum(profile);
  return KENNISDELEN_COMPONENTS.map((name) => ({ name, share: (profile.weights[name] * components[name]) / total }))
    .filter(({ share }) => share > 0)
    .sort((x, y) => y.share - x.share)
    .map(({ name, share }) => ({ ...factsOf(name, viewer, candidate), share }));
}

/** Explained kennisdelen facts as a reason: code, params, both sentences and the share. */
export function withKennisdelenSentences(facts: ExplainedKennisdelenFacts): Reason {
  return { code: facts.code, params: facts.params, nl: kennisdelenSentence(facts, 'nl'), en: kennisdelenSentence(facts, 'en'), share: facts.share };
}

/**
 * A partner's kennisdelen list: every eligible partner scored, best first (equal scores by id),
 * the first `profile.k`, explained. Straightforward O(n) per partner; what a kernel would be checked against.
 */
export function rankKennisdelen(
  target: PartnerProfile,
  profiles: readonly PartnerProfile[],
  options: { profile?: KennisdelenProfile; connections?: readonly Connection[]; excludedPairs?: readonly Connection[] } = {},
): KennisdelenSuggestion[] {
  const profile = options.profile ?? DEFAULT_KENNISDELEN_PROFILE;
  const errors = validateKennisdelenProfile(profile);
  if (errors.length > 0) throw new Error(`Invalid kennisdelen profile: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  if (target.matchingOptOut) return [];
  const connected = new Set([...(options.connections ?? []), ...(options.excludedPairs ?? [])].map(({ a, b }) => pairKey(a, b)));
  const scored = profiles
    .filter((candidate) => kennisdelenEligible(target, candidate, connected))
    .map((candidate) => ({ candidate, ...explainKennisdelen(target, candidate, profile) }));
  scored.sort((x, y) => compareRanked({ candidateId: x.candidate.id, score: x.score }, { candidateId: y.candidate.id, score: y.score }));
  return scored.slice(0, profile.k).map(({ candidate, score, components, reasons }, index) => ({ candidateId: candidate.id, rank: index + 1, score, components, reasons }));
}
