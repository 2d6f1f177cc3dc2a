/** How many top lists a partner appears in, before and after. */
export interface AppearanceShift {
  id: string;
  before: number;
  after: number;
}

export interface ListComparison {
  /** Partners with a list on either side. */
  listsCompared: number;
  /** Lists whose candidates or their order differ. */
  changedLists: number;
  /** Mean share of each non-empty old top-n still in the new top-n; null when no old list has any. */
  meanOverlap: number | null;
  /** Up to n candidates that entered the most top lists, biggest rise first. */
  gainers: AppearanceShift[];
  /** Up to n candidates that left the most top lists, biggest drop first. */
  losers: AppearanceShift[];
}

/**
 * Compares two sets of ranked lists (candidate ids, best first, by partner id), e.g. today's
 * lists and those a proposed profile would give. A partner missing on one side has an empty list.
 */
export function compareLists(
  before: ReadonlyMap<string, readonly string[]>,
  after: ReadonlyMap<string, readonly string[]>,
  top = 10,
): ListComparison {
  const ids = new Set([...before.keys(), ...after.keys()]);
  const shifts = new Map<string, AppearanceShift>();
  const shiftOf = (id: string) => {
    let shift = shifts.get(id);
    if (!shift) shifts.set(id, (shift = { id, before: 0, after: 0 }));
    return shift;
  };
  let changedLists = 0;
  let overlapSum = 0;
  let overlapLists = 0;
  for (const id of ids) {
    const old = before.get(id) ?? [];
    const now = after.get(id) ?? [];
    if (old.length !== now.length || old.some((candidate, rank) => candidate !== now[rank])) changedLists++;
    const oldTop = old.slice(0, top);
    const nowTop = new Set(now.slice(0, top));
    if (oldTop.length > 0) {
      overlapSum += oldTop.filter((candidate) => nowTop.has(candidate)).length / oldTop.length;
      overlapLists++;
    }
    for (const candidate of oldTop) shiftOf(candidate).before++;
    for (const candidate of nowTop) shiftOf(candidate).after++;
  }
  const change = (shift: AppearanceShift) => shift.after - shift.before;
  const byId = (a: AppearanceShift, b: AppearanceShift) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const all = [...shifts.values()];
  return {
    listsCompared: ids.size,
    changedLists,
    meanOverlap: overlapLists > 0 ? overlapSum / overlapLists : null,
    gainers: all.filter((shift) => change(shift) > 0).sort((a, b) => change(b) - change(a) || b.after - a.after || byId(a, b)).slice(0, top),
    losers: all.filter((shift) => change(shift) < 0).sort((a, b) => change(a) - change(b) || b.before - a.before || byId(a, b)).slice(0, top),
  };
}
