/**
 * The typed-array scoring kernel. It imports only `bits.ts` (so a worker thread loads it
 * cheaply) and works on profiles packed by `kernel.ts`. Every component is computed with
 * the same operations, in the same order, as the reference scorer, so scores agree to
 * the bit; the speed comes from packing and from per-row lookup tables instead.
 */
import { popcount as bitCount } from './bits';

// Module-local bindings (also of the imported popcount): CommonJS output reads exported and
// imported ones through `exports.X` on every use, which costs more than the rest of the inner loop.
const LOCAL = 0;
const REGIONAL = 1;
const NATIONAL = 2;
export const SCOPE_LOCAL = LOCAL;
export const SCOPE_REGIONAL = REGIONAL;
export const SCOPE_NATIONAL = NATIONAL;
const popcount = bitCount;

/** Profiles packed into typed arrays (optionally backed by SharedArrayBuffers). */
export interface PackedProfiles {
  /** Slots in use; rows and candidates are 0 … n−1. */
  n: number;
  /** Slots allocated: per-slot arrays and scratch space have this length. */
  capacity: number;
  /** 32-bit words per tag bitset. */
  words: number;
  sector: Uint8Array;
  scope: Uint8Array;
  /** 1 = not a candidate and no list: opted out or removed. */
  inactive: Uint8Array;
  /** Rank of the id in ascending id order: breaks score ties like the reference does. */
  idRank: Int32Array;
  /** Index into `opgMasks` / `leefMasks`: rows build one table entry per distinct set. */
  opgClass: Int32Array;
  leefClass: Int32Array;
  opgMasks: Uint32Array;
  leefMasks: Uint32Array;
  opgClassCount: number;
  leefClassCount: number;
  /** Gemeente indices of slot j: gemList[gemStart[j] … gemEnd[j]). */
  gemStart: Int32Array;
  gemEnd: Int32Array;
  gemList: Int32Array;
  offers: Uint32Array;
  needs: Uint32Array;
  needCount: Uint16Array;
  /** CSR lists (capacity + 1 offsets) of connections (for exclusion and the network component) and of excluded pairs. */
  adjStart: Int32Array;
  adjList: Int32Array;
  exclStart: Int32Array;
  exclList: Int32Array;
}

/** The matching profile as numbers. */
export interface KernelParams {
  /** Weights in component order: opgaven, leefdomeinen, sector, region, reciprocity, network. */
  weights: Float64Array;
  weightSum: number;
  nationalReach: number;
  regionalReach: number;
  leefdomeinenCoverage: number;
  leefdomeinCount: number;
  /** (sectors + 1)²; the extra last row/column is an unknown sector with affinity 0. */
  affinity: Float64Array;
  sectorStride: number;
  gemeenteCount: number;
  /** 2^(−d/h) for every pair of gemeenten. */
  decay: Float64Array;
  /** For each gemeente g, all gemeenten by decreasing decay: visiting buckets in this order fills the heap with good candidates early. */
  visitOrder: Int16Array;
}

/**
 * Candidates grouped for pruning during a full run: by bucket (the primary gemeente, or
 * one bucket for all national partners) and within a bucket by opgaven set, so a row can
 * skip a whole far-away bucket or a run of poorly matching opgaven with one bound check.
 */
export interface CandidateIndex {
  /** Slots in (bucket, opgClass) order; null when the slots already are (see `candidateOrder`). */
  order: Int32Array | null;
  /** Runs of bucket b: bucketRunStart[b] … bucketRunStart[b + 1] (see `candidateBucket`). */
  bucketRunStart: Int32Array;
  /** Run r covers order[runStart[r] … runStart[r + 1]), all with opgaven class runClass[r]. */
  runStart: Int32Array;
  runClass: Int32Array;
  /** Per run: the sectors (bit s) and the union of the leefdomeinen masks of its members, for a tighter bound. */
  runSectorMask: Int32Array;
  runLeefUnion: Int32Array;
  /** Number of opgaven classes C. */
  classCount: number;
  /** runOf[b·C + c]: the run of class c in bucket b, or −1. */
  runOf: Int32Array;
  /** simOrder[c·C + t]: the t-th most similar opgaven class to c (Tanimoto), so a row finds the classes that can still make its list without sorting. */
  simOrder: Int32Array;
  /** Every gemeente some member of bucket b works in: bucketGemList[bucketGemStart[b] … bucketGemStart[b + 1]). */
  bucketGemStart: Int32Array;
  bucketGemList: Int32Array;
  /** 1 when bucket b has a regional member (the regional floor may apply). */
  bucketRegional: Uint8Array;
}

