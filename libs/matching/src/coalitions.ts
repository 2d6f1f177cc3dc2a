import { findGemeente, LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES, taxonomy } from '@app/taxonomy';
import { bitIndex, maskOf, popcount } from './bits';
import { coalitionErvaringReason, coalitionMemberReasons, coalitionNote, coalitionWidenedReason, type WidenCause } from './coalition-reasons';
import { gemeenteDistanceKm } from './components';
import type { Sentence } from './reasons';
import { buildMatchContext, MatchContext, MatchOptions, scorePairReference } from './reference-scorer';
import type { PartnerProfile } from './types';

export const COALITION_MIN_SIZE = 3;
export const COALITION_MAX_SIZE = 6;
export const COALITION_DEFAULT_SIZE = 4;
/** Besides its neighbours, gemeenten whose centroid lies this close count as "near". */
export const COALITION_NEAR_KM = 20;
/** A coalition is a local alliance: national partners may join it, but only this many. */
export const COALITION_MAX_NATIONAL = 1;

export interface CoalitionOptions extends MatchOptions {
  /** Members wanted; at least `COALITION_MIN_SIZE`. Default `COALITION_DEFAULT_SIZE`. */
  size?: number;
  maxDistanceKm?: number;
  maxNational?: number;
}

/** The kennisbron of lived experience (ervaringsdeskundigen) that every coalition looks for. */
export const ERVARINGSKENNIS = 'ervaring';

/** Where a member comes from: the gemeente itself, a neighbour or a gemeente near it, or nationwide. */
export type CoalitionOrigin = 'gemeente' | 'nearby' | 'national';

export interface CoalitionMember {
  partnerId: string;
  /** 1-based: the order in which the greedy step added it. */
  position: number;
  origin: CoalitionOrigin;
  /** Whether it lists kennisbron `ervaring`. */
  bringsErvaringskennis: boolean;
  /** Leefdomeinen no earlier member covered. */
  addedLeefdomeinen: string[];
  /** Its sector when no earlier member had it. */
  addedSector: string | null;
  /** The coalition's shared opgaven it works on (for the first two: the opgaven they share). */
  sharedOpgaven: string[];
  /** Mean pair score with the members before it; the first member's is its score with the second. */
  pairScore: number;
  /** From its nearest gemeente to the coalition's gemeente; null for a national partner. */
  distanceKm: number | null;
  reasons: Sentence[];
}

export interface Coalition {
  gemeente: string;
  requestedSize: number;
  /**
   * Partners taking part in matching: `local` work in the gemeente (local or regional scope),
   * `nearby` only in a neighbour or within the distance, `national` nationwide.
   */
  candidates: { local: number; nearby: number; national: number };
  /** True when the gemeente's own partners (and the national ones) were too few and nearby partners were considered. */
  widened: boolean;
  /** Why nearby partners were considered; null when the gemeente's own were enough. */
  widenedReason: Sentence | null;
  /** Whether a member brings ervaringskennis, how many candidates could, and the sentence saying so. */
  ervaringskennis: { included: boolean; candidates: number; reason: Sentence };
  members: CoalitionMember[];
  covered: { leefdomeinen: string[]; sectors: string[] };
  uncovered: { leefdomeinen: string[]; sectors: string[] };
  /** Opgaven at least two members work on. */
  sharedOpgaven: string[];
  /** (coverage + cohesion) / 2; 0 for an empty coalition. */
  score: number;
  /** (covered leefdomeinen / 8 + distinct sectors / members) / 2. */
  coverage: number;
  /** Mean pair score over all pairs of members. */
  cohesion: number;
  /** Why the coalition is empty or smaller than requested; null otherwise. */
  note: Sentence | null;
}

/** The gemeente, its neighbours and every gemeente whose centroid lies within `maxKm`. */
export function coalitionArea(gemeente: string, maxKm = COALITION_NEAR_KM): string[] {
  const centre = findGemeente(gemeente);
  if (!centre) throw new Error(`Unknown gemeente ${gemeente}`);
  const near = new Set([gemeente, ...centre.neighbours]);
  for (const other of taxonomy.gemeenten) {
    if ((gemeenteDistanceKm(gemeente, other.code) ?? Infinity) <= maxKm) near.add(other.code);
  }
  return [...near].sort();
}

