import { findGemeente } from '@app/taxonomy';
import { generateSyntheticProfiles, mulberry32, type Random, type SyntheticPartner } from '../synthetic';
import type { Connection } from '../types';

/**
 * A synthetic network whose connections come from a hidden process that is not the matching
 * score: partners collaborate because they happen to join the same latent project, a project
 * lives in one gemeente around one opgave, and some partners are simply more active than others.
 * Sector, leefdomeinen, offers and needs play no part, and shared opgaven only through the
 * projects (not as a Tanimoto): a ranker can only do well by recovering "same place, same
 * opgave, busy partner", whatever its formula.
 *
 * - Each partner gets a hidden activity, log-normal (σ 0.8).
 * - Cell = (gemeente, opgave): the local and regional partners listing both; a regional
 *   partner's weight is spread over its gemeenten (activity / √gemeenten).
 * - Each cell with two or more members starts Poisson(0.2 × members) projects of 2 + Poisson(1)
 *   members (at most 5), drawn by weight; a project takes one partner from a neighbouring
 *   gemeente's cell of the same opgave with probability 0.25, and a national partner working on
 *   the opgave (by activity) with probability 0.15.
 * - Each pair in a project becomes a connection with probability 0.6 (not everyone in a project
 *   works with everyone).
 * - Noise: 15% more connections between uniformly random pairs.
 */
export interface GroundTruthNetwork {
  profiles: SyntheticPartner[];
  connections: Connection[];
  facts: { projects: number; projectConnections: number; noiseConnections: number };
}

export const GROUND_TRUTH = {
  activitySigma: 0.8,
  projectsPerMember: 0.2,
  extraMembersMean: 1,
  maxProjectSize: 5,
  neighbourJoin: 0.25,
  nationalJoin: 0.15,
  pairRealised: 0.6,
  noiseShare: 0.15,
} as const;

function gaussian(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function poisson(random: Random, mean: number): number {
  // Knuth's method: the means here are small.
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count++;
  return count;
}

interface Member {
  index: number;
  weight: number;
}

/** Draws up to `count` distinct members by weight, skipping those in `taken`. */
function drawWeighted(random: Random, pool: readonly Member[], count: number, taken: Set<number>): number[] {
  const drawn: number[] = [];
  for (let round = 0; round < count; round++) {
    const open = pool.filter((member) => !taken.has(member.index));
    const total = open.reduce((sum, member) => sum + member.weight, 0);
    if (open.length === 0 || total <= 0) break;
    let target = random() * total;
    let chosen = open[open.length - 1];
    for (const member of open) {
      target -= member.weight;
      if (target < 0) {
        chosen = member;
        break;
      }
    }
    taken.add(chosen.index);
    drawn.push(chosen.index);
  }
  return drawn;
}

/** The seeded network: `count` partners of the usual generator, connections from latent projects. */
export function groundTruthNetwork(options: { count: number; seed: number }): GroundTruthNetwork {
  const profiles = generateSyntheticProfiles(options);
  const random = mulberry32((options.seed ^ 0x5bd1e995) >>> 0);
  const g = GROUND_TRUTH;
  const activity = profiles.map(() => Math.exp(g.activitySigma * gaussian(random)));
  const cells = new Map<string, Member[]>();
  const nationals = new Map<string, Member[]>();
  profiles.forEach((partner, index) => {
    if (partner.scope === 'national') {
      for (const opgave of partner.opgaven) nationals.set(opgave, [...(nationals.get(opgave) ?? []), { index, weight: activity[index] }]);
      return;
    }
    const weight = activity[index] / Math.sqrt(Math.max(1, partner.gemeenten.length));
    for (const gemeente of partner.gemeenten) {
      for (const opgave of partner.opgaven) {
        const key = `${gemeente}|${opgave}`;
        const cell = cells.get(key) ?? [];
        cell.push({ index, weight });
        cells.set(key, cell);
      }
    }
  });

  const n = profiles.length;
  const seen = new Set<number>();
  const connections: Connection[] = [];
  const connect = (x: number, y: number) => {
    if (x === y) return false;
    const key = Math.min(x, y) * n + Math.max(x, y);
    if (seen.has(key)) return false;
    seen.add(key);
    connections.push({ a: profiles[x].id, b: profiles[y].id });
    return true;
  };
  let projects = 0;
  for (const key of [...cells.keys()].sort()) {
    const cell = cells.get(key)!;
    if (cell.length < 2) continue;
    const [gemeente, opgave] = key.split('|');
    const neighbours = (findGemeente(gemeente)?.neighbours ?? []).flatMap((code) => cells.get(`${code}|${opgave}`) ?? []);
    const count = poisson(random, g.projectsPerMember * cell.length);
    for (let project = 0; project < count; project++) {
      projects++;
      const size = Math.min(g.maxProjectSize, 2 + poisson(random, g.extraMembersMean));
      const taken = new Set<number>();
      const members = drawWeighted(random, cell, size, taken);
      if (random() < g.neighbourJoin) members.push(...drawWeighted(random, neighbours, 1, taken));
      if (random() < g.nationalJoin) members.push(...drawWeighted(random, nationals.get(opgave) ?? [], 1, taken));
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) if (random() < g.pairRealised) connect(members[i], members[j]);
      }
    }
  }
  const projectConnections = connections.length;
  const noise = Math.round(g.noiseShare * projectConnections);
  for (let made = 0, guard = 0; made < noise && guard < noise * 20; guard++) {
    if (connect(Math.floor(random() * n), Math.floor(random() * n))) made++;
  }
  return { profiles, connections, facts: { projects, projectConnections, noiseConnections: connections.length - projectConnections } };
}