/**
 * The bucket of a candidate for pruning: its primary gemeente g (local, bucket g, or
 * regional, bucket G + g, since the regional floor lifts the whole bucket), or 2G for national
 * partners and partners without a known gemeente.
 */
export function candidateBucket(scope: number, primaryGemeente: number, G: number): number {
  if (scope === NATIONAL || primaryGemeente < 0) return 2 * G;
  return scope === REGIONAL ? G + primaryGemeente : primaryGemeente;
}

/**
 * The order in which to pack profiles for a full run: by bucket (primary gemeente, national
 * last), then opgaven set, so the candidates a row scans lie next to each other in memory.
 */
export function candidateOrder(buckets: Int32Array, opgMasks: Uint32Array): Int32Array {
  const order = new Int32Array(buckets.length);
  for (let j = 0; j < order.length; j++) order[j] = j;
  return order.sort((x, y) => buckets[x] - buckets[y] || opgMasks[x] - opgMasks[y]);
}

/** Builds the pruning index of a packed set (slots 0 … n−1). */
export function buildCandidateIndex(p: PackedProfiles, params: KernelParams): CandidateIndex {
  const G = params.gemeenteCount;
  const n = p.n;
  const bucketOf = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    bucketOf[j] = candidateBucket(p.scope[j], p.gemEnd[j] === p.gemStart[j] ? -1 : p.gemList[p.gemStart[j]], G);
  }
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  order.sort((x, y) => bucketOf[x] - bucketOf[y] || p.opgMasks[p.opgClass[x]] - p.opgMasks[p.opgClass[y]]);
  let identity = true;
  for (let j = 0; j < n && identity; j++) identity = order[j] === j;
  const runStarts: number[] = [];
  const runClasses: number[] = [];
  const runSectorMasks: number[] = [];
  const runLeefUnions: number[] = [];
  const B = 2 * G + 1;
  const bucketRunStart = new Int32Array(B + 1);
  const bucketGems: Set<number>[] = Array.from({ length: B }, () => new Set<number>());
  const bucketRegional = new Uint8Array(B);
  let bucket = 0;
  for (let pos = 0; pos < n; pos++) {
    const j = order[pos];
    const b = bucketOf[j];
    while (bucket < b) bucketRunStart[++bucket] = runStarts.length;
    if (pos === 0 || bucketOf[order[pos - 1]] !== b || p.opgClass[order[pos - 1]] !== p.opgClass[j]) {
      runStarts.push(pos);
      runClasses.push(p.opgClass[j]);
      runSectorMasks.push(0);
      runLeefUnions.push(0);
    }
    runSectorMasks[runSectorMasks.length - 1] |= 1 << p.sector[j];
    runLeefUnions[runLeefUnions.length - 1] |= p.leefMasks[p.leefClass[j]];
    if (b < 2 * G) {
      for (let k = p.gemStart[j]; k < p.gemEnd[j]; k++) bucketGems[b].add(p.gemList[k]);
      if (p.scope[j] === REGIONAL) bucketRegional[b] = 1;
    }
  }
  while (bucket < B) bucketRunStart[++bucket] = runStarts.length;
  runStarts.push(n);
  const bucketGemStart = new Int32Array(B + 1);
  const gemList: number[] = [];
  bucketGems.forEach((gems, b) => {
    bucketGemStart[b] = gemList.length;
    gemList.push(...gems);
  });
  bucketGemStart[B] = gemList.length;
  const C = Math.max(1, p.opgClassCount);
  const runOf = new Int32Array(B * C).fill(-1);
  for (let b = 0; b < B; b++) {
    for (let r = bucketRunStart[b]; r < bucketRunStart[b + 1]; r++) runOf[b * C + runClasses[r]] = r;
  }
  const simOrder = new Int32Array(C * C);
  // Sort keys (1 − Tanimoto, then class) packed in one number, so the native numeric sort does the work.
  const keys = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let x = 0; x < C; x++) {
      const union = popcount(p.opgMasks[c] | p.opgMasks[x]);
      const tanimoto = union === 0 ? 0 : popcount(p.opgMasks[c] & p.opgMasks[x]) / union;
      keys[x] = Math.round((1 - tanimoto) * 1048576) * 4096 + x;
    }
    keys.sort();
    for (let t = 0; t < C; t++) simOrder[c * C + t] = keys[t] % 4096;
  }
  return {
    order: identity ? null : order,
    bucketRunStart,
    runStart: Int32Array.from(runStarts),
    runClass: Int32Array.from(runClasses),
    runSectorMask: Int32Array.from(runSectorMasks),
    runLeefUnion: Int32Array.from(runLeefUnions),
    classCount: C,
    runOf,
    simOrder,
    bucketGemStart,
    bucketGemList: Int32Array.from(gemList),
    bucketRegional,
  };
}

