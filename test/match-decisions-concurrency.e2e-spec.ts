import { completeFullRun } from './support/full-run';
import { createPartner, NATIONAL_KNOWLEDGE_PARTNER, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const ROUNDS = 8;
const PARALLEL = 20;
const WINDOW = 10;

interface HistoryEvent {
  from: string;
  to: string;
}

describe('concurrent bulk decisions on overlapping matches (PostgreSQL)', () => {
  let api: TestApp;
  let matchIds: string[] = [];

  beforeAll(async () => {
    api = await startTestApp('bulk_concurrency');
    const fixtures = [...UTRECHT_PARTNERS, { name: 'Jeugdfonds Sport & Cultuur Zeist', gemeenten: ['GM0355'], offers: ['sportaanbod'] }, NATIONAL_KNOWLEDGE_PARTNER];
    for (const fixture of fixtures) await createPartner(api, partnerBody(fixture));
    await completeFullRun(api);
    matchIds = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items.map((item: { id: string }) => item.id);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it(`answers ${ROUNDS} × ${PARALLEL} parallel bulk requests with 200 or 409, never 500, and the audit trail matches the final state`, async () => {
    expect(matchIds.length).toBeGreaterThanOrEqual(15);
    const applied = new Map<string, number>(matchIds.map((id) => [id, 0]));
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Pending pairs are approved in even rounds and sent back in odd ones; the windows
      // overlap and half run backwards, so two requests often want each other's rows.
      const status = round % 2 === 0 ? 'approved' : 'pending';
      const bodies = Array.from({ length: PARALLEL }, (_, index) => {
        const window = Array.from({ length: WINDOW }, (__, offset) => matchIds[(index * 3 + offset) % matchIds.length]);
        return { ids: index % 2 ? window.reverse() : window, status, note: `ronde ${round}` };
      });
      const responses = await Promise.all(bodies.map((body) => api.http().post('/v1/matches/bulk').send(body)));
      responses.forEach((response, index) => {
        statuses.push(response.status);
        if (response.status === 409) expect(response.body.type).toBe('/problems/conflict');
        if (response.status === 200) for (const id of new Set(bodies[index].ids)) applied.set(id, applied.get(id)! + 1);
      });
    }
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);

    for (const id of matchIds) {
      const { match, items } = (await api.http().get(`/v1/matches/${id}/history`).expect(200)).body as { match: { status: string }; items: HistoryEvent[] };
      // One event per accepted request that held the match, chained from pending to the status it has now.
      expect(items.length).toBe(applied.get(id));
      let status = 'pending';
      for (const event of items) {
        expect(event.from).toBe(status);
        status = event.to;
      }
      expect(match.status).toBe(status);
    }
  });
});
