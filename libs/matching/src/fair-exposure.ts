import type { MatchingProfile } from './matching-profile';
import type { RankedCandidate } from './types';

/** The places the exposure cap counts: the first five of a list, what a partner sees first. */
export const EXPOSURE_TOP_PLACES = 5;

/** One partner's list after the fair-exposure step. */
export interface FairList {
  /** The same candidates and scores as before, in their new order. */
  ranked: RankedCandidate[];
  /** Candidates the cap moved out of this list's top five (they hold their top-five places in lists they fit better). */
  capped: string[];
  /** Candidates moved to the end because they are at capacity (open introductions ≥ the profile's maximum). */
  atCapacity: string[];
}

/** Whether the profile asks for the fair-exposure step at all. */
export function fairExposureActive(profile: MatchingProfile): boolean {
  return profile.maxTopPlaces != null || profile.maxOpenIntroductions != null;
}

const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The fair-exposure step over every list at once (it is the only step that looks across lists,
 * so it runs after each list was ranked and diversified on its own):
 *
 * 1. **Capacity**: a candidate with `openIntroductions ≥ profile.maxOpenIntroductions` is moved
 *    to the end of every list it is in (in its own order among such candidates). It is not
 *    removed: the team still sees it, last, with the reason, and it comes back up when an
 *    introduction closes. Its own list is not touched.
 * 2. **Top-five cap**: no candidate holds more than `profile.maxTopPlaces` of all lists' top five
 *    places (unless a list has no one else left to fill its five). A candidate over the cap keeps the places where it fits best (highest score, then
 *    the better place, then the viewer's id) and gives way in the others: it moves to place six
 *    and the next candidate moves up. Who moves up may go over the cap in turn, so this repeats
 *    until no one is over it (each round moves at least one pair for good, so it ends).
 *
 * Scores are never changed, only the order; a list is never shortened. The result depends only
 * on the lists and the counts, not on the order of the map, so a full run and an incremental
 * repair that hold the same lists agree. Lists of partners absent from `lists` are not made up.
 */
export function applyFairExposure(
  lists: ReadonlyMap<string, readonly RankedCandidate[]>,
  profile: MatchingProfile,
  openIntroductions: ReadonlyMap<string, number> = new Map(),
): Map<string, FairList> {
  const limit = profile.maxOpenIntroductions;
  const full = (id: string) => limit != null && (openIntroductions.get(id) ?? 0) >= limit;
  const viewers = [...lists.keys()].sort(byId);
  // Step 1: at-capacity candidates last.
  const base = new Map<string, RankedCandidate[]>();
  const atCapacity = new Map<string, string[]>();
  for (const viewer of viewers) {
    const list = lists.get(viewer)!;
    const open = list.filter((entry) => !full(entry.candidateId));
    const last = list.filter((entry) => full(entry.candidateId));
    base.set(viewer, [...open, ...last]);
    atCapacity.set(viewer, last.map((entry) => entry.candidateId));
  }
  // Step 2: the cap, as bans of (viewer, candidate) from the viewer's top five.
  const cap = profile.maxTopPlaces;
  const banned = new Map<string, Set<string>>(viewers.map((viewer) => [viewer, new Set<string>()]));
  const arrange = (viewer: string): RankedCandidate[] => {
    const list = base.get(viewer)!;
    const ban = banned.get(viewer)!;
    if (ban.size === 0) return list;
    const top: RankedCandidate[] = [];
    const rest: RankedCandidate[] = [];
    // A candidate at capacity never moves up into the top five for someone who gave way: it stays behind everyone.
    for (const entry of list) (top.length < EXPOSURE_TOP_PLACES && !ban.has(entry.candidateId) && !full(entry.candidateId) ? top : rest).push(entry);
    return [...top, ...rest];
  };
  if (cap != null) {
    for (;;) {
      const places = new Map<string, { viewer: string; score: number; place: number }[]>();
      for (const viewer of viewers) {
        const ban = banned.get(viewer)!;
        arrange(viewer)
          .slice(0, EXPOSURE_TOP_PLACES)
          .forEach((entry, place) => {
            // A banned candidate in the top five is there only because the list has no one else left.
            if (ban.has(entry.candidateId)) return;
            const held = places.get(entry.candidateId) ?? [];
            held.push({ viewer, score: entry.score, place });
            places.set(entry.candidateId, held);
          });
      }
      let moved = false;
      for (const [candidate, held] of places) {
        if (held.length <= cap) continue;
        held.sort((x, y) => y.score - x.score || x.place - y.place || byId(x.viewer, y.viewer));
        for (const { viewer } of held.slice(cap)) banned.get(viewer)!.add(candidate);
        moved = true;
      }
      // Every round that moves bans at least one new pair (the held places are unbanned ones), so this ends.
      if (!moved) break;
    }
  }
  const result = new Map<string, FairList>();
  for (const viewer of viewers) {
    const ranked = arrange(viewer);
    // A ban is only ever made for a candidate in the list's top five, and bans only lift others up.
    result.set(viewer, { ranked, capped: [...banned.get(viewer)!].sort(byId), atCapacity: atCapacity.get(viewer)! });
  }
  return result;
}

/** How many of all lists' top-five places each candidate holds: what `maxTopPlaces` caps (the bench and the tests read it). */
export function topPlaceCounts(lists: Iterable<readonly RankedCandidate[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of lists) {
    for (const entry of list.slice(0, EXPOSURE_TOP_PLACES)) counts.set(entry.candidateId, (counts.get(entry.candidateId) ?? 0) + 1);
  }
  return counts;
}
