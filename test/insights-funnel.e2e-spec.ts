import { Client } from 'pg';
import { outcomeNote } from '../apps/api/src/mail/outcome-notes';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const UTRECHT = 'GM0344'; // province Utrecht, PV26
const GRONINGEN = 'GM0014'; // province Groningen, PV20

/**
 * A small network whose pairs are placed on the funnel by hand (rows as the review, the
 * impressions, the answers and the follow-ups write them), so every count below is a hand count.
 */
const PARTNERS = {
  school: { name: 'School Utrecht', sector: 'onderwijs', gemeenten: [UTRECHT] },
  shop: { name: 'Winkel Utrecht', sector: 'bedrijfsleven', gemeenten: [UTRECHT] },
  gemeente: { name: 'Gemeente Utrecht', sector: 'gemeente', gemeenten: [UTRECHT] },
  schoolNorth: { name: 'School Groningen', sector: 'onderwijs', gemeenten: [GRONINGEN] },
  shopNorth: { name: 'Winkel Groningen', sector: 'bedrijfsleven', gemeenten: [GRONINGEN] },
  national: { name: 'Landelijk Kenniscentrum', sector: 'kennisinstelling', scope: 'national', gemeenten: [] },
} as const;
type Name = keyof typeof PARTNERS;

interface Pair {
  a: Name;
  b: Name;
  status: string;
  /** Status changes in order, from pending. */
  path?: string[];
  shown?: Name[];
  interested?: Name[];
  notInterested?: Name[];
  notes?: string[];
  created?: string;
}

// What each pair reached:                                      approved shown interested introduced talked collaborating
const PAIRS: Pair[] = [
  { a: 'school', b: 'shop', status: 'pending' }, //                    -       -      -          -         -       -
  { a: 'school', b: 'gemeente', status: 'approved', path: ['approved'] }, // ✓ - - - - -
  { a: 'shop', b: 'gemeente', status: 'approved', path: ['approved'], shown: ['shop'], notInterested: ['gemeente'] }, // ✓ ✓ - - - -
  { a: 'school', b: 'schoolNorth', status: 'approved', path: ['approved'], shown: ['school', 'schoolNorth'], interested: ['school'] }, // ✓ ✓ ✓(one) - - -
  { a: 'shop', b: 'schoolNorth', status: 'introduced', path: ['approved', 'introduced'], shown: ['shop'], interested: ['shop', 'schoolNorth'] }, // ✓ ✓ ✓(both) ✓ - -
  // Introduced before impressions were recorded: shown and interested only by implication.
  { a: 'gemeente', b: 'schoolNorth', status: 'declined', path: ['approved', 'introduced', 'declined'], notes: [outcomeNote('talked')] }, // ✓ (✓) (✓) ✓ ✓ -
  { a: 'school', b: 'national', status: 'collaborating', path: ['approved', 'introduced', 'collaborating'], shown: ['national'], interested: ['school', 'national'], notes: [outcomeNote('no-contact')] }, // ✓ ✓ ✓(both) ✓ (✓) ✓
  { a: 'shopNorth', b: 'schoolNorth', status: 'rejected', path: ['rejected'], created: '2026-01-15T12:00:00Z' }, // - - - - - -
];

