import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { DataSource } from 'typeorm';
import { finishedRunOf } from './support/full-run';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const GEMEENTEN = ['GM0344', 'GM0363', 'GM0599', 'GM0014'];
const TAGS = ['voedsel', 'locatie', 'vrijwilligers', 'financiering', 'bereik-gezinnen', 'schoolontbijt', 'kennis', 'sportaanbod'];
const pick = <T>(list: readonly T[], start: number, count: number) => Array.from({ length: count }, (_, i) => list[(start + i * 3) % list.length]);

/** 32 partners over four gemeenten and every sector, with varied tasks, domains and tags. */
function syntheticPartner(i: number): Record<string, unknown> {
  const scope = i % 11 === 5 ? 'national' : i % 7 === 3 ? 'regional' : 'local';
  return partnerBody({
    name: `Partner ${i} ${SECTOR_CODES[i % SECTOR_CODES.length]}`,
    sector: SECTOR_CODES[i % SECTOR_CODES.length],
    scope,
    gemeenten: scope === 'national' ? [] : scope === 'regional' ? [GEMEENTEN[i % 4], GEMEENTEN[(i + 1) % 4]] : [GEMEENTEN[i % 4]],
    opgaven: pick(OPGAVE_CODES, i, 1 + (i % 3)),
    leefdomeinen: pick(LEEFDOMEIN_CODES, i * 2, 1 + (i % 4)),
    offers: pick(TAGS, i, 2),
    needs: pick(TAGS, i + 1, 1 + (i % 2)),
    contactEmail: null,
    website: null,
  });
}

type Lists = Map<string, string[]>;
type ProfileBody = { weights: Record<string, unknown>; sectorAffinity: Record<string, Record<string, unknown>>; [setting: string]: unknown };

