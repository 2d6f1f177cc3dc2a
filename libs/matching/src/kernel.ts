import { GEMEENTE_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { bitIndex, maskOf } from './bits';
import { distanceDecay, gemeenteDistanceKm, resolveSettings } from './components';
import {
  allocate,
  allocateOutput,
  buildCandidateIndex,
  CandidateIndex,
  candidateBucket,
  candidateOrder,
  KernelParams,
  PackedProfiles,
  RowJob,
  RowOutput,
  RowRanker,
  SCOPE_LOCAL,
  SCOPE_NATIONAL,
  SCOPE_REGIONAL,
} from './kernel-core';
import { defaultThreads, runKernelThreads } from './kernel-threads';
import { MatchingProfile, poolDepth, weightSum } from './matching-profile';
import { buildMatchContext, MatchContext, MatchOptions } from './reference-scorer';
import { COMPONENT_NAMES, PartnerProfile, RankedCandidate } from './types';

const OPGAVE_BIT = bitIndex(OPGAVE_CODES);
const LEEFDOMEIN_BIT = bitIndex(LEEFDOMEIN_CODES);
const SECTOR_INDEX = new Map(SECTOR_CODES.map((code, index) => [code, index]));
const GEMEENTE_INDEX = new Map(GEMEENTE_CODES.map((code, index) => [code, index]));
const SCOPE_CODE = { local: SCOPE_LOCAL, regional: SCOPE_REGIONAL, national: SCOPE_NATIONAL } as const;

// Opgaven classes are sorted by a packed 12-bit key and leefdomeinen bounds use a 2^L table.
if (OPGAVE_CODES.length > 12 || LEEFDOMEIN_CODES.length > 10) {
  throw new Error('The kernel supports at most 12 opgaven and 10 leefdomeinen');
}

const decayTables = new Map<number, { decay: Float64Array; visitOrder: Int16Array }>();

/** 2^(−d/h) between all gemeente centroids and each gemeente's nearest-first order, computed once per half-distance. */
function decayTable(halfDistanceKm: number): { decay: Float64Array; visitOrder: Int16Array } {
  let table = decayTables.get(halfDistanceKm);
  if (table) return table;
  const G = GEMEENTE_CODES.length;
  const decay = new Float64Array(G * G);
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      decay[a * G + b] = distanceDecay(gemeenteDistanceKm(GEMEENTE_CODES[a], GEMEENTE_CODES[b])!, halfDistanceKm);
    }
  }
  const visitOrder = new Int16Array(G * G);
  const order = Array.from({ length: G }, (_, g) => g);
  for (let g = 0; g < G; g++) {
    order.sort((x, y) => decay[g * G + y] - decay[g * G + x] || x - y);
    visitOrder.set(order, g * G);
  }
  table = { decay, visitOrder };
  decayTables.set(halfDistanceKm, table);
  return table;
}

/** The matching profile as the numbers the kernel reads. */
export function kernelParams(profile: MatchingProfile): KernelParams {
  const settings = resolveSettings(profile);
  const stride = SECTOR_CODES.length + 1;
  const affinity = new Float64Array(stride * stride);
  SECTOR_CODES.forEach((a, x) => SECTOR_CODES.forEach((b, y) => (affinity[x * stride + y] = profile.sectorAffinity[a][b])));
  return {
    weights: Float64Array.from(COMPONENT_NAMES.map((name) => profile.weights[name])),
    weightSum: weightSum(profile),
    nationalReach: settings.nationalReach,
    regionalReach: settings.regionalReach,
    leefdomeinenCoverage: settings.leefdomeinenCoverage,
    leefdomeinCount: LEEFDOMEIN_CODES.length,
    affinity,
    sectorStride: stride,
    gemeenteCount: GEMEENTE_CODES.length,
    ...decayTable(settings.halfDistanceKm),
  };
}

/**
 * Profiles packed for the kernel, with the bookkeeping to rewrite one slot in place
 * (used by `MatchIndex`). Slot order is input order.
 */
