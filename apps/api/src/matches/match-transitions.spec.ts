import { MATCH_STATUSES } from '@app/persistence';
import { allowedNextStatuses, canMove, changesLists } from './match-transitions';

describe('match transitions', () => {
  it('lets the team approve or reject a pending pair, and introduce only an approved one', () => {
    expect(allowedNextStatuses('pending')).toEqual(['approved', 'rejected']);
    expect(canMove('pending', 'introduced')).toBe(false);
    expect(canMove('approved', 'introduced')).toBe(true);
    expect(canMove('introduced', 'collaborating')).toBe(true);
  });

  it('never stays put and never leaves a collaboration', () => {
    for (const status of MATCH_STATUSES) expect(canMove(status, status)).toBe(false);
    expect(allowedNextStatuses('collaborating')).toEqual([]);
  });

  it('reopens a rejection or a decline', () => {
    expect(canMove('rejected', 'pending')).toBe(true);
    expect(canMove('declined', 'pending')).toBe(true);
  });

  it('says which moves change the computed lists', () => {
    expect(changesLists('pending', 'rejected')).toBe(true);
    expect(changesLists('rejected', 'pending')).toBe(true);
    expect(changesLists('introduced', 'collaborating')).toBe(true);
    expect(changesLists('pending', 'approved')).toBe(false);
    expect(changesLists('approved', 'introduced')).toBe(false);
  });
});
