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
  /** For each gemeente g, all gemeenten by decreasing decay: a row visits the gemeenten of its candidates in this order, nearest first. */
  visitOrder: Int16Array;
}

/**
 * Candidates grouped for pruning during a full run. Every list is in runs of one opgaven
 * class. The local and regional candidates are listed once per gemeente they work in, so a
 * row visits them gemeente by gemeente, nearest first, and knows each one's region component
 * from the gemeente it meets it in; the national candidates and, for far-away rows, all the
 * others are found by opgaven class, most similar first, so a row stops where the opgaven
 * part can no longer reach its list.
 */
export interface CandidateIndex {
  /** Number of opgaven classes C. */
  classCount: number;
  /** An entry: a candidate slot and its code, leefdomeinen class | sector << 10 | need count << 14. */
  entrySlot: Int32Array;
  entryCode: Int32Array;
  /**
   * The candidate's needs and then its offers (`words` each), at e · 2·words: reciprocity is
   * computed from the list itself, so only a candidate that can still make the list costs a
   * look-up elsewhere.
   */
  entryTags: Int32Array;
  /**
   * Run r covers entries runStart[r] … runStart[r + 1], all of opgaven class runClass[r]; in
   * the lists found by class (G, G + 1), also of one sector, since a run there is long.
   */
  runStart: Int32Array;
  runClass: Int32Array;
  /** Per run: the union of its members' leefdomeinen masks and their sectors (bit s), for a tighter bound. */
  runLeefUnion: Int32Array;
  runSectorMask: Int32Array;
  /**
   * The runs of list l are listRunStart[l] … listRunStart[l + 1]. Lists 0 … G−1: the active
   * local and regional candidates working in gemeente g; G: the national ones; G + 1: all
   * active non-national ones, each once.
   */
  listRunStart: Int32Array;
  /** The runs of class c in list G + t (t = 0, 1): classRunStart[t·C + c] … classRunEnd[t·C + c]. */
  classRunStart: Int32Array;
  classRunEnd: Int32Array;
  /** simOrder[c·C + t]: the t-th most similar opgaven class to c (Tanimoto); null when C² is too large to keep. */
  simOrder: Int32Array | null;
}

const ENTRY_SECTOR_SHIFT = 10;
const ENTRY_LEEF_MASK = (1 << ENTRY_SECTOR_SHIFT) - 1;
const ENTRY_NEEDS_SHIFT = 14;
const ENTRY_SECTOR_MASK = 15;
const SIM_ORDER_MAX_CLASSES = 1024;
/**
 * Gemeenten whose region component for the row is at least this (and at least the regional
 * floor) are visited one by one; the candidates farther away are found by opgaven class. At
 * 15 km half-distance 0.25 is 30 km: a row's own area, where the region part still decides.
 */
const NEAR_REGION = 0.25;