export class PackedStore {
  readonly packed: PackedProfiles;
  readonly ids: string[] = [];
  readonly slotOf = new Map<string, number>();
  private readonly tagBit = new Map<string, number>();
  private readonly opgClassOf = new Map<number, number>();
  private readonly leefClassOf = new Map<number, number>();
  /** Ids in ascending order; idRank[slot] is the position of the slot's id here. */
  private sortedIds: string[] = [];
  private gemUsed = 0;

  private constructor(packed: PackedProfiles) {
    this.packed = packed;
  }

  /**
   * Packs profiles with room for `capacity` slots, `tagWords` 32-bit words of tags and
   * `gemeenteRoom` gemeente entries; exclusions and connections refer to ids.
   */
  static create(
    profiles: readonly PartnerProfile[],
    context: MatchContext,
    options: { shared?: boolean; capacity?: number; tagWords?: number; gemeenteRoom?: number } = {},
  ): PackedStore {
    const shared = options.shared ?? false;
    // Partners that appear only in connections or exclusions still count as graph nodes
    // (common neighbours), so they get an inactive slot: never a candidate, no list.
    const known = new Set(profiles.map((profile) => profile.id));
    const graphIds = new Set([...context.neighbours.keys(), ...[...context.excluded].flatMap((key) => key.split('\u0000'))]);
    const graphOnly = [...graphIds].filter((id) => !known.has(id)).sort().map(placeholderProfile);
    const n = profiles.length + graphOnly.length;
    const capacity = Math.max(n, options.capacity ?? n);
    const tags = new Set<string>();
    let gemeenten = 0;
    for (const profile of profiles) {
      for (const tag of profile.offers) tags.add(tag);
      for (const tag of profile.needs) tags.add(tag);
      gemeenten += profile.gemeenten.length;
    }
    const words = Math.max(options.tagWords ?? 1, Math.ceil(tags.size / 32), 1);
    const gemeenteRoom = Math.max(gemeenten, options.gemeenteRoom ?? gemeenten);
    const packed: PackedProfiles = {
      n: 0,
      capacity,
      words,
      sector: allocate(Uint8Array, capacity, shared),
      scope: allocate(Uint8Array, capacity, shared),
      inactive: allocate(Uint8Array, capacity, shared),
      idRank: allocate(Int32Array, capacity, shared),
      opgClass: allocate(Int32Array, capacity, shared),
      leefClass: allocate(Int32Array, capacity, shared),
      opgMasks: allocate(Uint32Array, Math.min(1 << OPGAVE_CODES.length, Math.max(capacity, 1)), shared),
      leefMasks: allocate(Uint32Array, Math.min(1 << LEEFDOMEIN_CODES.length, Math.max(capacity, 1)), shared),
      opgClassCount: 0,
      leefClassCount: 0,
      gemStart: allocate(Int32Array, capacity, shared),
      gemEnd: allocate(Int32Array, capacity, shared),
      gemList: allocate(Int32Array, gemeenteRoom, shared),
      offers: allocate(Uint32Array, capacity * words, shared),
      needs: allocate(Uint32Array, capacity * words, shared),
      needCount: allocate(Uint16Array, capacity, shared),
      adjStart: allocate(Int32Array, capacity + 1, shared),
      adjList: allocate(Int32Array, 0, shared),
      exclStart: allocate(Int32Array, capacity + 1, shared),
      exclList: allocate(Int32Array, 0, shared),
    };
    const store = new PackedStore(packed);
    for (const tag of [...tags].sort()) store.tagBit.set(tag, store.tagBit.size);
    [...profiles, ...graphOnly].forEach((profile, slot) => {
      if (store.slotOf.has(profile.id)) throw new Error(`Duplicate partner id ${profile.id}`);
      store.ids.push(profile.id);
      store.slotOf.set(profile.id, slot);
      packed.n = slot + 1;
      store.write(slot, profile);
    });
    store.sortedIds = [...store.ids].sort();
    store.sortedIds.forEach((id, rank) => (packed.idRank[store.slotOf.get(id)!] = rank));
    store.setGraph(context, shared);
    return store;
  }