function maxOf(values: Float64Array, count: number): number {
  let max = 0;
  for (let c = 0; c < count; c++) if (values[c] > max) max = values[c];
  return max;
}

/**
 * Scores one row (partner i) against candidates. Holds the per-row lookup tables and the
 * scratch space, allocated once per thread and reused for every row.
 */
export class RowScorer {
  private readonly opgT: Float64Array;
  private readonly leefT: Float64Array;
  private readonly secT: Float64Array;
  private readonly regionT: Float64Array;
  /** Per candidate: 1 when excluded for the current row; reset after each row. */
  private readonly blocked: Uint8Array;
  /** Per candidate: common neighbours with the current row; reset after each row. */
  private readonly common: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private row = -1;
  private rowNational = false;
  private rowRegional = false;
  private rowHasGemeente = false;
  private rowDegree = 0;
  /** Best opgaven / leefdomeinen / sector component the current row can get from anyone. */
  private maxOpg = 0;
  private maxLeef = 0;
  private maxSec = 0;
  /** Upper bounds of the sector / leefdomeinen component over any candidate whose sector is in mask / whose leefdomeinen lie within mask. */
  private readonly secBound: Float64Array;
  private readonly leefBound: Float64Array;
  private readonly heapScore: Float64Array;
  private readonly heapIndex: Int32Array;
  private heapSize = 0;

  constructor(
    private readonly p: PackedProfiles,
    private readonly params: KernelParams,
    private readonly depth: number,
  ) {
    this.opgT = new Float64Array(Math.max(1, p.opgMasks.length));
    this.leefT = new Float64Array(Math.max(1, p.leefMasks.length));
    this.secT = new Float64Array(params.sectorStride);
    this.regionT = new Float64Array(params.gemeenteCount);
    this.blocked = new Uint8Array(p.capacity);
    this.common = new Int32Array(p.capacity);
    this.touched = new Int32Array(p.capacity);
    this.secBound = new Float64Array(1 << params.sectorStride);
    this.leefBound = new Float64Array(1 << params.leefdomeinCount);
    this.heapScore = new Float64Array(depth);
    this.heapIndex = new Int32Array(depth);
  }

