import { COMPONENT_NAMES } from '@app/matching';
import { ListChangeFeed, SuggestionRepository, type StoredSuggestionRow } from '@app/persistence';
import { Client } from 'pg';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { partnerBody } from './support/partner-fixtures';
import { settleQueue } from './support/settle';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The suggestion lists the API keeps in memory: served until the database announces a
 * change (as a worker's commit does), never while that announcement cannot be heard.
 */
describe('suggestion lists kept in memory (PostgreSQL LISTEN/NOTIFY)', () => {
  let api: TestApp;
  let outsider: Client;
  let voedselbank: { id: string; slug: string };

  const settle = () => settleQueue(api, outsider);
  const feedGeneration = () => api.app.get(ListChangeFeed).generation();
  const firstCandidate = async () =>
    (await api.http().get(`/v1/partners/${voedselbank.slug}/suggestions?view=team&limit=1`).expect(200)).body.items[0].candidate as { id: string; name: string };

  /** A write by another process, as a worker makes it; `silently` skips the triggers (and with them the announcement). */
  const renameElsewhere = async (id: string, name: string, { silently = false } = {}) => {
    await outsider.query('BEGIN');
    if (silently) await outsider.query(`SET LOCAL session_replication_role = replica`);
    await outsider.query(`UPDATE partner SET name = $2 WHERE id = $1`, [id, name]);
    await outsider.query('COMMIT');
  };

  beforeAll(async () => {
    api = await startTestApp('list_cache');
    outsider = new Client({ connectionString: api.database.url });
    await outsider.connect();
    voedselbank = (await api.http().post('/v1/partners').send(partnerBody()).expect(201)).body;
    await api.http().post('/v1/partners').send(partnerBody({ name: 'Gemeente Utrecht', sector: 'gemeente' })).expect(201);
    await api.http().post('/v1/partners').send(partnerBody({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs' })).expect(201);
    await settle();
    await completeFullRun(api);
    await settle();
    // The feed connects on first use.
    await firstCandidate();
    await eventually(() => Promise.resolve(feedGeneration()), (generation) => generation !== null);
  }, 60_000);

  afterAll(async () => {
    await outsider?.end();
    await api?.close();
  });

  it('answers from memory until the database announces a change, then reads the change', async () => {
    const candidate = await firstCandidate();
    await renameElsewhere(candidate.id, 'Stil Hernoemd', { silently: true });
    // Nothing was announced: the kept list still holds the old name.
    expect((await firstCandidate()).name).toBe(candidate.name);

    await renameElsewhere(candidate.id, 'Hernoemd Met Bericht');
    await eventually(firstCandidate, (current) => current.name === 'Hernoemd Met Bericht', 5_000);
  });

  it('hears of a list a repair rewrites straight into the run\'s partition (COPY, no row routed through the parent)', async () => {
    const kept = await firstCandidate();
    const repository = api.app.get(SuggestionRepository);
    const runId = (await repository.activeRunId())!;
    const { rows } = await outsider.query(`SELECT * FROM suggestion WHERE run_id = $1 AND partner_id = $2 AND purpose = 'samenwerken' ORDER BY rank`, [runId, voedselbank.id]);
    expect(rows.length).toBeGreaterThan(1);
    // The same list, last first: what a repair of a changed candidate might write.
    const reversed: StoredSuggestionRow[] = rows.reverse().map((row, index) => ({
      runId,
      partnerId: row.partner_id,
      rank: index + 1,
      candidateId: row.candidate_id,
      score: row.score,
      distanceKm: row.distance_km,
      components: Object.fromEntries(COMPONENT_NAMES.map((name) => [name, row[`component_${name}`]])),
      storedReasons: row.reasons,
      profileVersion: row.profile_version,
    }));
    await repository.withListLock((tx) => repository.replaceLists(runId, [voedselbank.id], reversed, tx));
    await eventually(firstCandidate, (first) => first.id === reversed[0].candidateId && first.id !== kept.id, 5_000);
  });

  it('drops what it keeps when this process answers a write, before the answer goes out', async () => {
    const candidate = await firstCandidate();
    await renameElsewhere(candidate.id, 'Ongemerkt', { silently: true });
    // Refused at validation, this write touches no table, so no announcement comes from the
    // database: only this process's own count of its writes can drop the kept list.
    await api.http().post('/v1/api-keys').send({ name: 'Een schrijfactie' }).expect(400);
    expect((await firstCandidate()).name).toBe('Ongemerkt');
  });

  it('keeps the keys it has seen until a key changes in any process', async () => {
    const { body: key } = await api.http().post('/v1/api-keys').send({ name: 'Bewaarde sleutel', role: 'team' }).expect(201);
    await api.as(key.key).get('/v1/taxonomy/sectors').expect(200);
    await outsider.query('BEGIN');
    await outsider.query(`SET LOCAL session_replication_role = replica`);
    await outsider.query(`UPDATE api_key SET role = 'portal' WHERE id = $1`, [key.id]);
    await outsider.query('COMMIT');
    // Changed without an announcement: the kept key still has its old role.
    await api.as(key.key).get('/v1/taxonomy/sectors').expect(200);

    await outsider.query(`DELETE FROM api_key WHERE id = $1`, [key.id]);
    await eventually(async () => (await api.as(key.key).get('/v1/taxonomy/sectors')).status, (status) => status === 401, 5_000);
  });

  it('reads from the database while the feed is down, and keeps lists again once it is back', async () => {
    const candidate = await firstCandidate();
    await outsider.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await eventually(() => Promise.resolve(feedGeneration()), (generation) => generation === null, 5_000);
    await renameElsewhere(candidate.id, 'Zonder Feed', { silently: true });
    expect((await firstCandidate()).name).toBe('Zonder Feed');

    await eventually(() => Promise.resolve(feedGeneration()), (generation) => generation !== null, 10_000);
    await firstCandidate();
    await renameElsewhere(candidate.id, 'Weer Bewaard', { silently: true });
    expect((await firstCandidate()).name).toBe('Zonder Feed');
  });
});
