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

export interface RankKennisdelenOptions {
  profile?: KennisdelenProfile;
  connections?: readonly Connection[];
  /** Pairs rejected or declined for kennisdelen: left out like connected ones. */
  excludedPairs?: readonly Connection[];
  /** Only these partners' lists (everyone still competes as a candidate). */
  only?: readonly string[];
}

/** A set of codes as the key of its class: the known codes in taxonomy order. */
const classKey = (codes: readonly string[] | undefined, universe: readonly string[]) => universe.filter((code) => (codes ?? []).includes(code)).join(',');

/** Distinct values of a key over the partners: each partner's class and one member's codes per class. */
function classesOf(partners: readonly PartnerProfile[], keyOf: (p: PartnerProfile) => string): { classOf: Int32Array; representatives: PartnerProfile[] } {
  const index = new Map<string, number>();
  const representatives: PartnerProfile[] = [];
  const classOf = new Int32Array(partners.length);
  partners.forEach((partner, i) => {
    const key = keyOf(partner);
    let c = index.get(key);
    if (c === undefined) {
      c = representatives.length;
      index.set(key, c);
      representatives.push(partner);
    }
    classOf[i] = c;
  });
  return { classOf, representatives };
}

/**
 * Every partner's kennisdelen list, equal to `rankKennisdelen` (kennisdelen.ts) for each but
 * far faster at scale. A pair's score depends only on the two partners' classes: their set of
 * opgaven, of leefdomeinen, and (kennisbronnen, verandertheorie, sector) — a few hundred of
 * each where partners number 100,000 — so the components are looked up per class pair, and
 * summed in the reference's order so scores agree to the bit. A row visits the candidates
 * grouped by opgaven class, the classes most alike its own first, and stops where even a
 * perfect rest could not reach its list.
 */