  /** Builds the lookup tables and exclusion marks for row i. */
  begin(i: number): void {
    this.end();
    const p = this.p;
    const params = this.params;
    this.row = i;
    const opg = p.opgMasks[p.opgClass[i]];
    for (let c = 0; c < p.opgClassCount; c++) {
      const mask = p.opgMasks[c];
      const union = popcount(opg | mask);
      this.opgT[c] = union === 0 ? 0 : popcount(opg & mask) / union;
    }
    this.maxOpg = maxOf(this.opgT, p.opgClassCount);
    const leef = p.leefMasks[p.leefClass[i]];
    const coverage = params.leefdomeinenCoverage;
    for (let c = 0; c < p.leefClassCount; c++) {
      const mask = p.leefMasks[c];
      const union = popcount(leef | mask);
      const tanimoto = union === 0 ? 0 : popcount(leef & mask) / union;
      this.leefT[c] = (1 - coverage) * tanimoto + coverage * (union / params.leefdomeinCount);
    }
    this.maxLeef = maxOf(this.leefT, p.leefClassCount);
    const rowDomains = popcount(leef);
    for (let mask = 0; mask < this.leefBound.length; mask++) {
      // For m ⊆ mask: |a∩m|/|a∪m| ≤ |a∩mask|/|a| and |a∪m| ≤ |a∪mask|.
      const overlap = rowDomains === 0 ? 0 : popcount(leef & mask) / rowDomains;
      this.leefBound[mask] = (1 - coverage) * overlap + coverage * (popcount(leef | mask) / params.leefdomeinCount) + 1e-12;
    }
    const stride = params.sectorStride;
    const sectorRow = p.sector[i] * stride;
    for (let s = 0; s < stride; s++) this.secT[s] = params.affinity[sectorRow + s];
    this.maxSec = maxOf(this.secT, stride);
    this.secBound[0] = 0;
    for (let s = 0; s < stride; s++) {
      const high = 1 << s;
      for (let mask = high; mask < high << 1; mask++) {
        const rest = this.secBound[mask - high];
        this.secBound[mask] = rest > this.secT[s] ? rest : this.secT[s];
      }
    }

    this.rowNational = p.scope[i] === NATIONAL;
    this.rowRegional = p.scope[i] === REGIONAL;
    const G = params.gemeenteCount;
    this.regionT.fill(0);
    const gemFrom = p.gemStart[i];
    const gemTo = p.gemEnd[i];
    this.rowHasGemeente = gemTo > gemFrom;
    for (let k = gemFrom; k < gemTo; k++) {
      const base = p.gemList[k] * G;
      for (let g = 0; g < G; g++) {
        const value = params.decay[base + g];
        if (value > this.regionT[g]) this.regionT[g] = value;
      }
    }

    this.blocked[i] = 1;
    this.touched[this.touchedCount++] = i;
    for (let e = p.exclStart[i]; e < p.exclStart[i + 1]; e++) this.block(p.exclList[e]);
    this.rowDegree = p.adjStart[i + 1] - p.adjStart[i];
    for (let e = p.adjStart[i]; e < p.adjStart[i + 1]; e++) {
      const friend = p.adjList[e];
      this.block(friend);
      for (let f = p.adjStart[friend]; f < p.adjStart[friend + 1]; f++) {
        const other = p.adjList[f];
        if (other === i) continue;
        if (this.common[other] === 0 && this.blocked[other] === 0) this.touched[this.touchedCount++] = other;
        this.common[other]++;
      }
    }
  }

  private block(j: number): void {
    if (this.blocked[j] === 0 && this.common[j] === 0) this.touched[this.touchedCount++] = j;
    this.blocked[j] = 1;
  }

