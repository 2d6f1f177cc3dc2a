import { KENNISBRON_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, VERANDERTHEORIE_CODES } from '@app/taxonomy';
import { DEFAULT_KENNISDELEN_PROFILE, kennisdelenExchangeComponents, validateKennisdelenProfile, type KennisdelenProfile, type KennisdelenScores } from './kennisdelen';
import { setTanimoto } from './reference-scorer';
import type { Connection, PartnerProfile } from './types';

/** One candidate of a kennisdelen list, before it is explained. */
export interface KennisdelenRanked {
  candidateId: string;
  score: number;
  components: KennisdelenScores;
}

export interface KennisdelenRankerOptions {
  profile?: KennisdelenProfile;
  connections?: readonly Connection[];
  /** Pairs rejected or declined for kennisdelen: left out like connected ones. */
  excludedPairs?: readonly Connection[];
}

export interface RankKennisdelenOptions extends KennisdelenRankerOptions {
  /** Only these partners' lists (everyone still competes as a candidate). */
  only?: readonly string[];
}

/** A set of codes as the key of its class: the known codes in taxonomy order. */
const classKey = (codes: readonly string[] | undefined, universe: readonly string[]) => universe.filter((code) => (codes ?? []).includes(code)).join(',');

/** Distinct values of a key over the partners: each slot's class and one member's profile per class. Classes are only ever added. */
class Classes {
  private readonly index = new Map<string, number>();
  readonly representatives: PartnerProfile[] = [];
  readonly classOf: number[] = [];

  constructor(private readonly keyOf: (partner: PartnerProfile) => string) {}

  get count(): number {
    return this.representatives.length;
  }

  assign(slot: number, partner: PartnerProfile): void {
    const key = this.keyOf(partner);
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.representatives.length;
      this.index.set(key, c);
      this.representatives.push(partner);
    }
    this.classOf[slot] = c;
  }
}

interface OpgavenRow {
  values: Float64Array;
  /** The classes most alike the row's first. */
  order: Int32Array;
}
interface LeefdomeinenRow {
  values: Float64Array;
  max: number;
}
interface ExchangeRow {
  kennisbronnen: Float64Array;
  verandertheorie: Float64Array;
  peers: Float64Array;
  /** The most the three exchange components add to a row's weighted sum. */
  maxPart: number;
}

/**
 * A pair's score from its looked-up components, in the reference's order — Σ wᵢ·cᵢ over opgaven,
 * leefdomeinen, kennisbronnen, verandertheorie, peers, then / Σw — so it agrees to the bit.
 */
function pairScore(weights: KennisdelenProfile['weights'], total: number, opgPart: number, leefValue: number, exchangeTable: ExchangeRow, e: number): number {
  let score = opgPart;
  score += weights.leefdomeinen * leefValue;
  score += weights.kennisbronnen * exchangeTable.kennisbronnen[e];
  score += weights.verandertheorie * exchangeTable.verandertheorie[e];
  score += weights.peers * exchangeTable.peers[e];
  return score / total;
}

/** Rounding in a sum of five can put a score a few ulps above its bound: stop only clearly below. */
const SLACK = 1e-9;

/**
 * Every partner's kennisdelen list, equal to `rankKennisdelen` (kennisdelen.ts) for each but
 * far faster at scale. A pair's score depends only on the two partners' classes: their set of
 * opgaven, of leefdomeinen, and (kennisbronnen, verandertheorie, sector) — a few hundred of
 * each where partners number 100,000 — so the components are looked up per class pair, and
 * summed in the reference's order so scores agree to the bit. A row visits the candidates
 * grouped by opgaven class, the classes most alike its own first, and stops where even a
 * perfect rest could not reach its list.
 *
 * Kept by a repair across partner changes (`update`): the class tables of 100,000 partners
 * take a second to build, a changed profile moves one slot between classes. The connected
 * and excluded pairs are fixed at construction: other pairs mean a new ranker.
 */
