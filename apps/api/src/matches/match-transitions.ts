import type { MatchStatus } from '@app/persistence';

/**
 * The review workflow. The team approves or rejects a suggested pair, introduces approved
 * pairs, and records whether the partners went on to collaborate; a rejection or a decline
 * can be reopened, a collaboration is final (it is a connection from then on).
 */
const NEXT_STATUSES: Record<MatchStatus, readonly MatchStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['introduced', 'rejected', 'pending'],
  rejected: ['pending'],
  introduced: ['collaborating', 'declined'],
  declined: ['pending'],
  collaborating: [],
};

export function allowedNextStatuses(from: MatchStatus): readonly MatchStatus[] {
  return NEXT_STATUSES[from];
}

export function canMove(from: MatchStatus, to: MatchStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Statuses whose pairs the matching leaves out; moving into or out of them changes lists. */
const OUT_OF_LISTS: readonly MatchStatus[] = ['rejected', 'declined', 'collaborating'];

export function changesLists(from: MatchStatus, to: MatchStatus): boolean {
  return OUT_OF_LISTS.includes(from) !== OUT_OF_LISTS.includes(to);
}
