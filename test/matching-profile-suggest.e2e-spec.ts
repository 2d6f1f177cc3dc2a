import { DataSource } from 'typeorm';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const UTRECHT = 'GM0344';
const GRONINGEN = 'GM0014';

// Eight partners in Utrecht and eight in Groningen, alike in everything but place and sector
// (onderwijs or bedrijfsleven, alternating): opgaven, leefdomeinen, offers and needs are equal,
// so those components are the same for every pair.
const partnerAt = (i: number) =>
  partnerBody({ name: `Partner ${i}`, gemeenten: [i < 8 ? UTRECHT : GRONINGEN], sector: i % 2 ? 'onderwijs' : 'bedrijfsleven', contactEmail: null, website: null });

describe('POST /v1/matching/profile/suggest (PostgreSQL)', () => {
  let api: TestApp;
  let db: DataSource;
  let ids: string[] = [];
  const samePlace: [string, string][] = [];
  const apart: [string, string][] = [];

  const setStatus = (pairs: [string, string][], status: string) =>
    db.query(
      `INSERT INTO match (partner_a_id, partner_b_id, status)
       SELECT LEAST(a, b), GREATEST(a, b), $2 FROM unnest($1::uuid[], $3::uuid[]) AS pair(a, b)
       ON CONFLICT (partner_a_id, partner_b_id, purpose) DO UPDATE SET status = EXCLUDED.status`,
      [pairs.map(([a]) => a), status, pairs.map(([, b]) => b)],
    );

  beforeAll(async () => {
    api = await startTestApp('profile_suggest');
    db = api.app.get(DataSource);
    for (let i = 0; i < 16; i++) ids.push((await createPartner(api, partnerAt(i))).id);
    for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) (i < 8 === j < 8 ? samePlace : apart).push([ids[i], ids[j]]);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers 422 saying how many more decisions of each kind are needed', async () => {
    const none = await api.http().post('/v1/matching/profile/suggest').expect(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body).toMatchObject({ type: '/problems/insufficient-data', status: 422, title: 'Unprocessable content' });
    expect(none.body.detail).toBe('Too few decisions to learn weights from: 0 positive and 0 negative, at least 30 of each are needed (30 more positive and 30 more negative)');
    expect(none.body.errors).toEqual([
      { field: 'decisions.positive', message: '30 more needed (at least 30)', value: 0 },
      { field: 'decisions.negative', message: '30 more needed (at least 30)', value: 0 },
    ]);

    // The team approves 25 pairs in one place and rejects 35 across the country: 5 positive short.
    await setStatus(samePlace.slice(0, 25), 'approved');
    await setStatus(apart.slice(0, 35), 'rejected');
    const short = await api.http().post('/v1/matching/profile/suggest').expect(422);
    expect(short.body.detail).toBe('Too few decisions to learn weights from: 25 positive and 35 negative, at least 30 of each are needed (5 more positive)');
    expect(short.body.errors).toEqual([{ field: 'decisions.positive', message: '5 more needed (at least 30)', value: 25 }]);
  });

  it('learns that place decides here, proposes it beside today\'s weights and applies nothing', async () => {
    // Five partners say they are interested in a partner in their own gemeente: 30 positive.
    await db.query(
      `INSERT INTO feedback (partner_id, candidate_id, verdict) SELECT a, b, 'interested' FROM unnest($1::uuid[], $2::uuid[]) AS pair(a, b)`,
      [samePlace.slice(25, 30).map(([a]) => a), samePlace.slice(25, 30).map(([, b]) => b)],
    );
    const before = (await api.http().get('/v1/matching/profile').expect(200)).body;
    const { body } = await api.http().post('/v1/matching/profile/suggest').expect(200);
    expect(body).toMatchObject({ basedOnVersion: 1, decisions: { positive: 30, negative: 35 }, currentWeights: before.weights });
    // Equal for every pair: nothing to learn, today's weights stay.
    expect(body.constant).toEqual(['opgaven', 'leefdomeinen', 'reciprocity', 'network']);
    for (const name of body.constant) expect(body.proposed.weights[name]).toBe(before.weights[name]);
    // Region (1 in one gemeente, ~0 between Utrecht and Groningen) separates the decisions; the
    // sector does not. Region and sector share today's 0.25 + 0.15.
    const { region, sector } = body.proposed.weights;
    expect(region + sector).toBeCloseTo(0.4, 3);
    expect(region).toBeGreaterThan(0.35);
    expect(body.coefficients.region).toBeGreaterThan(0);
    expect(body.auc).toMatchObject({ folds: 5, proposed: 1 });
    expect(body.auc.current).toBeGreaterThanOrEqual(0.9);
    const { weights: _weights, ...rest } = body.proposed;
    // The proposal is settings to send back, without the version's own fields (its purpose is the route's default).
    const { weights: _today, version: _version, note: _note, createdAt: _createdAt, purpose: _purpose, ...todayRest } = before;
    expect(rest).toEqual(todayRest);
    // Never applied by itself.
    expect((await api.http().get('/v1/matching/profile').expect(200)).body.version).toBe(1);
    // What the preview and PUT take.
    await api.http().post('/v1/matching/profile/preview').send(body.proposed).expect(200);
  });

  it('is documented with its 422', () => {
    const operation = api.openApi.paths['/v1/matching/profile/suggest'].post!;
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '422', '429', '503']);
  });
});
