import { Logger } from '@nestjs/common';
import type { ImpressionSurface } from '@app/persistence';
import { ImpressionRecorder, toRows } from './impression-recorder.service';

const list = (partner: string, candidates: string[], offset?: number, purpose?: string) =>
  JSON.stringify({ partner: { id: partner }, ...(purpose ? { purpose } : {}), items: candidates.map((id) => ({ candidate: { id }, score: 0.5 })), ...(offset === undefined ? {} : { offset }) });

describe('toRows', () => {
  it('makes one row per partner, candidate, surface, purpose and rank, summing the times of every body that showed it', () => {
    const early = new Date('2026-12-02T10:00:00Z');
    const late = new Date('2026-12-02T10:00:01Z');
    const taken = new Map<ImpressionSurface, Map<string, { times: number; firstAt: Date }>>([
      [
        'api',
        new Map([
          [list('p', ['a', 'b', 'c'], 0), { times: 3, firstAt: late }],
          // The same first place in another body (another limit): the same row.
          [list('p', ['a'], 0), { times: 2, firstAt: early }],
          // A second page: ranks count the offset.
          [list('p', ['c', 'd'], 2), { times: 1, firstAt: late }],
          // The kennisdelen list's first place: a row of its own.
          [list('p', ['a'], 0, 'kennisdelen'), { times: 6, firstAt: late }],
        ]),
      ],
      ['embed', new Map([[list('p', ['a']), { times: 4, firstAt: late }]])],
    ]);
    expect(toRows(taken)).toEqual([
      { partnerId: 'p', candidateId: 'a', surface: 'api', purpose: 'samenwerken', rank: 1, times: 5, shownAt: early },
      { partnerId: 'p', candidateId: 'b', surface: 'api', purpose: 'samenwerken', rank: 2, times: 3, shownAt: late },
      { partnerId: 'p', candidateId: 'c', surface: 'api', purpose: 'samenwerken', rank: 3, times: 4, shownAt: late },
      { partnerId: 'p', candidateId: 'd', surface: 'api', purpose: 'samenwerken', rank: 4, times: 1, shownAt: late },
      { partnerId: 'p', candidateId: 'a', surface: 'api', purpose: 'kennisdelen', rank: 1, times: 6, shownAt: late },
      { partnerId: 'p', candidateId: 'a', surface: 'embed', purpose: 'samenwerken', rank: 1, times: 4, shownAt: late },
    ]);
  });
});

describe('ImpressionRecorder', () => {
  it('writes nothing on a read, then everything buffered in one insert; a failed write is kept for the next', async () => {
    const inserts: unknown[][] = [];
    let fail = true;
    const repository = { insertMany: jest.fn(async (rows: unknown[]) => (fail ? Promise.reject(new Error('database away')) : (inserts.push(rows), rows.length))) };
    const recorder = new ImpressionRecorder(repository as never, { impressions: true });
    const body = list('p', ['a', 'b']);
    for (let i = 0; i < 1000; i++) recorder.shown('console', body);
    expect(repository.insertMany).not.toHaveBeenCalled();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(await recorder.flush()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database away'));
    fail = false;
    recorder.shown('console', body);
    expect(await recorder.flush()).toBe(2);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toEqual([expect.objectContaining({ candidateId: 'a', rank: 1, times: 1001 }), expect.objectContaining({ candidateId: 'b', rank: 2, times: 1001 })]);
    expect(await recorder.flush()).toBe(0);
  });
});