/**
 * The bucket of a candidate for packing: its primary gemeente g (local, bucket g, or
 * regional, bucket G + g), or 2G for national partners and partners without a known gemeente.
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

/** Builds the pruning index of a packed set (slots 0 … n−1, active ones only). */
export function buildCandidateIndex(p: PackedProfiles, params: KernelParams): CandidateIndex {
  const G = params.gemeenteCount;
  const n = p.n;
  const C = Math.max(1, p.opgClassCount);
  const lists = G + 2;
  const listStart = new Int32Array(lists + 1);
  for (let j = 0; j < n; j++) {
    if (p.inactive[j] === 1) continue;
    if (p.scope[j] === NATIONAL) {
      listStart[G + 1]++;
      continue;
    }
    listStart[G + 2]++;
    for (let k = p.gemStart[j]; k < p.gemEnd[j]; k++) listStart[p.gemList[k] + 1]++;
  }
  for (let l = 0; l < lists; l++) listStart[l + 1] += listStart[l];
  // Sort keys (class · 16 + sector) · 2³² + slot, so each list sorts into its runs with the native numeric sort.
  const SLOTS = 4294967296;
  const keys = new Float64Array(listStart[lists]);
  const fill = listStart.slice(0, lists);
  for (let j = 0; j < n; j++) {
    if (p.inactive[j] === 1) continue;
    const key = (p.opgClass[j] * 16 + p.sector[j]) * SLOTS + j;
    if (p.scope[j] === NATIONAL) {
      keys[fill[G]++] = key;
      continue;
    }
    keys[fill[G + 1]++] = key;
    for (let k = p.gemStart[j]; k < p.gemEnd[j]; k++) keys[fill[p.gemList[k]]++] = key;
  }
  const entrySlot = new Int32Array(keys.length);
  const entryCode = new Int32Array(keys.length);
  const words = p.words;
  const entryTags = new Int32Array(keys.length * 2 * words);
  const runStarts: number[] = [];
  const runClasses: number[] = [];
  const runLeefUnions: number[] = [];
  const runSectorMasks: number[] = [];
  const listRunStart = new Int32Array(lists + 1);
  for (let l = 0; l < lists; l++) {
    keys.subarray(listStart[l], listStart[l + 1]).sort();
    listRunStart[l] = runStarts.length;
    const bySector = l >= G;
    let runKey = -1;
    for (let e = listStart[l]; e < listStart[l + 1]; e++) {
      const slot = keys[e] % SLOTS;
      const classAndSector = (keys[e] - slot) / SLOTS;
      const opgClass = classAndSector >>> 4;
      entrySlot[e] = slot;
      entryCode[e] = p.leefClass[slot] | (p.sector[slot] << ENTRY_SECTOR_SHIFT) | (p.needCount[slot] << ENTRY_NEEDS_SHIFT);
      for (let w = 0; w < words; w++) {
        entryTags[e * 2 * words + w] = p.needs[slot * words + w];
        entryTags[e * 2 * words + words + w] = p.offers[slot * words + w];
      }
      const key = bySector ? classAndSector : opgClass;
      if (key !== runKey) {
        runKey = key;
        runStarts.push(e);
        runClasses.push(opgClass);
        runLeefUnions.push(0);
        runSectorMasks.push(0);
      }
      runLeefUnions[runLeefUnions.length - 1] |= p.leefMasks[p.leefClass[slot]];
      runSectorMasks[runSectorMasks.length - 1] |= 1 << p.sector[slot];
    }
  }
  listRunStart[lists] = runStarts.length;
  runStarts.push(keys.length);
  const classRunStart = new Int32Array(2 * C);
  const classRunEnd = new Int32Array(2 * C);
  for (let t = 0; t < 2; t++) {
    for (let r = listRunStart[G + t + 1] - 1; r >= listRunStart[G + t]; r--) {
      const at = t * C + runClasses[r];
      if (classRunEnd[at] === 0) classRunEnd[at] = r + 1;
      classRunStart[at] = r;
    }
  }
  let simOrder: Int32Array | null = null;
  if (C <= SIM_ORDER_MAX_CLASSES) {
    simOrder = new Int32Array(C * C);
    // Sort keys (1 − Tanimoto, then class) packed in one number, so the native numeric sort does the work.
    const order = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      for (let x = 0; x < C; x++) {
        const union = popcount(p.opgMasks[c] | p.opgMasks[x]);
        const tanimoto = union === 0 ? 0 : popcount(p.opgMasks[c] & p.opgMasks[x]) / union;
        order[x] = Math.round((1 - tanimoto) * 1048576) * 4096 + x;
      }
      order.sort();
      for (let t = 0; t < C; t++) simOrder[c * C + t] = order[t] % 4096;
    }
  }
  return {
    classCount: C,
    entrySlot,
    entryCode,
    entryTags,
    runStart: Int32Array.from(runStarts),
    runClass: Int32Array.from(runClasses),
    runLeefUnion: Int32Array.from(runLeefUnions),
    runSectorMask: Int32Array.from(runSectorMasks),
    listRunStart,
    classRunStart,
    classRunEnd,
    simOrder,
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
  /** w₀·opgT, w₁·leefT, w₂·secT: the same products the reference forms, looked up instead. */
  private readonly wOpgT: Float64Array;
  private readonly wLeefT: Float64Array;
  private readonly wSecT: Float64Array;
  /**
   * Per candidate: `stamp` once the current row has scored it in full or may not get it at all
   * (itself, excluded, connected), so a candidate listed in several gemeenten is offered once.
   */
  private readonly mark: Int32Array;
  private stamp = 0;
  /** The row's needs and then its offers, as in `CandidateIndex.entryTags`. */
  private readonly rowTags: Int32Array;
  /** Per gemeente: `stamp` once the current row has visited it; and per row gemeente, how far along its nearest-first order the visit is. */
  private readonly gemeenteMark: Int32Array;
  private readonly gemeenteHead: Int32Array;
  private readonly heapScore: Float64Array;
  private readonly heapIndex: Int32Array;
  private heapSize = 0;
  /** The k-th best score so far (−1 while the heap fills) and Σ wᵢ·cᵢ below which a candidate cannot reach it. */
  private threshold = -1;
  private floor = -Infinity;

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
    this.wOpgT = new Float64Array(this.opgT.length);
    this.wLeefT = new Float64Array(this.leefT.length);
    this.wSecT = new Float64Array(params.sectorStride);
    this.mark = new Int32Array(p.capacity);
    this.rowTags = new Int32Array(2 * p.words);
    this.gemeenteMark = new Int32Array(params.gemeenteCount);
    this.gemeenteHead = new Int32Array(params.gemeenteCount);
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
    const w = params.weights;
    for (let c = 0; c < p.opgClassCount; c++) this.wOpgT[c] = w[0] * this.opgT[c];
    const leef = p.leefMasks[p.leefClass[i]];
    const coverage = params.leefdomeinenCoverage;
    for (let c = 0; c < p.leefClassCount; c++) {
      const mask = p.leefMasks[c];
      const union = popcount(leef | mask);
      const tanimoto = union === 0 ? 0 : popcount(leef & mask) / union;
      this.leefT[c] = (1 - coverage) * tanimoto + coverage * (union / params.leefdomeinCount);
    }
    this.maxLeef = maxOf(this.leefT, p.leefClassCount);
    for (let c = 0; c < p.leefClassCount; c++) this.wLeefT[c] = w[1] * this.leefT[c];
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
    for (let s = 0; s < stride; s++) this.wSecT[s] = w[2] * this.secT[s];
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

    if (this.stamp === 0x7fffffff) {
      this.mark.fill(0);
      this.gemeenteMark.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    this.mark[i] = stamp;
    for (let w = 0; w < p.words; w++) {
      this.rowTags[w] = p.needs[i * p.words + w];
      this.rowTags[p.words + w] = p.offers[i * p.words + w];
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
    this.mark[j] = this.stamp;
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
   * index, gemeenten, classes and runs that cannot beat the current k-th best are skipped; the
   * result is the same either way.
   */
  topRow(i: number, outIndex: Int32Array, outScore: Float64Array, offset: number, index?: CandidateIndex): number {
    this.begin(i);
    this.heapSize = 0;
    this.threshold = -1;
    this.floor = -Infinity;
    if (this.p.inactive[i] === 0) {
      if (index) this.scanIndexed(index);
      else this.scanSlots();
    }
    this.end();
    return this.drainHeap(outIndex, outScore, offset, this.p.idRank);
  }

  /**
   * Offers the row every active candidate of the index, skipping those that cannot make its
   * list: nearby gemeenten one by one, nearest first, with the national candidates where their
   * region component falls in that order; then the candidates farther away by opgaven class.
   */
  private scanIndexed(index: CandidateIndex): void {
    const params = this.params;
    const G = params.gemeenteCount;
    const nationalReach = params.nationalReach;
    if (this.rowNational || !this.rowHasGemeente) {
      // Everyone's region component is fixed: nationalReach for a national row, else 0 for non-national candidates.
      this.scanByClass(index, 0, nationalReach, false);
      this.scanByClass(index, 1, this.rowNational ? nationalReach : 0, false);
      return;
    }
    const p = this.p;
    const w = params.weights;
    // Any candidate adds at most this besides its region part.
    const rest = w[0] * this.maxOpg + w[1] * this.maxLeef + w[2] * this.maxSec + w[4] + w[5];
    // From here down the regional floor may decide the region part, so gemeenten no longer say it exactly.
    const near = params.regionalReach > NEAR_REGION ? params.regionalReach : NEAR_REGION;
    const regionT = this.regionT;
    const visitOrder = params.visitOrder;
    const gemeenteMark = this.gemeenteMark;
    const head = this.gemeenteHead;
    const stamp = this.stamp;
    const gemFrom = p.gemStart[this.row];
    const gems = p.gemEnd[this.row] - gemFrom;
    for (let k = 0; k < gems; k++) head[k] = 0;
    let nationalsDone = false;
    let next = -1;
    let value = 0;
    for (;;) {
      // The next gemeente by decreasing region component: the best head of the row's gemeenten's nearest-first orders.
      next = -1;
      value = -1;
      for (let k = 0; k < gems; k++) {
        const base = p.gemList[gemFrom + k] * G;
        let at = head[k];
        while (at < G && gemeenteMark[visitOrder[base + at]] === stamp) at++;
        head[k] = at;
        if (at < G && regionT[visitOrder[base + at]] > value) {
          next = visitOrder[base + at];
          value = regionT[next];
        }
      }
      if (!nationalsDone && nationalReach >= value) {
        nationalsDone = true;
        if (rest + w[3] * nationalReach >= this.floor) this.scanByClass(index, 0, nationalReach, false);
      }
      if (next < 0 || value < near) break;
      // Everyone not yet seen has at most this region part: when even that cannot reach the list, the row is done.
      if (rest + w[3] * value < this.floor) return;
      gemeenteMark[next] = stamp;
      this.scanRuns(index, index.listRunStart[next], index.listRunStart[next + 1], value, false);
    }
    if (next < 0) value = 0;
    const cap = value > params.regionalReach ? value : params.regionalReach;
    if (!nationalsDone && rest + w[3] * nationalReach >= this.floor) this.scanByClass(index, 0, nationalReach, false);
    if (rest + w[3] * cap >= this.floor) this.scanByClass(index, 1, cap, true);
  }

  /**
   * Offers the candidates of list G + `list` (0: national, 1: all others) to the heap class by
   * class, most similar opgaven first, until no class can reach the list. Their region part is
   * at most `region`; it is exactly `region` unless `exact`, when it is computed per candidate.
   */
  private scanByClass(index: CandidateIndex, list: number, region: number, exact: boolean): void {
    const w = this.params.weights;
    const C = index.classCount;
    const rowRegion = w[3] * region + w[4] + w[5];
    const others = w[1] * this.maxLeef + w[2] * this.maxSec + rowRegion;
    const simOrder = index.simOrder;
    const similar = this.p.opgClass[this.row] * C;
    const classRunStart = index.classRunStart;
    const classRunEnd = index.classRunEnd;
    const wOpgT = this.wOpgT;
    for (let t = 0; t < C; t++) {
      const c = simOrder === null ? t : simOrder[similar + t];
      const opg = wOpgT[c];
      if (opg + others < this.floor) {
        // Classes come most similar first: none of the rest can do better.
        if (simOrder !== null) return;
        continue;
      }
      const from = classRunStart[list * C + c];
      const to = classRunEnd[list * C + c];
      if (from < to) this.scanRuns(index, from, to, region, exact);
    }
  }

  /**
   * The inner loop: offers the candidates of runs from … to to the heap. Their region part is
   * at most `region`; exactly that unless `exact`, when it is computed per candidate that gets
   * that far. Skips a run whose bound cannot reach the list, then a candidate whose opgaven,
   * leefdomeinen and sector parts cannot, then one whose reciprocity cannot either.
   */
  private scanRuns(index: CandidateIndex, from: number, to: number, region: number, exact: boolean): void {
    const p = this.p;
    const w = this.params.weights;
    const weightSum = this.params.weightSum;
    const wLeefT = this.wLeefT;
    const wSecT = this.wSecT;
    const entryCode = index.entryCode;
    const entrySlot = index.entrySlot;
    const entryTags = index.entryTags;
    const words = p.words;
    const stride = 2 * words;
    const rowTags = this.rowTags;
    const rowNeeds = p.needCount[this.row];
    const mark = this.mark;
    const stamp = this.stamp;
    const rank = p.idRank;
    const depth = this.depth;
    const w3 = w[3];
    const w4 = w[4];
    const w5 = w[5];
    const regionPart = w3 * region;
    const w1 = w[1];
    const w2 = w[2];
    const wOpgT = this.wOpgT;
    const leefBound = this.leefBound;
    const secBound = this.secBound;
    const { runClass, runLeefUnion, runSectorMask, runStart } = index;
    let floor = this.floor;
    // Σ of the first three parts below this cannot reach the list.
    let limit = floor - regionPart - w4 - w5;
    for (let r = from; r < to; r++) {
      const opg = wOpgT[runClass[r]];
      if (opg + w1 * leefBound[runLeefUnion[r]] + w2 * secBound[runSectorMask[r]] < limit) continue;
      const entryTo = runStart[r + 1];
      for (let e = runStart[r]; e < entryTo; e++) {
        const code = entryCode[e];
        // The reference's order of operations: ((((w₀·c₀ + w₁·c₁) + w₂·c₂) + w₃·c₃) + w₄·c₄) + w₅·c₅.
        const first = opg + wLeefT[code & ENTRY_LEEF_MASK];
        const three = first + wSecT[(code >>> ENTRY_SECTOR_SHIFT) & ENTRY_SECTOR_MASK];
        if (three < limit) continue;
        let reciprocityPart = 0;
        if (w4 !== 0) {
          const denominator = rowNeeds + (code >>> ENTRY_NEEDS_SHIFT);
          if (denominator !== 0) {
            let matched = 0;
            const at = e * stride;
            for (let k = 0; k < words; k++) {
              matched += popcount(rowTags[k] & entryTags[at + words + k]) + popcount(entryTags[at + k] & rowTags[words + k]);
            }
            reciprocityPart = w4 * (matched / denominator);
          }
        }
        if (three + regionPart + reciprocityPart + w5 < floor) continue;
        const j = entrySlot[e];
        if (mark[j] === stamp) continue;
        let sum = three;
        if (exact) {
          sum += w3 * this.region(j);
          sum += reciprocityPart;
          if (sum + w5 < floor) continue;
        } else {
          sum += regionPart;
          sum += reciprocityPart;
        }
        mark[j] = stamp;
        if (w5 !== 0) sum += w5 * this.network(j);
        const score = sum / weightSum;
        if (this.heapSize < depth) {
          this.heapPush(score, j, rank);
          if (this.heapSize === depth) {
            this.threshold = this.heapScore[0];
            floor = (this.threshold - 1e-9) * weightSum;
            limit = floor - regionPart - w4 - w5;
          }
        } else if (score > this.heapScore[0] || (score === this.heapScore[0] && rank[j] < rank[this.heapIndex[0]])) {
          this.heapReplaceRoot(score, j, rank);
          this.threshold = this.heapScore[0];
          floor = (this.threshold - 1e-9) * weightSum;
          limit = floor - regionPart - w4 - w5;
        }
      }
    }
    this.floor = floor;
  }

  /** Offers every slot to the heap (without an index, as `MatchIndex` ranks a single row). */
  private scanSlots(): void {
    const p = this.p;
    const w = this.params.weights;
    const weightSum = this.params.weightSum;
    // Reciprocity and network are at most 1; a candidate whose other components cannot
    // lift it above the current k-th best is skipped without computing them.
    const slack = w[4] + w[5];
    const regionSlack = w[3] + slack;
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
    for (let j = 0; j < p.n; j++) {
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

/**
 * The floor under any kernel on this data: for each of rows from … to, read every active
 * candidate's packed entry and add up the row's table values for it, as the kernel's first
 * test does, with no pruning, no exclusions and no ranking. Returns the sum, so none of the
 * work can be optimised away. Every ordered pair costs one entry read and three lookups, so
 * rows × candidates pairs per second here is what this machine's memory and loop allow.
 */
export function pairFloor(index: CandidateIndex, params: KernelParams, from: number, to: number): number {
  const G = params.gemeenteCount;
  const runFrom = index.listRunStart[G];
  const runTo = index.listRunStart[G + 2];
  const { runClass, runStart, entryCode } = index;
  // Row-like tables with varying values; their contents do not change the work.
  const opgT = new Float64Array(index.classCount);
  const leefT = new Float64Array(ENTRY_LEEF_MASK + 1);
  const secT = new Float64Array(ENTRY_SECTOR_MASK + 1);
  let total = 0;
  for (let i = from; i < to; i++) {
    opgT[i % opgT.length] = i;
    leefT[i & ENTRY_LEEF_MASK] = i;
    let sum = 0;
    for (let r = runFrom; r < runTo; r++) {
      const opg = opgT[runClass[r]];
      for (let e = runStart[r]; e < runStart[r + 1]; e++) {
        const code = entryCode[e];
        sum += opg + leefT[code & ENTRY_LEEF_MASK] + secT[(code >>> ENTRY_SECTOR_SHIFT) & ENTRY_SECTOR_MASK];
      }
    }
    total += sum;
  }
  return total;
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
