import { diversifyPool, RowOutput, RowScorer } from './kernel-core';
import { KernelRun, PackedStore, placeholderProfile, prepareRun, RankAllPairsOptions, runKernel, runKernelSync } from './kernel';
import { defaultThreads } from './kernel-threads';
import { poolDepth } from './matching-profile';
import type { MatchContext } from './reference-scorer';
import type { PartnerProfile, RankedCandidate } from './types';

/** What changed after one partner changed. */
export interface MatchUpdate {
  /** The changed partner's new list, unexplained (empty when it opted out or was removed): explaining is the caller's choice. */
  list: RankedCandidate[];
  /** The other partners whose visible lists (candidates, order or scores) changed. */
  changedPartnerIds: string[];
}

/**
 * Keeps every partner's ranked list up to date one profile change at a time, without a full
 * run. Each list keeps a deeper buffer than it shows (the diversity pool plus `extra`), exact
 * down to a boundary: everything outside a buffer scores below its boundary. A change costs
 * two scoring passes over all partners for the changed one plus a check per other list;
 * only a list whose buffer runs short is recomputed. The lists always equal those of a
 * full run (`rankAllPairs`) over the current profiles.
 *
 * Connections and excluded pairs are fixed at build time; rebuild when they change.
 */
export class MatchIndex {
  private run: KernelRun;
  private scorer: RowScorer;
  private readonly profiles = new Map<string, PartnerProfile>();
  private readonly pool: number;
  private readonly depth: number;
  /** Buffer stride: depth plus one spare place for an insert before truncation. */
  private readonly stride: number;
  private counts: Int32Array;
  private candidates: Int32Array;
  private scores: Float64Array;
  /** Per row: −1 when the buffer holds every eligible candidate, else the slot of the boundary candidate. */
  private boundarySlot: Int32Array;
  private boundaryScore: Float64Array;
  private oldRow: Float64Array;
  private newRow: Float64Array;
  private readonly visibleIndex: Int32Array;
  private readonly visibleScore: Float64Array;
  private readonly diversityScratch: { taken: Uint8Array; perSector: Int32Array };

  private constructor(run: KernelRun, profiles: readonly PartnerProfile[], out: RowOutput, depth: number) {
    this.run = run;
    const profile = run.context.profile;
    this.pool = poolDepth(profile);
    this.depth = depth;
    this.stride = depth + 1;
    for (const p of profiles) this.profiles.set(p.id, p);
    this.counts = out.counts;
    this.candidates = out.candidates;
    this.scores = out.scores;
    const capacity = run.store.packed.capacity;
    this.boundarySlot = new Int32Array(capacity).fill(-1);
    this.boundaryScore = new Float64Array(capacity);
    for (let q = 0; q < run.store.packed.n; q++) this.setBoundaryFromBuffer(q);
    this.oldRow = new Float64Array(capacity);
    this.newRow = new Float64Array(capacity);
    this.scorer = new RowScorer(run.store.packed, run.params, depth);
    this.visibleIndex = new Int32Array(profile.k);
    this.visibleScore = new Float64Array(profile.k);
    this.diversityScratch = { taken: new Uint8Array(this.pool), perSector: new Int32Array(run.params.sectorStride) };
  }

  /**
   * Builds the index with a full kernel run (on worker threads for large inputs, or with `offThread`).
   * `extra` is how many candidates each list keeps beyond its pool (default: k).
   */
  static async build(profiles: readonly PartnerProfile[], options: RankAllPairsOptions & { extra?: number } = {}): Promise<MatchIndex> {
    const threads = defaultThreads(profiles.length, options.threads);
    const onWorkers = threads > 1 || options.offThread === true;
    const run = prepareRun(profiles, options, { shared: onWorkers, headroom: true });
    const profile = run.context.profile;
    const depth = poolDepth(profile) + (options.extra ?? profile.k);
    const job = { depth, k: depth + 1, diversity: 0 };
    const out = onWorkers ? await runKernel(run, job, threads) : runKernelSync(run, job);
    return new MatchIndex(run, profiles, out, depth);
  }

  /** The profile, connections and exclusions the index was built with (what its lists are explained with). */
  get context(): MatchContext {
    return this.run.context;
  }

  /** Number of partners known (including opted-out ones). */
  get size(): number {
    return this.profiles.size;
  }