interface Candidate {
  /** Position in the id-sorted candidate list: the tie-break and the pair-score cache key. */
  index: number;
  profile: PartnerProfile;
  domains: number;
  sector: number;
  opgaven: number;
  national: boolean;
  /** National, or lists the gemeente itself: considered before nearby partners. */
  own: boolean;
  ervaring: boolean;
  nearest: { gemeente: string; km: number } | null;
}

const DOMAIN_BITS = bitIndex(LEEFDOMEIN_CODES);
const OPGAVE_BITS = bitIndex(OPGAVE_CODES);
const SECTOR_BITS = bitIndex(SECTOR_CODES);
const codesIn = (universe: readonly string[], mask: number) => universe.filter((_, index) => mask & (1 << index));

function nearestTo(gemeente: string, profile: PartnerProfile): Candidate['nearest'] {
  let best: Candidate['nearest'] = null;
  for (const code of profile.gemeenten) {
    const km = gemeenteDistanceKm(code, gemeente);
    if (km !== undefined && (best === null || km < best.km)) best = { gemeente: code, km };
  }
  return best;
}

function candidatesFor(gemeente: string, partners: readonly PartnerProfile[], maxKm: number): Candidate[] {
  const area = new Set(coalitionArea(gemeente, maxKm));
  const unique = new Map<string, PartnerProfile>();
  for (const profile of partners) {
    if (profile.matchingOptOut || unique.has(profile.id)) continue;
    if (profile.scope === 'national' || profile.gemeenten.some((code) => area.has(code))) unique.set(profile.id, profile);
  }
  return [...unique.values()]
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((profile, index) => {
      const national = profile.scope === 'national';
      return {
        index,
        profile,
        domains: maskOf(profile.leefdomeinen, DOMAIN_BITS),
        sector: maskOf([profile.sector], SECTOR_BITS),
        opgaven: maskOf(profile.opgaven, OPGAVE_BITS),
        national,
        own: national || profile.gemeenten.includes(gemeente),
        ervaring: profile.kennisbronnen?.includes(ERVARINGSKENNIS) ?? false,
        nearest: national ? null : nearestTo(gemeente, profile),
      };
    });
}

interface Scored {
  value: number;
  weight: number;
}

/** Higher value, then higher weight, then the earlier candidate(s): the same winner in any evaluation order. */
function beats(x: Scored, xKeys: readonly number[], y: Scored | undefined, yKeys: readonly number[]): boolean {
  if (!y) return true;
  if (x.value !== y.value) return x.value > y.value;
  if (x.weight !== y.weight) return x.weight > y.weight;
  for (let k = 0; k < xKeys.length; k++) if (xKeys[k] !== yKeys[k]) return xKeys[k] < yKeys[k];
  return false;
}

/**
 * The starting pair, among local and regional candidates sharing an opgave: the highest
 * coverage (leefdomeinen + sectors together) × (1 + weight), weight = ½·Tanimoto of their
 * opgaven + ½·pair score. A pair score is at most 1, which bounds a pair's value before it is
 * scored: the pair with the best bound is scored first, and only pairs whose bound reaches its
 * value are scored after it, best bound first, until no bound can beat the best value.
 */