  /** Clears the scratch marks of the current row. */
  end(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const j = this.touched[t];
      this.blocked[j] = 0;
      this.common[j] = 0;
    }
    this.touchedCount = 0;
    this.row = -1;
  }

  /** Whether candidate j may be suggested to the current row. */
  eligible(j: number): boolean {
    return this.blocked[j] === 0 && this.p.inactive[j] === 0;
  }

  /** Region component of the current row with candidate j (see `regionComponent`). */
  region(j: number): number {
    const p = this.p;
    const scope = p.scope[j];
    if (this.rowNational || scope === NATIONAL) return this.params.nationalReach;
    const from = p.gemStart[j];
    const to = p.gemEnd[j];
    if (!this.rowHasGemeente || to === from) return 0;
    let best = this.regionT[p.gemList[from]];
    for (let k = from + 1; k < to; k++) {
      const value = this.regionT[p.gemList[k]];
      if (value > best) best = value;
    }
    if ((this.rowRegional || scope === REGIONAL) && this.params.regionalReach > best) return this.params.regionalReach;
    return best;
  }

  reciprocity(j: number): number {
    const p = this.p;
    const denominator = p.needCount[this.row] + p.needCount[j];
    if (denominator === 0) return 0;
    const words = p.words;
    const a = this.row * words;
    const b = j * words;
    let matched = 0;
    for (let w = 0; w < words; w++) {
      matched += popcount(p.needs[a + w] & p.offers[b + w]) + popcount(p.needs[b + w] & p.offers[a + w]);
    }
    return matched / denominator;
  }

  network(j: number): number {
    const shared = this.common[j];
    const union = this.rowDegree + (this.p.adjStart[j + 1] - this.p.adjStart[j]) - shared;
    return union === 0 ? 0 : shared / union;
  }

  /** Writes the six components of (row, j) into `out` in component order. */
  components(j: number, out: Float64Array): void {
    const p = this.p;
    out[0] = this.opgT[p.opgClass[j]];
    out[1] = this.leefT[p.leefClass[j]];
    out[2] = this.secT[p.sector[j]];
    out[3] = this.region(j);
    out[4] = this.reciprocity(j);
    out[5] = this.network(j);
  }

  /** Score of the current row with candidate j, whether or not j is eligible. */
  score(j: number): number {
    const p = this.p;
    const w = this.params.weights;
    let sum = w[0] * this.opgT[p.opgClass[j]];
    sum += w[1] * this.leefT[p.leefClass[j]];
    sum += w[2] * this.secT[p.sector[j]];
    sum += w[3] * this.region(j);
    sum += w[4] * this.reciprocity(j);
    sum += w[5] * this.network(j);
    return sum / this.params.weightSum;
  }

  /**
   * The best `depth` eligible candidates of row i, best first, written to
   * `outIndex`/`outScore` at `offset`; returns how many there are. With a candidate
   * index, buckets and runs that cannot beat the current k-th best are skipped; the
   * result is the same either way.
   */
  topRow(i: number, outIndex: Int32Array, outScore: Float64Array, offset: number, index?: CandidateIndex): number {
    this.begin(i);
    this.heapSize = 0;
    this.threshold = -1;
    if (this.p.inactive[i] === 0) {
      if (index) this.scanIndexed(index);
      else this.scanRange(null, 0, this.p.n, 1);
    }
    this.end();
    return this.drainHeap(outIndex, outScore, offset, this.p.idRank);
  }

  private threshold = -1;

  private scanIndexed(index: CandidateIndex): void {
    const p = this.p;
    const params = this.params;
    const w = params.weights;
    const G = params.gemeenteCount;
    // Bounds get a small margin so float rounding can never prune a candidate that belongs in the list.
    const margin = 1e-9;
    const slack = w[4] + w[5];
    const C = index.classCount;
    const first = this.rowNational || !this.rowHasGemeente ? -1 : p.gemList[p.gemStart[this.row]];
    const national = 2 * G;
    for (let t = 0; t <= national; t++) {
      // Local and regional buckets of each gemeente, nearest gemeente first, national partners last.
      const gemeente = t === national ? -1 : first < 0 ? t >> 1 : params.visitOrder[first * G + (t >> 1)];
      const bucket = t === national ? national : (t & 1) === 1 ? G + gemeente : gemeente;
      let regionBound: number;
      if (bucket === national || this.rowNational) {
        regionBound = params.nationalReach;
      } else if (!this.rowHasGemeente) {
        regionBound = 0;
      } else {
        regionBound = 0;
        for (let k = index.bucketGemStart[bucket]; k < index.bucketGemStart[bucket + 1]; k++) {
          const value = this.regionT[index.bucketGemList[k]];
          if (value > regionBound) regionBound = value;
        }
        if ((this.rowRegional || index.bucketRegional[bucket] === 1) && params.regionalReach > regionBound) regionBound = params.regionalReach;
      }
      const outside = w[3] * regionBound + slack;
      const W = params.weightSum;
      if (w[0] * this.maxOpg + w[1] * this.maxLeef + w[2] * this.maxSec + outside < (this.threshold - margin) * W) continue;
      const runFrom = index.bucketRunStart[bucket];
      const runTo = index.bucketRunStart[bucket + 1];
      // Visit either every run of the bucket or only the runs of the opgaven classes that can
      // still make the list (found in the row's similarity order), whichever is fewer.
      const needed = w[0] > 0 ? ((this.threshold - margin) * W - outside - w[1] * this.maxLeef - w[2] * this.maxSec) / w[0] : -1;
      const similar = p.opgClass[this.row] * C;
      let qualifying = C;
      if (needed > 0) {
        let low = 0;
        while (low < qualifying) {
          const mid = (low + qualifying) >> 1;
          if (this.opgT[index.simOrder[similar + mid]] >= needed) low = mid + 1;
          else qualifying = mid;
        }
      }
      const byClass = qualifying < runTo - runFrom;
      const visits = byClass ? qualifying : runTo - runFrom;
      for (let v = 0; v < visits; v++) {
        const r = byClass ? index.runOf[bucket * C + index.simOrder[similar + v]] : runFrom + v;
        if (r < 0) continue;
        const bound = w[0] * this.opgT[index.runClass[r]] + w[1] * this.leefBound[index.runLeefUnion[r]] + w[2] * this.secBound[index.runSectorMask[r]] + outside;
        if (bound < (this.threshold - margin) * W) continue;
        this.scanRange(index.order, index.runStart[r], index.runStart[r + 1], regionBound);
      }
    }
  }

  /** Offers candidates order[from … to) (or slots from … to), whose region component is at most `regionBound`, to the heap. */
  private scanRange(order: Int32Array | null, from: number, to: number, regionBound: number): void {
    const p = this.p;
    const w = this.params.weights;
    const weightSum = this.params.weightSum;
    // Reciprocity and network are at most 1; a candidate whose other components cannot
    // lift it above the current k-th best is skipped without computing them.
    const slack = w[4] + w[5];
    const regionSlack = w[3] * regionBound + slack;
    const depth = this.depth;
    const rank = p.idRank;
    const inactive = p.inactive;
    const blocked = this.blocked;
    const opgT = this.opgT;
    const leefT = this.leefT;
    const secT = this.secT;
    const opgClass = p.opgClass;
    const leefClass = p.leefClass;
    const sector = p.sector;
    let threshold = this.threshold;
    // Σ wᵢ·cᵢ below this cannot reach the threshold (with a margin far above float rounding).
    let floor = (threshold - 1e-9) * weightSum;
    for (let pos = from; pos < to; pos++) {
      const j = order === null ? pos : order[pos];
      if (blocked[j] !== 0 || inactive[j] !== 0) continue;
      let sum = w[0] * opgT[opgClass[j]];
      sum += w[1] * leefT[leefClass[j]];
      sum += w[2] * secT[sector[j]];
      if (sum + regionSlack < floor) continue;
      sum += w[3] * this.region(j);
      if (sum + slack < floor) continue;
      sum += w[4] * this.reciprocity(j);
      sum += w[5] * this.network(j);
      const score = sum / weightSum;
      if (this.heapSize < depth) {
        this.heapPush(score, j, rank);
        if (this.heapSize === depth) {
          threshold = this.heapScore[0];
          floor = (threshold - 1e-9) * weightSum;
        }
      } else if (score > this.heapScore[0] || (score === this.heapScore[0] && rank[j] < rank[this.heapIndex[0]])) {
        this.heapReplaceRoot(score, j, rank);
        threshold = this.heapScore[0];
        floor = (threshold - 1e-9) * weightSum;
      }
    }
    this.threshold = threshold;
  }

  // A min-heap on (score, then reverse id rank): the root is the worst kept candidate.
  private worse(s1: number, j1: number, s2: number, j2: number, rank: Int32Array): boolean {
    return s1 < s2 || (s1 === s2 && rank[j1] > rank[j2]);
  }

  private heapPush(score: number, j: number, rank: Int32Array): void {
    const hs = this.heapScore;
    const hi = this.heapIndex;
    let pos = this.heapSize++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!this.worse(score, j, hs[parent], hi[parent], rank)) break;
      hs[pos] = hs[parent];
      hi[pos] = hi[parent];
      pos = parent;
    }
    hs[pos] = score;
    hi[pos] = j;
  }

  private heapReplaceRoot(score: number, j: number, rank: Int32Array): void {
    const hs = this.heapScore;
    const hi = this.heapIndex;
    const size = this.heapSize;
    let pos = 0;
    for (;;) {
      const left = 2 * pos + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && this.worse(hs[right], hi[right], hs[left], hi[left], rank)) child = right;
      if (!this.worse(hs[child], hi[child], score, j, rank)) break;
      hs[pos] = hs[child];
      hi[pos] = hi[child];
      pos = child;
    }
    hs[pos] = score;
    hi[pos] = j;
  }

  private drainHeap(outIndex: Int32Array, outScore: Float64Array, offset: number, rank: Int32Array): number {
    const count = this.heapSize;
    // Popping the worst first fills the output from the back, so it ends up best first.
    for (let slot = count - 1; slot >= 0; slot--) {
      outScore[offset + slot] = this.heapScore[0];
      outIndex[offset + slot] = this.heapIndex[0];
      const lastScore = this.heapScore[this.heapSize - 1];
      const lastIndex = this.heapIndex[this.heapSize - 1];
      this.heapSize--;
      if (this.heapSize > 0) this.heapReplaceRoot(lastScore, lastIndex, rank);
    }
    return count;
  }
}