  private setGraph(context: MatchContext, shared: boolean): void {
    const packed = this.packed;
    // Slots of each slot's partners, without itself, unknown ids or repeats; built without a
    // Set or array per slot, since this runs for every partner of a full run.
    const seen = new Int32Array(packed.n).fill(-1);
    const csr = (pairsOf: (slot: number) => Iterable<string> | undefined) => {
      const start = allocate(Int32Array, packed.capacity + 1, shared);
      const slots: number[] = [];
      for (let slot = 0; slot < packed.n; slot++) {
        start[slot] = slots.length;
        for (const id of pairsOf(slot) ?? []) {
          const j = this.slotOf.get(id);
          if (j === undefined || j === slot || seen[j] === slot) continue;
          seen[j] = slot;
          slots.push(j);
        }
      }
      start.fill(slots.length, packed.n);
      seen.fill(-1);
      const flat = allocate(Int32Array, slots.length, shared);
      flat.set(slots);
      return { start, flat };
    };
    const adjacency = csr((slot) => context.neighbours.get(this.ids[slot]));
    packed.adjStart = adjacency.start;
    packed.adjList = adjacency.flat;
    const excludedBy = new Map<string, string[]>();
    for (const key of context.excluded) {
      const [a, b] = key.split('\u0000');
      for (const [from, to] of [[a, b], [b, a]]) {
        const list = excludedBy.get(from);
        if (list) list.push(to);
        else excludedBy.set(from, [to]);
      }
    }
    const exclusions = csr((slot) => excludedBy.get(this.ids[slot]));
    packed.exclStart = exclusions.start;
    packed.exclList = exclusions.flat;
  }

  /** Whether `profile` fits the store as allocated (tags known, gemeente room left). */
  fits(profile: PartnerProfile): boolean {
    const unknownTags = new Set([...profile.offers, ...profile.needs].filter((tag) => !this.tagBit.has(tag))).size;
    return (
      this.tagBit.size + unknownTags <= this.packed.words * 32 &&
      this.gemUsed + profile.gemeenten.length <= this.packed.gemList.length
    );
  }

  /** Adds a new id in a fresh slot; the caller checks `fits` and capacity first. */
  append(profile: PartnerProfile): number {
    const slot = this.packed.n;
    if (slot >= this.packed.capacity) throw new Error('PackedStore is full');
    this.packed.n = slot + 1;
    this.ids.push(profile.id);
    this.slotOf.set(profile.id, slot);
    let low = 0;
    let high = this.sortedIds.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sortedIds[mid] < profile.id) low = mid + 1;
      else high = mid;
    }
    this.sortedIds.splice(low, 0, profile.id);
    const idRank = this.packed.idRank;
    for (let j = 0; j < slot; j++) if (idRank[j] >= low) idRank[j]++;
    idRank[slot] = low;
    this.write(slot, profile);
    return slot;
  }

  /** Marks a slot as neither a candidate nor a row (its id stays reserved). */
  deactivate(slot: number): void {
    this.packed.inactive[slot] = 1;
  }

  /** (Re)writes a slot's features; the caller checks `fits` first. */
  write(slot: number, profile: PartnerProfile): void {
    const packed = this.packed;
    packed.sector[slot] = SECTOR_INDEX.get(profile.sector) ?? SECTOR_CODES.length;
    packed.scope[slot] = SCOPE_CODE[profile.scope] ?? SCOPE_LOCAL;
    packed.inactive[slot] = profile.matchingOptOut ? 1 : 0;
    packed.opgClass[slot] = this.classOf(maskOf(profile.opgaven, OPGAVE_BIT), this.opgClassOf, packed.opgMasks, 'opg');
    packed.leefClass[slot] = this.classOf(maskOf(profile.leefdomeinen, LEEFDOMEIN_BIT), this.leefClassOf, packed.leefMasks, 'leef');
    const gemeenten = [...new Set(profile.gemeenten.map((code) => GEMEENTE_INDEX.get(code)).filter((g): g is number => g !== undefined))];
    // National partners reach everyone through nationalReach; their gemeenten are never read.
    packed.gemStart[slot] = this.gemUsed;
    packed.gemList.set(gemeenten, this.gemUsed);
    this.gemUsed += gemeenten.length;
    packed.gemEnd[slot] = this.gemUsed;
    const words = packed.words;
    packed.offers.fill(0, slot * words, (slot + 1) * words);
    packed.needs.fill(0, slot * words, (slot + 1) * words);
    const setBits = (target: Uint32Array, tags: readonly string[]) => {
      let count = 0;
      for (const tag of tags) {
        let bit = this.tagBit.get(tag);
        if (bit === undefined) {
          bit = this.tagBit.size;
          this.tagBit.set(tag, bit);
        }
        const word = slot * words + (bit >>> 5);
        const flag = 1 << (bit & 31);
        if ((target[word] & flag) === 0) count++;
        target[word] |= flag;
      }
      return count;
    };
    setBits(packed.offers, profile.offers);
    packed.needCount[slot] = setBits(packed.needs, profile.needs);
  }

  private classOf(mask: number, classes: Map<number, number>, masks: Uint32Array, kind: 'opg' | 'leef'): number {
    let index = classes.get(mask);
    if (index === undefined) {
      index = classes.size;
      classes.set(mask, index);
      masks[index] = mask;
      if (kind === 'opg') this.packed.opgClassCount = classes.size;
      else this.packed.leefClassCount = classes.size;
    }
    return index;
  }
}