export class KennisdelenRanker {
  private readonly profile: KennisdelenProfile;
  private readonly weightTotal: number;
  private readonly ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  /** 1 for a slot whose partner takes part in matching; 0 for an opted-out or deleted one. */
  private takesPart: number[] = [];
  private readonly opgaven = new Classes((p) => classKey(p.opgaven, OPGAVE_CODES));
  private readonly leefdomeinen = new Classes((p) => classKey(p.leefdomeinen, LEEFDOMEIN_CODES));
  private readonly exchange = new Classes((p) => `${classKey(p.kennisbronnen, KENNISBRON_CODES)}|${classKey(p.verandertheorie, VERANDERTHEORIE_CODES)}|${p.sector}`);
  /** Connected and excluded partners, by slot. */
  private readonly adjacency: number[][] = [];
  private readonly opgavenRows = new Map<number, OpgavenRow>();
  private readonly leefdomeinenRows = new Map<number, LeefdomeinenRow>();
  private readonly exchangeRows = new Map<number, ExchangeRow>();
  // Derived from the slots, built again when an update changed them.
  private idRank: Int32Array | null = null;
  /** Candidates taking part, by opgaven class (CSR). */
  private members: { start: Int32Array; slots: Int32Array } | null = null;

  constructor(profiles: readonly PartnerProfile[], options: KennisdelenRankerOptions = {}) {
    const profile = options.profile ?? DEFAULT_KENNISDELEN_PROFILE;
    const errors = validateKennisdelenProfile(profile);
    if (errors.length > 0) throw new Error(`Invalid kennisdelen profile: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.profile = profile;
    const { weights } = profile;
    this.weightTotal = weights.opgaven + weights.leefdomeinen + weights.kennisbronnen + weights.verandertheorie + weights.peers;
    for (const partner of profiles) this.place(partner);
    for (const { a, b } of [...(options.connections ?? []), ...(options.excludedPairs ?? [])]) {
      const sa = this.slotOf.get(a);
      const sb = this.slotOf.get(b);
      if (sa !== undefined && sb !== undefined) {
        this.adjacency[sa].push(sb);
        this.adjacency[sb].push(sa);
      }
    }
  }

  /** Takes these partners' profiles as they are now, and leaves the removed ones out. */
  update(changed: readonly PartnerProfile[], removedIds: readonly string[] = []): void {
    for (const partner of changed) this.place(partner);
    for (const id of removedIds) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) this.takesPart[slot] = 0;
    }
    if (changed.length + removedIds.length > 0) this.members = null;
  }

  /** Every list, or only these partners' (an opted-out or unknown partner's is empty). */
  rank(only?: readonly string[]): Map<string, KennisdelenRanked[]> {
    const lists = new Map<string, KennisdelenRanked[]>();
    const rows = only ? only.map((id) => this.slotOf.get(id)).filter((slot): slot is number => slot !== undefined) : [...this.ids.keys()];
    const { start, slots } = this.candidatesByOpgaven();
    const idRank = this.ranksOfIds();
    const { weights, k } = this.profile;
    const { opgaven, leefdomeinen, exchange, takesPart, weightTotal: total } = this;
    const opgCount = opgaven.count;
    const excludedFor = new Int32Array(this.ids.length).fill(-1);
    // The list being built, worst last: slots and scores, kept sorted (k is small).
    const listSlot = new Int32Array(k);
    const listScore = new Float64Array(k);

    for (const row of rows) {
      if (takesPart[row] === 0) continue;
      for (const other of this.adjacency[row]) excludedFor[other] = row;
      excludedFor[row] = row;
      const { values: opgValues, order } = this.opgavenRow(opgaven.classOf[row]);
      const leefTable = this.leefdomeinenRow(leefdomeinen.classOf[row]);
      const exchangeTable = this.exchangeRow(exchange.classOf[row]);
      const restBound = weights.leefdomeinen * leefTable.max + exchangeTable.maxPart;
      let size = 0;
      for (let t = 0; t < opgCount; t++) {
        const c = order[t];
        const opgPart = weights.opgaven * opgValues[c];
        if (size === k && (opgPart + restBound) / total < listScore[k - 1] - SLACK) break;
        for (let m = start[c]; m < start[c + 1]; m++) {
          const j = slots[m];
          if (excludedFor[j] === row) continue;
          const leefValue = leefTable.values[leefdomeinen.classOf[j]];
          if (opgValues[c] === 0 && leefValue === 0) continue; // nothing to learn about together
          const score = pairScore(weights, total, opgPart, leefValue, exchangeTable, exchange.classOf[j]);
          if (size === k && (score < listScore[k - 1] || (score === listScore[k - 1] && idRank[j] > idRank[listSlot[k - 1]]))) continue;
          let at = size < k ? size++ : k - 1;
          while (at > 0 && (listScore[at - 1] < score || (listScore[at - 1] === score && idRank[listSlot[at - 1]] > idRank[j]))) {
            listScore[at] = listScore[at - 1];
            listSlot[at] = listSlot[at - 1];
            at--;
          }
          listScore[at] = score;
          listSlot[at] = j;
        }
      }
      const list: KennisdelenRanked[] = [];
      for (let i = 0; i < size; i++) {
        const j = listSlot[i];
        const e = exchange.classOf[j];
        list.push({
          candidateId: this.ids[j],
          score: listScore[i],
          components: {
            opgaven: opgValues[opgaven.classOf[j]],
            leefdomeinen: leefTable.values[leefdomeinen.classOf[j]],
            kennisbronnen: exchangeTable.kennisbronnen[e],
            verandertheorie: exchangeTable.verandertheorie[e],
            peers: exchangeTable.peers[e],
          },
        });
      }
      lists.set(this.ids[row], list);
    }
    for (const id of only ?? []) if (!lists.has(id)) lists.set(id, []);
    return lists;
  }

  /**
   * The partners whose list (its last place in `floors`) this candidate reaches with its profile in the ranker: it
   * may be suggested to them and scores at or above their last place, or their list is short.
   * Asked before an update, that is every list holding the candidate (lists ranked with its old
   * profile); after, every list it now enters. Scores are symmetric, so one row of tables — the
   * candidate's — scores it for every list: O(partners) lookups, no list scanned.
   */
  listsReachedBy(candidateId: string, floors: KennisdelenListFloors): string[] {
    const c = this.slotOf.get(candidateId);
    if (c === undefined || this.takesPart[c] === 0) return [];
    const { weights } = this.profile;
    const { opgaven, leefdomeinen, exchange, takesPart, weightTotal: total } = this;
    const opgTable = this.opgavenRow(opgaven.classOf[c]).values;
    const leefTable = this.leefdomeinenRow(leefdomeinen.classOf[c]).values;
    const exchangeTable = this.exchangeRow(exchange.classOf[c]);
    const connected = new Set(this.adjacency[c]);
    const { scores: floorScores, lastIds } = floors;
    const reached: string[] = [];
    for (let j = 0; j < this.ids.length; j++) {
      if (j === c || takesPart[j] === 0 || connected.has(j)) continue;
      const opgValue = opgTable[opgaven.classOf[j]];
      const leefValue = leefTable[leefdomeinen.classOf[j]];
      if (opgValue === 0 && leefValue === 0) continue;
      const floor = j < floorScores.length ? floorScores[j] : -Infinity;
      if (floor === -Infinity) {
        reached.push(this.ids[j]);
        continue;
      }
      const score = pairScore(weights, total, weights.opgaven * opgValue, leefValue, exchangeTable, exchange.classOf[j]);
      if (score > floor || (score === floor && candidateId <= lastIds[j]!)) reached.push(this.ids[j]);
    }
    return reached;
  }

  /** The last places of these lists, for `listsReachedBy`; kept in step with the lists by `set`. */
  listFloors(lists: ReadonlyMap<string, readonly KennisdelenRanked[]>): KennisdelenListFloors {
    const floors = new KennisdelenListFloors((id) => this.slotOf.get(id), this.profile.k);
    for (const [id, list] of lists) floors.set(id, list);
    return floors;
  }

  private place(partner: PartnerProfile): void {
    let slot = this.slotOf.get(partner.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(partner.id);
      this.slotOf.set(partner.id, slot);
      this.adjacency.push([]);
      this.idRank = null;
    }
    this.takesPart[slot] = partner.matchingOptOut ? 0 : 1;
    this.opgaven.assign(slot, partner);
    this.leefdomeinen.assign(slot, partner);
    this.exchange.assign(slot, partner);
  }

  private candidatesByOpgaven(): { start: Int32Array; slots: Int32Array } {
    if (this.members) return this.members;
    const classOf = this.opgaven.classOf;
    const start = new Int32Array(this.opgaven.count + 1);
    let taking = 0;
    for (let j = 0; j < this.ids.length; j++) {
      if (this.takesPart[j] === 0) continue;
      start[classOf[j] + 1]++;
      taking++;
    }
    for (let c = 0; c < this.opgaven.count; c++) start[c + 1] += start[c];
    const slots = new Int32Array(taking);
    const fill = start.slice(0, this.opgaven.count);
    for (let j = 0; j < this.ids.length; j++) if (this.takesPart[j] === 1) slots[fill[classOf[j]]++] = j;
    this.members = { start, slots };
    return this.members;
  }

  /** Each slot's place in id order: equal scores rank by candidate id. */
  private ranksOfIds(): Int32Array {
    if (this.idRank) return this.idRank;
    const ids = this.ids;
    const rank = new Int32Array(ids.length);
    [...ids.keys()].sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)).forEach((slot, place) => (rank[slot] = place));
    this.idRank = rank;
    return rank;
  }

  // A row of per-class tables is filled the first time a row of its class is ranked, and again
  // once an update added classes (its columns are then too few).
  private opgavenRow(rc: number): OpgavenRow {
    const { representatives, count } = this.opgaven;
    let row = this.opgavenRows.get(rc);
    if (!row || row.values.length !== count) {
      const values = new Float64Array(count);
      for (let c = 0; c < count; c++) values[c] = setTanimoto(OPGAVE_CODES, representatives[rc].opgaven, representatives[c].opgaven);
      row = { values, order: Int32Array.from(values.keys()).sort((x, y) => values[y] - values[x]) };
      this.opgavenRows.set(rc, row);
    }
    return row;
  }

  private leefdomeinenRow(rc: number): LeefdomeinenRow {
    const { representatives, count } = this.leefdomeinen;
    let row = this.leefdomeinenRows.get(rc);
    if (!row || row.values.length !== count) {
      const values = new Float64Array(count);
      let max = 0;
      for (let c = 0; c < count; c++) {
        values[c] = setTanimoto(LEEFDOMEIN_CODES, representatives[rc].leefdomeinen, representatives[c].leefdomeinen);
        max = Math.max(max, values[c]);
      }
      row = { values, max };
      this.leefdomeinenRows.set(rc, row);
    }
    return row;
  }

  private exchangeRow(rc: number): ExchangeRow {
    const { representatives, count } = this.exchange;
    const { weights } = this.profile;
    let row = this.exchangeRows.get(rc);
    if (!row || row.kennisbronnen.length !== count) {
      row = { kennisbronnen: new Float64Array(count), verandertheorie: new Float64Array(count), peers: new Float64Array(count), maxPart: 0 };
      for (let c = 0; c < count; c++) {
        const parts = kennisdelenExchangeComponents(representatives[rc], representatives[c], this.profile);
        row.kennisbronnen[c] = parts.kennisbronnen;
        row.verandertheorie[c] = parts.verandertheorie;
        row.peers[c] = parts.peers;
        row.maxPart = Math.max(row.maxPart, weights.kennisbronnen * parts.kennisbronnen + weights.verandertheorie * parts.verandertheorie + weights.peers * parts.peers);
      }
      this.exchangeRows.set(rc, row);
    }
    return row;
  }
}

/** Every partner's kennisdelen list at once (or only some: everyone still competes); see `KennisdelenRanker`. */
export function rankKennisdelenLists(profiles: readonly PartnerProfile[], options: RankKennisdelenOptions = {}): Map<string, KennisdelenRanked[]> {
  return new KennisdelenRanker(profiles, options).rank(options.only);
}

/**
 * Each list's last place by the ranker's slot: what a candidate must beat to enter the list.
 * `listsReachedBy` visits every partner; looking each one's list up by its id instead took
 * ~60 ms a call at 100,000 partners (twice per changed partner in a repair).
 */
export class KennisdelenListFloors {
  /** The last place's score, or -Infinity for a list with room (every candidate enters it). */
  readonly scores: number[] = [];
  /** The last place's candidate, which a candidate of the same score must not come after. */
  readonly lastIds: (string | undefined)[] = [];

  constructor(
    private readonly slotOf: (id: string) => number | undefined,
    private readonly k: number,
  ) {}

  /** The partner's list is now `list` (none: `undefined`). */
  set(id: string, list: readonly KennisdelenRanked[] | undefined): void {
    const slot = this.slotOf(id);
    if (slot === undefined) return; // unknown to the ranker: reached as a list with room, once placed
    while (this.scores.length <= slot) {
      this.scores.push(-Infinity);
      this.lastIds.push(undefined);
    }
    const last = list && list.length >= this.k ? list[list.length - 1] : undefined;
    this.scores[slot] = last ? last.score : -Infinity;
    this.lastIds[slot] = last?.candidateId;
  }
}