  /** The ranked candidates of a partner, as a full run would give them. */
  ranked(id: string): RankedCandidate[] {
    const slot = this.run.store.slotOf.get(id);
    if (slot === undefined || !this.profiles.has(id)) return [];
    const count = this.visible(slot);
    const ids = this.run.store.ids;
    return Array.from({ length: count }, (_, r) => ({ candidateId: ids[this.visibleIndex[r]], score: this.visibleScore[r] }));
  }

  /** Adds or changes a partner (an opt-out is a change too). */
  upsert(profile: PartnerProfile): MatchUpdate {
    const store = this.run.store;
    let slot = store.slotOf.get(profile.id);
    const fits = store.fits(profile) && (slot !== undefined || store.packed.n < store.packed.capacity);
    if (!fits) {
      this.grow([...this.profiles.values(), profile]);
      slot = store.slotOf.get(profile.id);
    }
    const hadOld = slot !== undefined && this.profiles.has(profile.id) && this.run.store.packed.inactive[slot] === 0;
    if (hadOld) this.rowScores(slot!, this.oldRow);
    if (slot === undefined) slot = this.run.store.append(profile);
    else this.run.store.write(slot, profile);
    this.profiles.set(profile.id, profile);
    const active = this.run.store.packed.inactive[slot] === 0;
    if (active) this.rowScores(slot, this.newRow);
    const changed = this.propagate(slot, hadOld, active);
    if (active) this.recompute(slot);
    else this.clear(slot);
    return { list: this.ranked(profile.id), changedPartnerIds: changed };
  }

  /** Removes a partner: it leaves every list and gets none. */
  remove(id: string): MatchUpdate {
    const slot = this.run.store.slotOf.get(id);
    if (slot === undefined || !this.profiles.has(id)) return { list: [], changedPartnerIds: [] };
    const hadOld = this.run.store.packed.inactive[slot] === 0;
    if (hadOld) this.rowScores(slot, this.oldRow);
    this.run.store.deactivate(slot);
    this.profiles.delete(id);
    const changed = this.propagate(slot, hadOld, false);
    this.clear(slot);
    return { list: [], changedPartnerIds: changed };
  }

  /** Scores of row `slot` against every slot; NaN where not eligible. */
  private rowScores(slot: number, out: Float64Array): void {
    const n = this.run.store.packed.n;
    const scorer = this.scorer;
    scorer.begin(slot);
    for (let j = 0; j < n; j++) out[j] = scorer.eligible(j) ? scorer.score(j) : NaN;
    scorer.end();
  }

  /**
   * Moves `slot` in every other list from its old score (oldRow, when `hadOld`) to its new
   * one (newRow, when `active`) and returns the ids whose visible list changed.
   */
  private propagate(slot: number, hadOld: boolean, active: boolean): string[] {
    const { packed, ids } = this.run.store;
    const rank = packed.idRank;
    const D = this.depth;
    const changed: string[] = [];
    for (let q = 0; q < packed.n; q++) {
      if (q === slot || packed.inactive[q] === 1) continue;
      const oldScore = hadOld ? this.oldRow[q] : NaN;
      const newScore = active ? this.newRow[q] : NaN;
      const hasOld = oldScore === oldScore;
      const hasNew = newScore === newScore;
      if (!hasOld && !hasNew) continue;
      const open = this.boundarySlot[q] < 0;
      const bScore = this.boundaryScore[q];
      const bRank = open ? 0 : rank[this.boundarySlot[q]];
      const aboveBoundary = (score: number) => open || score > bScore || (score === bScore && rank[slot] <= bRank);
      const wasIn = hasOld && aboveBoundary(oldScore) && this.position(q, slot) >= 0;
      const goesIn = hasNew && aboveBoundary(newScore);
      if (!wasIn && !goesIn) continue;
      if (wasIn && goesIn && oldScore === newScore) continue;
      const before = this.signature(q);
      if (wasIn) this.removeAt(q, this.position(q, slot));
      if (goesIn) this.insert(q, slot, newScore);
      if (this.counts[q] > D) {
        // The dropped candidate leaves the buffer, so it becomes the boundary.
        const last = q * this.stride + D;
        this.counts[q] = D;
        this.boundarySlot[q] = this.candidates[last];
        this.boundaryScore[q] = this.scores[last];
      }
      if (this.boundarySlot[q] >= 0 && this.counts[q] < this.pool) this.recompute(q);
      if (this.signature(q) !== before) changed.push(ids[q]);
    }
    return changed;
  }