/** An inactive stand-in for an id known only from the connection graph or a removed partner. */
export function placeholderProfile(id: string): PartnerProfile {
  return { id, sector: '', scope: 'national', gemeenten: [], leefdomeinen: [], opgaven: [], offers: [], needs: [], matchingOptOut: true };
}

/** Options of `rankAllPairs`. */
export interface RankAllPairsOptions extends MatchOptions {
  /** Worker threads; default one per core from 4,000 ranked rows on, else 1 (in-process). */
  threads?: number;
  /**
   * Rank only these partners' lists (a shard of a full run); everyone still competes as a
   * candidate. The other lists come back empty.
   */
  only?: readonly string[];
  /**
   * Rank on a worker thread even when one thread is all the set needs. For a caller whose
   * event loop serves requests meanwhile: the embedded default runs its jobs in the API's
   * process, and 300 partners ranked in-process held every request for the ranking's time.
   */
  offThread?: boolean;
}

/** Every partner's ranked list from a full run, in compact typed arrays. */
export interface RankedLists {
  /** Partner ids by row (the kernel's packing order, not the input order). */
  readonly ids: readonly string[];
  readonly k: number;
  /** Row i's list is candidates/scores[i·k … i·k + counts[i]), best first, diversified. */
  readonly counts: Int32Array;
  readonly candidates: Int32Array;
  readonly scores: Float64Array;
  /** The list of one partner as objects; empty for an opted-out or unknown partner. */
  list(id: string): RankedCandidate[];
}

function rankedLists(ids: readonly string[], k: number, out: RowOutput): RankedLists {
  const rowOf = new Map(ids.map((id, row) => [id, row]));
  return {
    ids,
    k,
    counts: out.counts,
    candidates: out.candidates,
    scores: out.scores,
    list(id) {
      const row = rowOf.get(id);
      if (row === undefined) return [];
      return Array.from({ length: out.counts[row] }, (_, r) => ({
        candidateId: ids[out.candidates[row * k + r]],
        score: out.scores[row * k + r],
      }));
    },
  };
}

/** Input profiles in the order a full run packs them (see `candidateOrder`). */
function packingOrder(profiles: readonly PartnerProfile[]): PartnerProfile[] {
  const G = GEMEENTE_CODES.length;
  const buckets = Int32Array.from(profiles, (profile) => {
    const first = profile.gemeenten.find((code) => GEMEENTE_INDEX.has(code));
    return candidateBucket(SCOPE_CODE[profile.scope] ?? SCOPE_LOCAL, first === undefined ? -1 : GEMEENTE_INDEX.get(first)!, G);
  });
  const masks = Uint32Array.from(profiles, (profile) => maskOf(profile.opgaven, OPGAVE_BIT));
  return Array.from(candidateOrder(buckets, masks), (index) => profiles[index]);
}