/**
 * Greedy sector-diversity re-rank of one ranked pool (best first) into `k` places.
 * Each next place goes to the candidate with the highest
 * score − strength × (share of the places taken so far that have its sector);
 * ties keep pool order. Strength 0 keeps the pool order. Returns the number placed.
 */
export function diversifyPool(
  poolIndex: Int32Array,
  poolScore: Float64Array,
  poolOffset: number,
  poolCount: number,
  sectorOf: Uint8Array,
  sectorStride: number,
  strength: number,
  k: number,
  outIndex: Int32Array,
  outScore: Float64Array,
  outOffset: number,
  scratch: { taken: Uint8Array; perSector: Int32Array },
): number {
  const places = Math.min(k, poolCount);
  if (strength === 0) {
    for (let r = 0; r < places; r++) {
      outIndex[outOffset + r] = poolIndex[poolOffset + r];
      outScore[outOffset + r] = poolScore[poolOffset + r];
    }
    return places;
  }
  scratch.taken.fill(0, 0, poolCount);
  scratch.perSector.fill(0, 0, sectorStride);
  for (let r = 0; r < places; r++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < poolCount; c++) {
      if (scratch.taken[c] === 1) continue;
      const candidate = poolIndex[poolOffset + c];
      const value = poolScore[poolOffset + c] - (r === 0 ? 0 : (strength * scratch.perSector[sectorOf[candidate]]) / r);
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    scratch.taken[best] = 1;
    const chosen = poolIndex[poolOffset + best];
    scratch.perSector[sectorOf[chosen]]++;
    outIndex[outOffset + r] = chosen;
    outScore[outOffset + r] = poolScore[poolOffset + best];
  }
  return places;
}