function startingPair(locals: readonly Candidate[], score: (a: Candidate, b: Candidate) => number): [Candidate, Candidate] | undefined {
  const n = locals.length;
  const coverOf = (a: Candidate, b: Candidate) => popcount(a.domains | b.domains) + (a.sector === b.sector ? 1 : 2);
  const tanimotoOf = (a: Candidate, b: Candidate) => popcount(a.opgaven & b.opgaven) / popcount(a.opgaven | b.opgaven);
  // 0 for pairs without a shared opgave: they cannot start a coalition.
  const boundOf = (a: Candidate, b: Candidate) => (a.opgaven & b.opgaven ? coverOf(a, b) * (1 + (tanimotoOf(a, b) + 1) / 2) : 0);
  const valueOf = (i: number, j: number) => {
    const [a, b] = [locals[i], locals[j]];
    const weight = (tanimotoOf(a, b) + score(a, b)) / 2;
    return { i, j, value: coverOf(a, b) * (1 + weight), weight };
  };
  let probe = -1;
  let probeBound = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const bound = boundOf(locals[i], locals[j]);
      if (bound > probeBound) {
        probe = i * n + j;
        probeBound = bound;
      }
    }
  }
  if (probe < 0) return undefined;
  let best = valueOf(Math.floor(probe / n), probe % n);
  const open: number[] = [];
  const bounds = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const bound = boundOf(locals[i], locals[j]);
      if (bound >= best.value && i * n + j !== probe) {
        open.push(i * n + j);
        bounds.set(i * n + j, bound);
      }
    }
  }
  open.sort((x, y) => bounds.get(y)! - bounds.get(x)!);
  for (const key of open) {
    if (bounds.get(key)! < best.value) break;
    const pair = valueOf(Math.floor(key / n), key % n);
    if (beats(pair, [locals[pair.i].index, locals[pair.j].index], best, [locals[best.i].index, locals[best.j].index])) best = pair;
  }
  const [a, b] = [locals[best.i], locals[best.j]];
  // The one covering more leefdomeinen first.
  return popcount(a.domains) >= popcount(b.domains) ? [a, b] : [b, a];
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * Proposes a coalition of partners for one gemeente. Candidates are the partners taking part in
 * matching that list the gemeente, and the national partners; only when those cannot start a
 * coalition or fill it to `size` are partners working in a neighbour or within `maxDistanceKm`
 * considered as well (`widened`, with the reason). A coalition starts with two local or regional
 * partners and takes at most `maxNational` national ones, since it is meant as a local alliance.
 *
 * Greedy set cover: start from the best local pair sharing an opgave (see `startingPair`), then
 * repeatedly add the candidate with the largest gain = (new leefdomeinen + new sector) ×
 * (1 + weight), weight = ½·(share of the coalition's shared opgaven it works on) + ½·(mean pair
 * score with the members). A candidate must work on at least one shared opgave; ties (also
 * when nobody adds anything new) go to the higher weight, then the smaller id.
 *
 * Ervaringskennis: while no member brings it (kennisbron `ervaring`) and a candidate in the
 * pool does, the last free place is kept for such a candidate (then any opgave of a member
 * counts as shared, and none is required), and a national partner without it does not take the
 * last national place when only national candidates bring it. So a coalition includes one
 * whenever the gemeente, the national partners or (once widened) the nearby ones have one.
 *
 * Pairs that already collaborate are allowed (an existing tie helps a local alliance) and the
 * team's rejected pairs are not consulted: a coalition is a proposal for a group, not a pair
 * suggestion. Pair scores come from `scorePairReference` with the profile in `options`.
 */