describe('matching profile API (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let db: DataSource;
  let builtIn: ProfileBody;

  const settingsOf = ({ version: _version, note: _note, createdAt: _createdAt, ...settings }: ProfileBody): ProfileBody => settings;
  const activeProfile = async () => (await api.http().get('/v1/matching/profile').expect(200)).body;
  const versions = async (query = '') => (await api.http().get(`/v1/matching/profile/versions${query}`).expect(200)).body;
  const preview = async (settings: Record<string, unknown>) => (await api.http().post('/v1/matching/profile/preview').send(settings).expect(200)).body;
  const finished = (runId: string) => finishedRunOf(api, runId);
  /** The lists readers see, straight from the table: candidate ids in rank order per partner. */
  const storedLists = async (): Promise<Lists> => {
    const rows: { partner_id: string; candidates: string[] }[] = await db.query(
      `SELECT partner_id, array_agg(candidate_id::text ORDER BY rank) AS candidates
         FROM suggestion
        WHERE run_id = (SELECT (value->>'runId')::uuid FROM system_state WHERE key = 'active-run')
        GROUP BY partner_id`,
    );
    return new Map(rows.map((row) => [row.partner_id, row.candidates]));
  };
  const changedBetween = (before: Lists, after: Lists) =>
    [...new Set([...before.keys(), ...after.keys()])].filter((id) => JSON.stringify(before.get(id) ?? []) !== JSON.stringify(after.get(id) ?? [])).length;
  const storedVersionCount = async () => (await db.query(`SELECT count(*)::int AS count FROM matching_profile`))[0].count;

  beforeAll(async () => {
    api = await startTestApp('profile');
    db = api.app.get(DataSource);
    for (let i = 0; i < 32; i++) await createPartner(api, syntheticPartner(i));
    const run = await api.http().post('/v1/matching/runs').expect(202);
    expect((await finished(run.body.id)).status).toBe('completed');
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves the built-in default as version 1 until the team saves one', async () => {
    const profile = await activeProfile();
    expect(profile).toMatchObject({ version: 1, note: null, createdAt: null, k: 20 });
    expect(Object.keys(profile.weights).sort()).toEqual(['leefdomeinen', 'network', 'opgaven', 'reciprocity', 'region', 'sector']);
    expect(Object.keys(profile.sectorAffinity).sort()).toEqual([...SECTOR_CODES].sort());
    builtIn = settingsOf(profile);
    expect(await versions()).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ version: 1 }] });
  });

  it.each<[string, (body: ProfileBody) => void, string[]]>([
    ['a negative weight and a zero k', (body) => Object.assign(body, { weights: { ...body.weights, region: -1 }, k: 0 }), ['weights.region', 'k']],
    ['an unknown weight', (body) => (body.weights.popularity = 0.5), ['weights.popularity']],
    ['an affinity above 1', (body) => (body.sectorAffinity.gemeente.onderwijs = 2), ['sectorAffinity.gemeente.onderwijs']],
    ['an asymmetric affinity', (body) => (body.sectorAffinity.gemeente.onderwijs = 0.4), ['sectorAffinity.gemeente.onderwijs']],
    ['a missing sector row', (body) => delete body.sectorAffinity.bedrijfsleven, ['sectorAffinity.bedrijfsleven']],
    ['all weights 0', (body) => Object.keys(body.weights).forEach((name) => (body.weights[name] = 0)), ['weights']],
    ['a version chosen by the client', (body) => (body.version = 7), ['version']],
    ['a diversity above 1', (body) => (body.diversity = 1.5), ['diversity']],
  ])('answers 400 naming the fields for %s, and stores nothing', async (_case, spoil, fields) => {
    const body = structuredClone(builtIn);
    spoil(body);
    const runsBefore = (await api.http().get('/v1/matching/runs').expect(200)).body.total;
    const response = await api.http().put('/v1/matching/profile').send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, type: '/problems/validation-failed' });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(fields));
    expect(await storedVersionCount()).toBe(0);
    expect((await versions()).total).toBe(1);
    expect((await api.http().get('/v1/matching/runs').expect(200)).body.total).toBe(runsBefore);
    // A preview saves nothing, so the version its body was read at does not matter to it.
    await api.http().post('/v1/matching/profile/preview').send(body).expect(fields.includes('version') ? 200 : 400);
  });

  it('previews the active profile as changing nothing', async () => {
    const result = await preview(builtIn);
    expect(result).toMatchObject({ partnersCompared: 32, changedLists: 0, meanOverlapAt10: 1, gainers: [], losers: [] });
    expect(result.runId).toEqual(expect.any(String));
  });

  it('saves a new version whose run changes exactly as many lists as the preview predicted', async () => {
    // Only lists of and with kennisinstellingen and brancheorganisaties can move, so some lists change and others do not.
    const proposed = structuredClone(builtIn);
    proposed.sectorAffinity.kennisinstelling.brancheorganisatie = proposed.sectorAffinity.brancheorganisatie.kennisinstelling = 1;
    const predicted = await preview(proposed);
    expect(predicted.changedLists).toBeGreaterThan(0);
    expect(predicted.changedLists).toBeLessThan(predicted.partnersCompared);
    expect(predicted.meanOverlapAt10).toBeLessThan(1);
    expect(predicted.gainers.length + predicted.losers.length).toBeGreaterThan(0);
    for (const shift of [...predicted.gainers, ...predicted.losers]) {
      expect(shift).toEqual({ partner: expect.objectContaining({ slug: expect.any(String), name: expect.any(String) }), before: expect.any(Number), after: expect.any(Number), change: shift.after - shift.before });
    }
    expect(predicted.gainers.every((shift: { change: number }) => shift.change > 0)).toBe(true);
    expect(predicted.losers.every((shift: { change: number }) => shift.change < 0)).toBe(true);
    expect(await storedVersionCount()).toBe(0);

    const before = await storedLists();
    const response = await api.http().put('/v1/matching/profile').send({ ...proposed, note: 'Kennis en branche versterken elkaar' }).expect(202);
    expect(response.body.profile).toMatchObject({ version: 2, note: 'Kennis en branche versterken elkaar', weights: proposed.weights, sectorAffinity: proposed.sectorAffinity });
    expect(response.body.run).toMatchObject({ trigger: 'profile', profileVersion: 2 });
    expect(response.headers.location).toBe(`/v1/matching/runs/${response.body.run.id}`);
    expect((await finished(response.body.run.id)).status).toBe('completed');

    const after = await storedLists();
    expect(changedBetween(before, after)).toBe(predicted.changedLists);
    const versionsInUse = await db.query(`SELECT DISTINCT profile_version FROM suggestion`);
    expect(versionsInUse).toEqual([{ profile_version: 2 }]);
    expect(await activeProfile()).toMatchObject({ version: 2, note: 'Kennis en branche versterken elkaar', createdAt: expect.any(String) });
    expect(await preview(proposed)).toMatchObject({ changedLists: 0, meanOverlapAt10: 1 });
  });

  it('lists every version newest first, the built-in one last, with paging', async () => {
    const all = await versions();
    expect(all).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    expect(all.items[1]).toMatchObject({ ...builtIn, createdAt: null, note: null });
    expect((await versions('?limit=1&offset=1')).items.map((item: { version: number }) => item.version)).toEqual([1]);
    expect((await versions('?limit=1')).items.map((item: { version: number }) => item.version)).toEqual([2]);
    expect((await versions('?offset=5')).items).toEqual([]);
    await api.http().get('/v1/matching/profile/versions?limit=0').expect(400);
  });

  it('answers 409 while a run is unfinished, and stores nothing', async () => {
    const [{ id }] = await db.query(`INSERT INTO matching_run (trigger, status, profile_version) VALUES ('manual', 'running', 2) RETURNING id`);
    try {
      const response = await api.http().put('/v1/matching/profile').send({ ...builtIn, note: 'terug naar de standaard' }).expect(409);
      expect(response.body).toMatchObject({ status: 409, type: '/problems/conflict' });
      expect(response.body.detail).toContain(id);
      expect(await storedVersionCount()).toBe(1);
      expect((await activeProfile()).version).toBe(2);
    } finally {
      await db.query(`UPDATE matching_run SET status = 'failed', error = 'test' WHERE id = $1`, [id]);
    }
  });

  it('takes back what GET answered as it is, refuses it once another version was saved since (409), and checks the types of version and createdAt', async () => {
    const answered = await activeProfile();
    expect(answered).toMatchObject({ version: expect.any(Number), createdAt: expect.any(String) });
    expect(await preview(answered)).toMatchObject({ changedLists: 0 });
    const saved = await api.http().put('/v1/matching/profile').send(answered).expect(202);
    expect(saved.body.profile).toMatchObject({ version: answered.version + 1, note: answered.note });
    expect((await finished(saved.body.run.id)).status).toBe('completed');
    // A null note, as GET answers it for the built-in version, is no note.
    const cleared = await api.http().put('/v1/matching/profile').send({ ...saved.body.profile, note: null }).expect(202);
    expect(cleared.body.profile).toMatchObject({ version: answered.version + 2, note: null });
    expect((await finished(cleared.body.run.id)).status).toBe('completed');
    const stale = await api.http().put('/v1/matching/profile').send(answered).expect(409);
    expect(stale.body.errors).toEqual([expect.objectContaining({ field: 'version', value: answered.version })]);
    for (const [field, value] of [['version', 'zes'], ['createdAt', 'gisteren'], ['note', 7]] as const) {
      const refused = await api.http().put('/v1/matching/profile').send({ ...answered, [field]: value }).expect(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
    expect((await activeProfile()).version).toBe(answered.version + 2);
  });

  it('documents the routes with their problem responses', () => {
    const paths = api.openApi.paths;
    expect(Object.keys(paths['/v1/matching/profile'].put!.responses)).toEqual(expect.arrayContaining(['202', '400', '409', '503']));
    expect(Object.keys(paths['/v1/matching/profile/preview'].post!.responses)).toEqual(expect.arrayContaining(['200', '400', '503']));
    const settings = api.openApi.components!.schemas!.MatchingProfileSettingsDto as { required: string[] };
    expect(settings.required).toEqual(expect.arrayContaining(['weights', 'sectorAffinity', 'k', 'diversity']));
  });
});