  private position(q: number, slot: number): number {
    const base = q * this.stride;
    for (let r = 0; r < this.counts[q]; r++) if (this.candidates[base + r] === slot) return r;
    return -1;
  }

  private removeAt(q: number, r: number): void {
    const base = q * this.stride;
    const count = this.counts[q];
    this.candidates.copyWithin(base + r, base + r + 1, base + count);
    this.scores.copyWithin(base + r, base + r + 1, base + count);
    this.counts[q] = count - 1;
  }

  /** Inserts in order; the buffers have one spare place at the end for this. */
  private insert(q: number, slot: number, score: number): void {
    const base = q * this.stride;
    const rank = this.run.store.packed.idRank;
    let r = this.counts[q];
    while (r > 0) {
      const s = this.scores[base + r - 1];
      if (s > score || (s === score && rank[this.candidates[base + r - 1]] < rank[slot])) break;
      this.candidates[base + r] = this.candidates[base + r - 1];
      this.scores[base + r] = s;
      r--;
    }
    this.candidates[base + r] = slot;
    this.scores[base + r] = score;
    this.counts[q]++;
  }

  private recompute(q: number): void {
    this.counts[q] = this.scorer.topRow(q, this.candidates, this.scores, q * this.stride);
    this.setBoundaryFromBuffer(q);
  }

  private setBoundaryFromBuffer(q: number): void {
    const count = this.counts[q];
    if (count < this.depth) {
      this.boundarySlot[q] = -1;
      return;
    }
    this.boundarySlot[q] = this.candidates[q * this.stride + count - 1];
    this.boundaryScore[q] = this.scores[q * this.stride + count - 1];
  }

  private clear(slot: number): void {
    this.counts[slot] = 0;
    this.boundarySlot[slot] = -1;
  }

  /** Diversifies the first `pool` of a buffer into the visible list; returns its length. */
  private visible(q: number): number {
    const { packed } = this.run.store;
    if (packed.inactive[q] === 1) return 0;
    const profile = this.run.context.profile;
    return diversifyPool(
      this.candidates, this.scores, q * this.stride, Math.min(this.counts[q], this.pool), packed.sector, this.run.params.sectorStride,
      profile.diversity, profile.k, this.visibleIndex, this.visibleScore, 0, this.diversityScratch,
    );
  }

  private signature(q: number): string {
    const count = this.visible(q);
    let text = '';
    for (let r = 0; r < count; r++) text += `${this.visibleIndex[r]}:${this.visibleScore[r]};`;
    return text;
  }

  /** Repacks with more room; slots keep their numbers, so the buffers stay valid. */
  private grow(upcoming: readonly PartnerProfile[]): void {
    const old = this.run;
    const bySlot = old.store.ids.map((id) => this.profiles.get(id) ?? placeholderProfile(id));
    const store = PackedStore.create(bySlot, old.context, {
      capacity: Math.ceil(old.store.packed.capacity * 1.5) + 1024,
      tagWords: old.store.packed.words + Math.ceil(new Set(upcoming.flatMap((p) => [...p.offers, ...p.needs])).size / 32) + 1,
      gemeenteRoom: old.store.packed.gemList.length * 2 + upcoming.reduce((sum, p) => sum + p.gemeenten.length, 0),
    });
    const capacity = store.packed.capacity;
    const S = this.stride;
    const grown = <T extends Int32Array | Float64Array>(array: T, size: number, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array.subarray(0, Math.min(array.length, size)));
      return next;
    };
    this.counts = grown(this.counts, capacity, (n) => new Int32Array(n));
    this.candidates = grown(this.candidates, capacity * S, (n) => new Int32Array(n));
    this.scores = grown(this.scores, capacity * S, (n) => new Float64Array(n));
    this.boundarySlot = grown(this.boundarySlot, capacity, (n) => new Int32Array(n).fill(-1));
    this.boundaryScore = grown(this.boundaryScore, capacity, (n) => new Float64Array(n));
    this.oldRow = new Float64Array(capacity);
    this.newRow = new Float64Array(capacity);
    this.run = { ...old, store };
    this.scorer = new RowScorer(store.packed, old.params, this.depth);
  }
}