/** What a row job produces: `k` places per row after an optional diversity re-rank of a `depth` pool. */
export interface RowJob {
  depth: number;
  k: number;
  diversity: number;
}

/** Output of a ranking: row i's list is candidates/scores[i·k … i·k + counts[i]). */
export interface RowOutput {
  counts: Int32Array;
  candidates: Int32Array;
  scores: Float64Array;
}

type TypedArrayConstructor<T> = { new (buffer: ArrayBufferLike, offset?: number, length?: number): T; BYTES_PER_ELEMENT: number };

/** A typed array of at least one element, over a SharedArrayBuffer when `shared` (for worker threads). */
export function allocate<T>(ctor: TypedArrayConstructor<T>, length: number, shared: boolean): T {
  const bytes = Math.max(1, length) * ctor.BYTES_PER_ELEMENT;
  return new ctor(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), 0, Math.max(1, length));
}

/** Room for `k` places of `n` rows. */
export function allocateOutput(n: number, k: number, shared: boolean): RowOutput {
  return {
    counts: allocate(Int32Array, n, shared),
    candidates: allocate(Int32Array, n * k, shared),
    scores: allocate(Float64Array, n * k, shared),
  };
}

/** Ranks rows `from … to−1` (or the chunks handed out by `counter`) into `out`. */
export class RowRanker {
  private readonly scorer: RowScorer;
  private readonly poolIndex: Int32Array;
  private readonly poolScore: Float64Array;
  private readonly scratch: { taken: Uint8Array; perSector: Int32Array };

  constructor(
    private readonly p: PackedProfiles,
    private readonly params: KernelParams,
    private readonly job: RowJob,
    private readonly out: RowOutput,
    private readonly index?: CandidateIndex,
  ) {
    this.scorer = new RowScorer(p, params, job.depth);
    this.poolIndex = new Int32Array(job.depth);
    this.poolScore = new Float64Array(job.depth);
    this.scratch = { taken: new Uint8Array(job.depth), perSector: new Int32Array(params.sectorStride) };
  }

  rankRow(i: number): void {
    const { job, out } = this;
    const count = this.scorer.topRow(i, this.poolIndex, this.poolScore, 0, this.index);
    out.counts[i] = diversifyPool(
      this.poolIndex, this.poolScore, 0, count, this.p.sector, this.params.sectorStride,
      job.diversity, job.k, out.candidates, out.scores, i * job.k, this.scratch,
    );
  }

  rankRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.rankRow(i);
  }

  /** Takes chunks of `chunk` rows from a shared counter until all `n` rows are done. */
  /** Ranks just these rows (a shard of a full run). */
  rankRows(rows: Int32Array, from = 0, to = rows.length): void {
    for (let r = from; r < to; r++) this.rankRow(rows[r]);
  }

  /** Like `rankRange` over all rows, or over `rows` only when given. */
  rankShared(counter: Int32Array, chunk: number, rows?: Int32Array): void {
    const n = rows ? rows.length : this.p.n;
    for (;;) {
      const from = Atomics.add(counter, 0, chunk);
      if (from >= n) return;
      const to = Math.min(n, from + chunk);
      if (rows) this.rankRows(rows, from, to);
      else this.rankRange(from, to);
    }
  }
}
