import type { PartnerProfile } from '@app/matching';
import { listsDifferingFromStored } from './match-index-cache.service';

describe('listsDifferingFromStored', () => {
  const profiles = new Map(['a', 'b'].map((id) => [id, { id } as PartnerProfile]));
  const computed = { ranked: (id: string) => (id === 'a' ? [{ candidateId: 'x', score: 0.8 }, { candidateId: 'y', score: 0.6 }] : []) };

  it('finds none where the stored lists are the computed ones at ranks 1..n', () => {
    const stored = new Map([['a', [{ candidateId: 'x', score: 0.8, rank: 1 }, { candidateId: 'y', score: 0.6, rank: 2 }]]]);
    expect(listsDifferingFromStored(stored, computed, profiles)).toEqual([]);
  });

  it('finds a list with a gap in its ranks: a deleted candidate\'s row went with it', () => {
    const stored = new Map([['a', [{ candidateId: 'x', score: 0.8, rank: 1 }, { candidateId: 'y', score: 0.6, rank: 3 }]]]);
    expect(listsDifferingFromStored(stored, computed, profiles)).toEqual(['a']);
  });

  it('finds other candidates, order or scores, and lists of partners no longer there', () => {
    const reordered = new Map([['a', [{ candidateId: 'y', score: 0.6, rank: 1 }, { candidateId: 'x', score: 0.8, rank: 2 }]]]);
    const rescored = new Map([['a', [{ candidateId: 'x', score: 0.7, rank: 1 }, { candidateId: 'y', score: 0.6, rank: 2 }]]]);
    const gone = new Map([['c', [{ candidateId: 'x', score: 0.5, rank: 1 }]]]);
    expect(listsDifferingFromStored(reordered, computed, profiles)).toEqual(['a']);
    expect(listsDifferingFromStored(rescored, computed, profiles)).toEqual(['a']);
    expect(listsDifferingFromStored(gone, computed, profiles)).toEqual(['a', 'c']);
  });
});