/** A packed set ready for the kernel. */
export interface KernelRun {
  context: MatchContext;
  store: PackedStore;
  params: KernelParams;
  index: CandidateIndex;
}

/**
 * Packs profiles for the kernel in pruning order. `headroom` reserves space for
 * later `PackedStore.append`/`write` calls (used by `MatchIndex`).
 */
export function prepareRun(
  profiles: readonly PartnerProfile[],
  options: MatchOptions,
  settings: { shared: boolean; headroom?: boolean },
): KernelRun {
  const context = buildMatchContext(options);
  const n = profiles.length;
  const room = settings.headroom
    ? {
        capacity: n + Math.max(1024, Math.ceil(n / 4)),
        tagWords: Math.ceil(new Set(profiles.flatMap((p) => [...p.offers, ...p.needs])).size / 32) + 1,
        gemeenteRoom: Math.ceil(profiles.reduce((sum, p) => sum + p.gemeenten.length, 0) * 1.5) + 4096,
      }
    : {};
  const store = PackedStore.create(packingOrder(profiles), context, { shared: settings.shared, ...room });
  const params = kernelParams(context.profile);
  return { context, store, params, index: buildCandidateIndex(store.packed, params) };
}

/** The diversified top-k job of a profile. */
export function rowJob(profile: MatchingProfile): RowJob {
  return { depth: poolDepth(profile), k: profile.k, diversity: profile.diversity };
}

/** Ranks every row of a prepared set (or just `rows`) in this thread. */
export function runKernelSync(run: KernelRun, job: RowJob, rows?: Int32Array): RowOutput {
  const out = allocateOutput(run.store.packed.capacity, job.k, false);
  const ranker = new RowRanker(run.store.packed, run.params, job, out, run.index);
  if (rows) ranker.rankRows(rows);
  else ranker.rankRange(0, run.store.packed.n);
  return out;
}

/** Ranks every row (or just `rows`) of a set prepared with `shared: true` on `threads` worker threads. */
export function runKernel(run: KernelRun, job: RowJob, threads: number, rows?: Int32Array): Promise<RowOutput> {
  return runKernelThreads({ packed: run.store.packed, params: run.params, index: run.index }, job, threads, rows);
}

/** The packed rows of the given partners; unknown ids are skipped. */
function rowsOf(ids: readonly string[], only: readonly string[]): Int32Array {
  const rowOf = new Map(ids.map((id, row) => [id, row]));
  return Int32Array.from(only.flatMap((id) => (rowOf.has(id) ? [rowOf.get(id)!] : [])));
}

/** In-process full run: the top `profile.k` of every partner (or of `only`), diversified. */
export function rankAllPairsSync(profiles: readonly PartnerProfile[], options: Omit<RankAllPairsOptions, 'threads'> = {}): RankedLists {
  const run = prepareRun(profiles, options, { shared: false });
  const job = rowJob(run.context.profile);
  const rows = options.only && rowsOf(run.store.ids, options.only);
  return rankedLists(run.store.ids, job.k, runKernelSync(run, job, rows));
}

/**
 * Full run: every partner's top `profile.k`, diversified, computed by the fast kernel
 * split over worker threads (rows handed out in chunks from a shared counter). Gives the
 * same lists as ranking each partner with the reference scorer and re-ranking with `diversify`.
 */
export async function rankAllPairs(profiles: readonly PartnerProfile[], options: RankAllPairsOptions = {}): Promise<RankedLists> {
  const threads = defaultThreads(options.only?.length ?? profiles.length, options.threads);
  if (threads === 1 && !options.offThread) return rankAllPairsSync(profiles, options);
  const run = prepareRun(profiles, options, { shared: true });
  const job = rowJob(run.context.profile);
  const rows = options.only && rowsOf(run.store.ids, options.only);
  return rankedLists(run.store.ids, job.k, await runKernel(run, job, threads, rows));
}