describe('GET /v1/insights/funnel (PostgreSQL, hand-counted network)', () => {
  let api: TestApp;
  let db: Client;
  const ids = {} as Record<Name, string>;
  const funnel = async (query = '') => (await api.http().get(`/v1/insights/funnel${query}`).expect(200)).body;
  const pairsOf = (body: { steps: { step: string; pairs: number }[] }) => Object.fromEntries(body.steps.map((step) => [step.step, step.pairs]));

  beforeAll(async () => {
    api = await startTestApp('insights_funnel');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    for (const [name, fixture] of Object.entries(PARTNERS)) ids[name as Name] = (await createPartner(api, partnerBody({ ...fixture, contactEmail: null, website: null }))).id;
    for (const pair of PAIRS) {
      const [a, b] = [ids[pair.a], ids[pair.b]].sort();
      const { rows } = await db.query(`INSERT INTO match (partner_a_id, partner_b_id, status, created_at) VALUES ($1, $2, $3, $4) RETURNING id`, [a, b, pair.status, pair.created ?? '2026-11-20T12:00:00Z']);
      let from = 'pending';
      for (const to of pair.path ?? []) {
        await db.query(`INSERT INTO match_event (match_id, actor, from_status, to_status) VALUES ($1, 'Sardes', $2, $3)`, [rows[0].id, from, to]);
        from = to;
      }
      for (const note of pair.notes ?? []) await db.query(`INSERT INTO match_event (match_id, actor, from_status, to_status, note) VALUES ($1, 'Partner', $2, $2, $3)`, [rows[0].id, pair.status, note]);
      const other = (side: Name) => ids[side === pair.a ? pair.b : pair.a];
      for (const side of pair.shown ?? []) await db.query(`INSERT INTO impression (partner_id, candidate_id, surface, rank, times) VALUES ($1, $2, 'console', 1, 1)`, [ids[side], other(side)]);
      for (const side of pair.interested ?? []) await db.query(`INSERT INTO feedback (partner_id, candidate_id, verdict) VALUES ($1, $2, 'interested')`, [ids[side], other(side)]);
      for (const side of pair.notInterested ?? []) await db.query(`INSERT INTO feedback (partner_id, candidate_id, verdict) VALUES ($1, $2, 'not-relevant')`, [ids[side], other(side)]);
    }
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('counts every pair at the steps it reached, a later step counting for the earlier ones, with the rates between them', async () => {
    const body = await funnel();
    expect(body.filters).toEqual({ from: null, to: null, province: null, sector: null, purpose: 'samenwerken' });
    expect(body.steps).toEqual([
      { step: 'suggested', pairs: 8, recorded: 8, rate: null },
      { step: 'approved', pairs: 6, recorded: 6, rate: 0.75 },
      { step: 'shown', pairs: 5, recorded: 4, rate: 0.8333 },
      { step: 'interested', pairs: 4, recorded: 3, rate: 0.8 },
      { step: 'introduced', pairs: 3, recorded: 3, rate: 0.75 },
      { step: 'talked', pairs: 2, recorded: 1, rate: 0.6667 },
      { step: 'collaborating', pairs: 1, recorded: 1, rate: 0.5 },
    ]);
    expect(body).toMatchObject({ interestedBothSides: 2, bothSidesRate: 0.5 });
  });

  it('gives the same steps per sector pair, most suggested first', async () => {
    const { bySectorPair } = await funnel();
    const bySectors = Object.fromEntries(bySectorPair.map((pair: { sectors: string[] }) => [pair.sectors.join('+'), pair]));
    // school–shop, shop–schoolNorth, shopNorth–schoolNorth are bedrijfsleven+onderwijs: 3 pairs.
    expect(bySectorPair[0].sectors).toEqual(['bedrijfsleven', 'onderwijs']);
    expect(pairsOf(bySectors['bedrijfsleven+onderwijs'])).toEqual({ suggested: 3, approved: 1, shown: 1, interested: 1, introduced: 1, talked: 0, collaborating: 0 });
    expect(bySectors['bedrijfsleven+onderwijs'].interestedBothSides).toBe(1);
    // school–gemeente, gemeente–schoolNorth.
    expect(pairsOf(bySectors['gemeente+onderwijs'])).toEqual({ suggested: 2, approved: 2, shown: 1, interested: 1, introduced: 1, talked: 1, collaborating: 0 });
    expect(pairsOf(bySectors['bedrijfsleven+gemeente'])).toEqual({ suggested: 1, approved: 1, shown: 1, interested: 0, introduced: 0, talked: 0, collaborating: 0 });
    expect(pairsOf(bySectors['onderwijs+onderwijs'])).toEqual({ suggested: 1, approved: 1, shown: 1, interested: 1, introduced: 0, talked: 0, collaborating: 0 });
    expect(pairsOf(bySectors['kennisinstelling+onderwijs'])).toEqual({ suggested: 1, approved: 1, shown: 1, interested: 1, introduced: 1, talked: 1, collaborating: 1 });
    expect(bySectorPair).toHaveLength(5);
    // After a step with no pairs the rate is unknown, not 0.
    expect(bySectors['bedrijfsleven+gemeente'].steps[3]).toEqual({ step: 'interested', pairs: 0, recorded: 0, rate: 0 });
    expect(bySectors['bedrijfsleven+gemeente'].steps[4]).toEqual({ step: 'introduced', pairs: 0, recorded: 0, rate: null });
    expect(bySectors['bedrijfsleven+gemeente'].bothSidesRate).toBeNull();
  });

  it('filters by the day a pair was first suggested, by province and by sector', async () => {
    expect(pairsOf(await funnel('?to=2026-01-15'))).toEqual({ suggested: 1, approved: 0, shown: 0, interested: 0, introduced: 0, talked: 0, collaborating: 0 });
    expect(pairsOf(await funnel('?from=2026-01-16&to=2026-11-20'))).toMatchObject({ suggested: 7, approved: 6 });
    expect(pairsOf(await funnel('?from=2026-11-21'))).toMatchObject({ suggested: 0, approved: 0 });
    // Groningen (PV20): pairs with a partner there — the four with schoolNorth or shopNorth (gemeente–schoolNorth interested by implication).
    expect(pairsOf(await funnel('?province=pv20'))).toEqual({ suggested: 4, approved: 3, shown: 3, interested: 3, introduced: 2, talked: 1, collaborating: 0 });
    // Utrecht (PV26): all but shopNorth–schoolNorth; the national partner lists no gemeente but its pair has the school.
    expect(pairsOf(await funnel('?province=PV26'))).toMatchObject({ suggested: 7, collaborating: 1 });
    expect(pairsOf(await funnel('?sector=gemeente'))).toEqual({ suggested: 3, approved: 3, shown: 2, interested: 1, introduced: 1, talked: 1, collaborating: 0 });
    expect((await funnel('?sector=gemeente&province=PV20&from=2026-11-01&purpose=samenwerken')).filters).toEqual({ from: '2026-11-01', to: null, province: 'PV20', sector: 'gemeente', purpose: 'samenwerken' });
    expect(pairsOf(await funnel('?sector=gemeente&province=PV20'))).toMatchObject({ suggested: 1, talked: 1 });
  });

  it('answers 400 naming the field for a bad filter', async () => {
    const problem = async (query: string) => (await api.http().get(`/v1/insights/funnel${query}`).expect(400)).body.errors.map((error: { field: string }) => error.field);
    expect(await problem('?purpose=leren')).toEqual(['purpose']);
    expect(await problem('?from=gisteren')).toEqual(['from']);
    expect(await problem('?to=2026-02-30')).toEqual(['to']);
    expect(await problem('?from=2026-11-20T10:00:00Z')).toEqual(['from']);
    expect(await problem('?from=2026-12-01&to=2026-11-01')).toEqual(['to']);
    expect(await problem('?province=PV99')).toEqual(['province']);
    expect(await problem('?sector=circus')).toEqual(['sector']);
  });

  it('is for the team: a portal key gets 403; documented with its 400', async () => {
    const portal = (await api.http().post('/v1/api-keys').send({ name: 'Portaal', role: 'portal', allowedOrigins: ['https://portaal.example.org'] }).expect(201)).body.key;
    const team = (await api.http().post('/v1/api-keys').send({ name: 'Sardes', role: 'team' }).expect(201)).body.key;
    await api.as(portal).get('/v1/insights/funnel').expect(403);
    await api.as(team).get('/v1/insights/funnel').expect(200);
    const operation = api.openApi.paths['/v1/insights/funnel']!.get!;
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
    expect((operation.parameters as { name: string }[]).map((parameter) => parameter.name).sort()).toEqual(['from', 'province', 'purpose', 'sector', 'to']);
  });
});
