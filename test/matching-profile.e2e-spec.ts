import { DEFAULT_KENNISDELEN_PROFILE, kennisdelenScore, type KennisdelenProfile } from '@app/matching';
import { MatchInputsService } from '@app/suggestions';
import { KENNISBRON_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { finishedRunOf } from './support/full-run';
import { differingLists, kennisdelenReferenceLists, storedLists as storedListsOf } from './support/lists';
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
    kennisbronnen: pick(KENNISBRON_CODES, i, 1 + (i % 2)),
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
  /** The profile versions the active run's lists of a purpose were ranked with (the previous run's partition may not be dropped yet). */
  const activeRunVersions = (purpose: 'samenwerken' | 'kennisdelen') =>
    db.query(`SELECT DISTINCT profile_version FROM suggestion WHERE run_id = (SELECT (value->>'runId')::uuid FROM system_state WHERE key = 'active-run') AND purpose = $1`, [purpose]);
  const storedLists = async (): Promise<Lists> => {
    const rows: { partner_id: string; candidates: string[] }[] = await db.query(
      `SELECT partner_id, array_agg(candidate_id::text ORDER BY rank) AS candidates
         FROM suggestion
        WHERE run_id = (SELECT (value->>'runId')::uuid FROM system_state WHERE key = 'active-run') AND purpose = 'samenwerken'
        GROUP BY partner_id`,
    );
    return new Map(rows.map((row) => [row.partner_id, row.candidates]));
  };
  const changedBetween = (before: Lists, after: Lists) =>
    [...new Set([...before.keys(), ...after.keys()])].filter((id) => JSON.stringify(before.get(id) ?? []) !== JSON.stringify(after.get(id) ?? [])).length;
  const storedVersionCount = async () => (await db.query(`SELECT count(*)::int AS count FROM matching_profile WHERE purpose = 'samenwerken'`))[0].count;

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
    // The run is completed at its switch-in; the previous run's partition is dropped just after.
    const versionsInUse = () => db.query(`SELECT DISTINCT profile_version FROM suggestion WHERE purpose = 'samenwerken'`);
    expect(await eventually(versionsInUse, (versions) => versions.length === 1, 10_000)).toEqual([{ profile_version: 2 }]);
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
  describe('the kennisdelen profile (purpose=kennisdelen)', () => {
    type KennisdelenBody = { purpose: 'kennisdelen'; weights: Record<string, unknown>; crossSectorPeers: unknown; k: unknown; [field: string]: unknown };
    let client: Client;
    let kennisdelenBuiltIn: KennisdelenBody;
    const kennisdelenProfile = async () => (await api.http().get('/v1/matching/profile?purpose=kennisdelen').expect(200)).body;
    const kennisdelenVersions = async () => (await api.http().get('/v1/matching/profile/versions?purpose=kennisdelen').expect(200)).body;
    const storedKennisdelenCount = async () => (await db.query(`SELECT count(*)::int AS count FROM matching_profile WHERE purpose = 'kennisdelen'`))[0].count;
    const referenceUnder = async (profile: KennisdelenProfile) => {
      const { profiles, options } = await api.app.get(MatchInputsService).load();
      return { profiles, lists: kennisdelenReferenceLists(profiles, options.connections, { profile }) };
    };
    /** Peers weigh most: same-sector pairs rise, and shorter lists. */
    const edited = { opgaven: 0.1, leefdomeinen: 0.1, kennisbronnen: 0.3, verandertheorie: 0, peers: 1 };
    const editedProfile: KennisdelenProfile = { version: 2, purpose: 'kennisdelen', weights: edited, crossSectorPeers: 0.2, k: 5 };

    beforeAll(async () => {
      client = new Client({ connectionString: api.database.url });
      await client.connect();
    });

    afterAll(async () => {
      await client?.end();
    });

    it('serves the built-in kennisdelen profile as its version 1, beside the samenwerken versions', async () => {
      const samenwerken = await activeProfile();
      kennisdelenBuiltIn = await kennisdelenProfile();
      const { version: _version, purpose: _purpose, ...settings } = DEFAULT_KENNISDELEN_PROFILE;
      expect(kennisdelenBuiltIn).toEqual({ purpose: 'kennisdelen', version: 1, note: null, createdAt: null, ...settings });
      expect(await kennisdelenVersions()).toEqual({ purpose: 'kennisdelen', total: 1, limit: 50, offset: 0, items: [kennisdelenBuiltIn] });
      expect(samenwerken).toMatchObject({ purpose: 'samenwerken' });
      expect((await api.http().get('/v1/matching/profile?purpose=samenwerken').expect(200)).body).toEqual(samenwerken);
      expect(samenwerken.version).toBeGreaterThan(1);
      await api.http().get('/v1/matching/profile?purpose=landelijk').expect(400);
    });

    it.each<[string, (body: KennisdelenBody) => void, string[]]>([
      ['a negative peers weight', (body) => (body.weights.peers = -1), ['weights.peers']],
      ['a weight that is not a number', (body) => (body.weights.kennisbronnen = 'veel'), ['weights.kennisbronnen']],
      ['a samenwerken weight', (body) => (body.weights.region = 0.5), ['weights.region']],
      ['all weights 0', (body) => Object.keys(body.weights).forEach((name) => (body.weights[name] = 0)), ['weights']],
      ['crossSectorPeers above 1 and k 0', (body) => Object.assign(body, { crossSectorPeers: 1.5, k: 0 }), ['crossSectorPeers', 'k']],
      ['a samenwerken setting', (body) => (body.diversity = 0.3), ['diversity']],
      ['a version chosen by the client', (body) => (body.version = 7), ['version']],
    ])('answers 400 naming the field for %s, and stores nothing', async (_case, spoil, fields) => {
      const body = structuredClone(kennisdelenBuiltIn);
      spoil(body);
      const runsBefore = (await api.http().get('/v1/matching/runs').expect(200)).body.total;
      const response = await api.http().put('/v1/matching/profile?purpose=kennisdelen').send(body).expect(400);
      expect(response.body).toMatchObject({ status: 400, type: '/problems/validation-failed' });
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([...fields].sort());
      expect(await storedKennisdelenCount()).toBe(0);
      expect((await api.http().get('/v1/matching/runs').expect(200)).body.total).toBe(runsBefore);
    });

    it('refuses a body of the other purpose, naming purpose, and the preview and suggested weights for kennisdelen', async () => {
      const samenwerken = await activeProfile();
      const asSamenwerken = await api.http().put('/v1/matching/profile').send(kennisdelenBuiltIn).expect(400);
      expect(asSamenwerken.body.errors.map((error: { field: string }) => error.field)).toContain('purpose');
      const asKennisdelen = await api.http().put('/v1/matching/profile?purpose=kennisdelen').send(samenwerken).expect(400);
      expect(asKennisdelen.body.errors.map((error: { field: string }) => error.field)).toContain('purpose');
      for (const route of ['preview', 'suggest']) {
        const refused = await api.http().post(`/v1/matching/profile/${route}?purpose=kennisdelen`).send(route === 'preview' ? kennisdelenBuiltIn : undefined).expect(400);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'purpose', value: 'kennisdelen' })]);
      }
      expect(await storedKennisdelenCount()).toBe(0);
    });

    it('saves a kennisdelen version whose run ranks the kennisdelen lists with its weights, leaving the samenwerken profile as it was', async () => {
      const samenwerken = await activeProfile();
      const samenwerkenVersions = await versions();
      const samenwerkenRows = await activeRunVersions('samenwerken');
      const before = await storedListsOf(client, 'kennisdelen');
      expect(differingLists(before.lists, (await referenceUnder(DEFAULT_KENNISDELEN_PROFILE)).lists)).toEqual([]);

      const response = await api
        .http()
        .put('/v1/matching/profile?purpose=kennisdelen')
        .send({ ...kennisdelenBuiltIn, weights: edited, crossSectorPeers: 0.2, k: 5, note: 'Peers eerst' })
        .expect(202);
      expect(response.body).toMatchObject({
        purpose: 'kennisdelen',
        profile: { purpose: 'kennisdelen', version: 2, weights: edited, crossSectorPeers: 0.2, k: 5, note: 'Peers eerst', createdAt: expect.any(String) },
        run: { trigger: 'profile', profileVersion: samenwerken.version, kennisdelenProfileVersion: 2 },
      });
      expect(response.headers.location).toBe(`/v1/matching/runs/${response.body.run.id}`);
      expect((await finished(response.body.run.id)).status).toBe('completed');

      // The run stored the version's weights and ranked every kennisdelen list as the core does under it.
      const [{ weights }] = await db.query(`SELECT weights FROM suggestion_run WHERE run_id = $1`, [response.body.run.id]);
      expect(weights.kennisdelen).toEqual(edited);
      const after = await storedListsOf(client, 'kennisdelen');
      const reference = await referenceUnder(editedProfile);
      expect(differingLists(after.lists, reference.lists)).toEqual([]);
      expect(differingLists(after.lists, before.lists).length).toBeGreaterThan(0);
      expect(Math.max(...[...after.lists.values()].map((list) => list.length))).toBe(5);
      expect(await activeRunVersions('kennisdelen')).toEqual([{ profile_version: 2 }]);

      // What a team key reads: scores as kennisdelenScore gives them under the new version.
      const { key } = (await api.http().post('/v1/api-keys').send({ name: 'Team', role: 'team' }).expect(201)).body;
      const [viewerId] = [...after.lists.keys()];
      const byId = new Map(reference.profiles.map((profile) => [profile.id, profile]));
      const answered = (await api.as(key).get(`/v1/partners/${viewerId}/suggestions?purpose=kennisdelen&view=team`).expect(200)).body;
      expect(answered.items.length).toBeGreaterThan(0);
      const items = answered.items as { candidate: { id: string }; score: number; profileVersion: number }[];
      const scoreUnder = (profile: KennisdelenProfile, candidateId: string) => kennisdelenScore(byId.get(viewerId)!, byId.get(candidateId)!, profile);
      for (const item of items) {
        expect(item.score).toBeCloseTo(scoreUnder(editedProfile, item.candidate.id), 10);
        expect(item.profileVersion).toBe(2);
      }
      expect(items.some((item) => Math.abs(item.score - scoreUnder(DEFAULT_KENNISDELEN_PROFILE, item.candidate.id)) > 1e-6)).toBe(true);

      // Samenwerken: the same active version, versions and stored lists' version.
      expect(await activeProfile()).toEqual(samenwerken);
      expect(await versions()).toEqual(samenwerkenVersions);
      expect(await activeRunVersions('samenwerken')).toEqual(samenwerkenRows);
      expect(await kennisdelenProfile()).toMatchObject({ version: 2, weights: edited });
      expect((await kennisdelenVersions()).items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    });

    it('repairs the kennisdelen lists after a change with the run\'s version, not the built-in one', async () => {
      const [partnerId] = [...(await storedListsOf(client, 'kennisdelen')).lists.keys()];
      await api.http().patch(`/v1/partners/${partnerId}`).send({ opgaven: [OPGAVE_CODES[0], OPGAVE_CODES[1]], kennisbronnen: ['wetenschap'] }).expect(200);
      await eventually(
        async () => differingLists((await storedListsOf(client, 'kennisdelen')).lists, (await referenceUnder(editedProfile)).lists),
        (differing) => differing.length === 0,
        20_000,
      );
    });

    it('answers 409 for a kennisdelen body read at an older version, and while a run is unfinished; a samenwerken save keeps the kennisdelen version', async () => {
      const stale = await api.http().put('/v1/matching/profile?purpose=kennisdelen').send(kennisdelenBuiltIn).expect(409);
      expect(stale.body.errors).toEqual([expect.objectContaining({ field: 'version', value: 1 })]);
      const [{ id }] = await db.query(`INSERT INTO matching_run (trigger, status, profile_version) VALUES ('manual', 'running', 2) RETURNING id`);
      try {
        const refused = await api.http().put('/v1/matching/profile?purpose=kennisdelen').send(await kennisdelenProfile()).expect(409);
        expect(refused.body.detail).toContain(id);
      } finally {
        await db.query(`UPDATE matching_run SET status = 'failed', error = 'test' WHERE id = $1`, [id]);
      }
      expect(await storedKennisdelenCount()).toBe(1);
      const samenwerken = await api.http().put('/v1/matching/profile').send(await activeProfile()).expect(202);
      expect(samenwerken.body.run).toMatchObject({ kennisdelenProfileVersion: 2 });
      expect((await finished(samenwerken.body.run.id)).status).toBe('completed');
      expect(differingLists((await storedListsOf(client, 'kennisdelen')).lists, (await referenceUnder(editedProfile)).lists)).toEqual([]);
    });

    it('documents both purposes\' schemas', () => {
      const paths = api.openApi.paths;
      const purpose = paths['/v1/matching/profile'].get!.parameters!.find((parameter) => 'name' in parameter && parameter.name === 'purpose') as { schema: { enum: string[] } };
      expect(purpose.schema.enum).toEqual(['samenwerken', 'kennisdelen']);
      const schemas = api.openApi.components!.schemas! as Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
      expect(schemas.SaveKennisdelenProfileDto.required).toEqual(expect.arrayContaining(['weights', 'crossSectorPeers', 'k']));
      expect(Object.keys(schemas.KennisdelenWeightsDto.properties!).sort()).toEqual(['kennisbronnen', 'leefdomeinen', 'opgaven', 'peers', 'verandertheorie']);
    });
  });
});