export function proposeCoalition(gemeente: string, partners: readonly PartnerProfile[], options: CoalitionOptions = {}): Coalition {
  const requestedSize = options.size ?? COALITION_DEFAULT_SIZE;
  if (!Number.isInteger(requestedSize) || requestedSize < COALITION_MIN_SIZE) {
    throw new Error(`A coalition size must be an integer ≥ ${COALITION_MIN_SIZE}, not ${requestedSize}`);
  }
  const maxNational = options.maxNational ?? COALITION_MAX_NATIONAL;
  const context: MatchContext = buildMatchContext(options);
  const candidates = candidatesFor(gemeente, partners, options.maxDistanceKm ?? COALITION_NEAR_KM);
  const ownLocals = candidates.filter((candidate) => candidate.own && !candidate.national);
  const allLocals = candidates.filter((candidate) => !candidate.national);
  const counts = { local: ownLocals.length, nearby: allLocals.length - ownLocals.length, national: candidates.length - allLocals.length };
  const pairScores = new Map<number, number>();
  const score = (a: Candidate, b: Candidate) => {
    const key = a.index < b.index ? a.index * candidates.length + b.index : b.index * candidates.length + a.index;
    let value = pairScores.get(key);
    if (value === undefined) pairScores.set(key, (value = scorePairReference(a.profile, b.profile, context).score));
    return value;
  };

  let widened: WidenCause | null = null;
  let start = startingPair(ownLocals, score);
  if (!start) {
    widened = 'start';
    start = startingPair(allLocals, score);
  }
  const inPool = (candidate: Candidate) => widened !== null || candidate.own;
  const ervaringIn = () => candidates.filter((candidate) => candidate.ervaring && inPool(candidate) && (!candidate.national || maxNational > 0)).length;
  const finish = (members: CoalitionMember[], extra: Omit<Coalition, 'gemeente' | 'requestedSize' | 'candidates' | 'widened' | 'widenedReason' | 'ervaringskennis' | 'members' | 'note'>): Coalition => {
    const available = ervaringIn();
    const included = members.some((member) => member.bringsErvaringskennis);
    return {
      gemeente,
      requestedSize,
      candidates: counts,
      widened: widened !== null,
      widenedReason: widened ? coalitionWidenedReason(gemeente, widened, requestedSize, counts.local) : null,
      ervaringskennis: { included, candidates: available, reason: coalitionErvaringReason(gemeente, included, available, widened !== null) },
      members,
      ...extra,
      note: coalitionNote(gemeente, requestedSize, members.length, widened ? { local: counts.local + counts.nearby, national: counts.national } : counts, maxNational),
    };
  };
  if (!start) {
    return finish([], {
      covered: { leefdomeinen: [], sectors: [] },
      uncovered: { leefdomeinen: [...LEEFDOMEIN_CODES], sectors: [...SECTOR_CODES] },
      sharedOpgaven: [],
      score: 0,
      coverage: 0,
      cohesion: 0,
    });
  }

  const chosen: Candidate[] = [];
  const inCoalition = new Uint8Array(candidates.length);
  const members: CoalitionMember[] = [];
  let domains = 0;
  let sectors = 0;
  let once = 0;
  let focus = 0;
  let nationals = 0;
  let hasErvaring = false;
  const add = (candidate: Candidate, sharedOpgaven: number, pairScore: number) => {
    const member = {
      partnerId: candidate.profile.id,
      position: chosen.length + 1,
      origin: (candidate.national ? 'national' : candidate.own ? 'gemeente' : 'nearby') as CoalitionOrigin,
      bringsErvaringskennis: candidate.ervaring,
      addedLeefdomeinen: codesIn(LEEFDOMEIN_CODES, candidate.domains & ~domains),
      addedSector: candidate.sector & ~sectors ? candidate.profile.sector : null,
      sharedOpgaven: codesIn(OPGAVE_CODES, sharedOpgaven),
      pairScore: round(pairScore),
      distanceKm: candidate.nearest ? Math.round(candidate.nearest.km * 10) / 10 : null,
    };
    members.push({ ...member, reasons: coalitionMemberReasons(gemeente, member, candidate) });
    chosen.push(candidate);
    inCoalition[candidate.index] = 1;
    domains |= candidate.domains;
    sectors |= candidate.sector;
    focus |= once & candidate.opgaven;
    once |= candidate.opgaven;
    if (candidate.national) nationals++;
    if (candidate.ervaring) hasErvaring = true;
  };
  const [first, second] = start;
  add(first, first.opgaven & second.opgaven, score(first, second));
  add(second, first.opgaven & second.opgaven, score(first, second));

  type Pick = Scored & { candidate: Candidate; shared: number; pair: number };
  const open = (candidate: Candidate) => inPool(candidate) && !inCoalition[candidate.index] && (!candidate.national || nationals < maxNational);
  const gainOf = (candidate: Candidate) => popcount(candidate.domains & ~domains) + (candidate.sector & ~sectors ? 1 : 0);
  const meanPair = (candidate: Candidate) => chosen.reduce((sum, member) => sum + score(candidate, member), 0) / chosen.length;

  /** The best candidate sharing a focus opgave; `allowed` narrows the candidates. */
  const bestSharing = (allowed: (candidate: Candidate) => boolean): Pick | undefined => {
    // Gain and opgave fit are cheap, pair scores are not; a pair score is at most 1, which bounds
    // value and weight: score candidates best bound first and stop once none can win.
    const ranked: { candidate: Candidate; shared: number; fit: number; gain: number; bound: number; boundWeight: number }[] = [];
    for (const candidate of candidates) {
      const shared = candidate.opgaven & focus;
      if (!shared || !open(candidate) || !allowed(candidate)) continue;
      const gain = gainOf(candidate);
      const fit = popcount(shared) / popcount(focus);
      const boundWeight = (fit + 1) / 2;
      ranked.push({ candidate, shared, gain, fit, bound: gain * (1 + boundWeight), boundWeight });
    }
    ranked.sort((x, y) => y.bound - x.bound || y.boundWeight - x.boundWeight);
    let best: Pick | undefined;
    for (const { candidate, shared, gain, fit, bound, boundWeight } of ranked) {
      if (best && (bound < best.value || (bound === best.value && boundWeight < best.weight))) break;
      const pair = meanPair(candidate);
      const weight = (fit + pair) / 2;
      const next = { candidate, value: gain * (1 + weight), weight, shared, pair };
      if (beats(next, [candidate.index], best, best ? [best.candidate.index] : [])) best = next;
    }
    return best;
  };

  /** The best candidate bringing ervaringskennis: a shared focus opgave first, then any opgave of a member, then none. */
  const bestErvaring = (): Pick | undefined => {
    let best: (Pick & { tier: number }) | undefined;
    for (const candidate of candidates) {
      if (!candidate.ervaring || !open(candidate)) continue;
      const inFocus = candidate.opgaven & focus;
      const shared = inFocus || candidate.opgaven & once;
      const tier = inFocus ? 2 : shared ? 1 : 0;
      const fit = inFocus ? popcount(inFocus) / popcount(focus) : 0;
      const pair = meanPair(candidate);
      const weight = (fit + pair) / 2;
      const next = { candidate, value: gainOf(candidate) * (1 + weight), weight, shared, pair, tier };
      if (!best || tier > best.tier || (tier === best.tier && beats(next, [candidate.index], best, [best.candidate.index]))) best = next;
    }
    return best;
  };

  while (chosen.length < requestedSize) {
    const ervaringOpen = hasErvaring ? [] : candidates.filter((candidate) => candidate.ervaring && open(candidate));
    let best: Pick | undefined;
    if (ervaringOpen.length > 0 && chosen.length === requestedSize - 1) {
      best = bestErvaring();
    } else {
      // Keep the last national place for an ervaringskennis partner when only national ones bring it.
      const keepNationalPlace = ervaringOpen.length > 0 && ervaringOpen.every((candidate) => candidate.national) && nationals + 1 >= maxNational;
      best = bestSharing((candidate) => !(keepNationalPlace && candidate.national && !candidate.ervaring));
      if (!best && widened === null) {
        widened = 'fill';
        continue;
      }
      if (!best && ervaringOpen.length > 0) best = bestErvaring();
    }
    if (!best) break;
    add(best.candidate, best.shared, best.pair);
  }

  let pairTotal = 0;
  for (let i = 0; i < chosen.length; i++) for (let j = i + 1; j < chosen.length; j++) pairTotal += score(chosen[i], chosen[j]);
  const cohesion = pairTotal / ((chosen.length * (chosen.length - 1)) / 2);
  const coverage = (popcount(domains) / LEEFDOMEIN_CODES.length + popcount(sectors) / chosen.length) / 2;
  return finish(members, {
    covered: { leefdomeinen: codesIn(LEEFDOMEIN_CODES, domains), sectors: codesIn(SECTOR_CODES, sectors) },
    uncovered: { leefdomeinen: codesIn(LEEFDOMEIN_CODES, ~domains), sectors: codesIn(SECTOR_CODES, ~sectors) },
    sharedOpgaven: codesIn(OPGAVE_CODES, focus),
    score: round((coverage + cohesion) / 2),
    coverage: round(coverage),
    cohesion: round(cohesion),
  });
}