export function rankKennisdelenLists(profiles: readonly PartnerProfile[], options: RankKennisdelenOptions = {}): Map<string, KennisdelenRanked[]> {
  const profile = options.profile ?? DEFAULT_KENNISDELEN_PROFILE;
  const errors = validateKennisdelenProfile(profile);
  if (errors.length > 0) throw new Error(`Invalid kennisdelen profile: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  const { weights, k } = profile;
  const total = weights.opgaven + weights.leefdomeinen + weights.kennisbronnen + weights.verandertheorie + weights.peers;

  const active = profiles.filter((p) => !p.matchingOptOut);
  const n = active.length;
  const slotOf = new Map(active.map((p, i) => [p.id, i]));
  const idRank = new Int32Array(n);
  [...active.keys()].sort((a, b) => (active[a].id < active[b].id ? -1 : active[a].id > active[b].id ? 1 : 0)).forEach((slot, rank) => (idRank[slot] = rank));

  const opg = classesOf(active, (p) => classKey(p.opgaven, OPGAVE_CODES));
  const leef = classesOf(active, (p) => classKey(p.leefdomeinen, LEEFDOMEIN_CODES));
  const exchange = classesOf(active, (p) => `${classKey(p.kennisbronnen, KENNISBRON_CODES)}|${classKey(p.verandertheorie, VERANDERTHEORIE_CODES)}|${p.sector}`);
  const opgCount = opg.representatives.length;
  const leefCount = leef.representatives.length;
  const exchangeCount = exchange.representatives.length;

  // Candidates by opgaven class (CSR).
  const memberStart = new Int32Array(opgCount + 1);
  for (let j = 0; j < n; j++) memberStart[opg.classOf[j] + 1]++;
  for (let c = 0; c < opgCount; c++) memberStart[c + 1] += memberStart[c];
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, opgCount);
  for (let j = 0; j < n; j++) members[fill[opg.classOf[j]]++] = j;

  // Connections and excluded pairs by slot, marked per row so such a pair is skipped.
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (const { a, b } of [...(options.connections ?? []), ...(options.excludedPairs ?? [])]) {
    const sa = slotOf.get(a);
    const sb = slotOf.get(b);
    if (sa !== undefined && sb !== undefined) {
      adjacency[sa].push(sb);
      adjacency[sb].push(sa);
    }
  }
  const excludedFor = new Int32Array(n).fill(-1);

  // Per-class-pair tables, filled for a row class the first time a row of it is ranked.
  const opgTanimoto = new Map<number, { values: Float64Array; order: Int32Array }>();
  const opgRow = (rc: number) => {
    let row = opgTanimoto.get(rc);
    if (!row) {
      const values = new Float64Array(opgCount);
      for (let c = 0; c < opgCount; c++) values[c] = setTanimoto(OPGAVE_CODES, opg.representatives[rc].opgaven, opg.representatives[c].opgaven);
      const order = Int32Array.from(values.keys()).sort((x, y) => values[y] - values[x]);
      row = { values, order };
      opgTanimoto.set(rc, row);
    }
    return row;
  };
  const leefTanimoto = new Map<number, { values: Float64Array; max: number }>();
  const leefRow = (rc: number) => {
    let row = leefTanimoto.get(rc);
    if (!row) {
      const values = new Float64Array(leefCount);
      let max = 0;
      for (let c = 0; c < leefCount; c++) {
        values[c] = setTanimoto(LEEFDOMEIN_CODES, leef.representatives[rc].leefdomeinen, leef.representatives[c].leefdomeinen);
        max = Math.max(max, values[c]);
      }
      row = { values, max };
      leefTanimoto.set(rc, row);
    }
    return row;
  };
  const exchangeTables = new Map<number, { kennisbronnen: Float64Array; verandertheorie: Float64Array; peers: Float64Array; maxPart: number }>();
  const exchangeRow = (rc: number) => {
    let row = exchangeTables.get(rc);
    if (!row) {
      row = { kennisbronnen: new Float64Array(exchangeCount), verandertheorie: new Float64Array(exchangeCount), peers: new Float64Array(exchangeCount), maxPart: 0 };
      for (let c = 0; c < exchangeCount; c++) {
        const parts = kennisdelenExchangeComponents(exchange.representatives[rc], exchange.representatives[c], profile);
        row.kennisbronnen[c] = parts.kennisbronnen;
        row.verandertheorie[c] = parts.verandertheorie;
        row.peers[c] = parts.peers;
        row.maxPart = Math.max(row.maxPart, weights.kennisbronnen * parts.kennisbronnen + weights.verandertheorie * parts.verandertheorie + weights.peers * parts.peers);
      }
      exchangeTables.set(rc, row);
    }
    return row;
  };

  // The list being built, worst last: slots and scores, kept sorted (k is small).
  const listSlot = new Int32Array(k);
  const listScore = new Float64Array(k);
  const lists = new Map<string, KennisdelenRanked[]>();
  const rows = options.only ? options.only.map((id) => slotOf.get(id)).filter((slot): slot is number => slot !== undefined) : [...active.keys()];
  // Rounding in a sum of five can put a score a few ulps above its bound: stop only clearly below.
  const slack = 1e-9;

  for (const row of rows) {
    for (const other of adjacency[row]) excludedFor[other] = row;
    excludedFor[row] = row;
    const { values: opgValues, order } = opgRow(opg.classOf[row]);
    const leefTable = leefRow(leef.classOf[row]);
    const exchangeTable = exchangeRow(exchange.classOf[row]);
    const restBound = weights.leefdomeinen * leefTable.max + exchangeTable.maxPart;
    let size = 0;
    for (let t = 0; t < opgCount; t++) {
      const c = order[t];
      const opgPart = weights.opgaven * opgValues[c];
      if (size === k && (opgPart + restBound) / total < listScore[k - 1] - slack) break;
      for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
        const j = members[m];
        if (excludedFor[j] === row) continue;
        const leefValue = leefTable.values[leef.classOf[j]];
        if (opgValues[c] === 0 && leefValue === 0) continue; // nothing to learn about together
        const e = exchange.classOf[j];
        // The reference's order: Σ wᵢ·cᵢ over opgaven, leefdomeinen, kennisbronnen, verandertheorie, peers, then / Σw.
        let score = opgPart;
        score += weights.leefdomeinen * leefValue;
        score += weights.kennisbronnen * exchangeTable.kennisbronnen[e];
        score += weights.verandertheorie * exchangeTable.verandertheorie[e];
        score += weights.peers * exchangeTable.peers[e];
        score /= total;
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
        candidateId: active[j].id,
        score: listScore[i],
        components: {
          opgaven: opgValues[opg.classOf[j]],
          leefdomeinen: leefTable.values[leef.classOf[j]],
          kennisbronnen: exchangeTable.kennisbronnen[e],
          verandertheorie: exchangeTable.verandertheorie[e],
          peers: exchangeTable.peers[e],
        },
      });
    }
    lists.set(active[row].id, list);
  }
  for (const id of options.only ?? []) if (!lists.has(id)) lists.set(id, []); // opted out or unknown: no list
  return lists;
}
