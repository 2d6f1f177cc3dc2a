import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { DataSource } from 'typeorm';
import { buildDemoData } from '@app/demo-data';
import { COMPONENT_NAMES, type MatchingProfile } from '@app/matching';
import { ConnectionEntity, MIGRATIONS, orderedPair, PartnerEntity, postgresOptions, type SeedData } from '@app/persistence';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

// Lists stored by the code before suggestions were partitioned (commit 561cceb: both sentences
// in every row) must read the same after the upgrade, through the API.
type FixtureRow = [number, number, number, number, number | null, number[], [string, Record<string, unknown>, number, number, number][]];
const fixture: { variants: { profile: MatchingProfile }[]; sentences: string[]; rows: FixtureRow[] } = JSON.parse(
  gunzipSync(readFileSync(join(__dirname, '..', 'libs', 'suggestions', 'src', '__fixtures__', 'demo-reasons.json.gz'))).toString('utf8'),
);
const demo = buildDemoData();
const ids = demo.partners.map((partner) => partner.id);
const restoreIds = (params: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(params), (_key, value) => (typeof value === 'string' && /^@\d+$/.test(value) ? ids[Number(value.slice(1))] : value));
const PREVIOUS = MIGRATIONS.findIndex((migration) => migration.name === 'PartitionSuggestionsByRun1765000700000');

interface OldRow {
  partner_id: string;
  candidate_id: string;
  rank: number;
  distance_km: number | null;
  components: Record<string, number>;
  reasons: { code: string; params: Record<string, unknown>; nl: string; en: string; share: number }[];
}
const oldRows: OldRow[] = fixture.rows
  .filter(([variant]) => variant === 0)
  .map(([, viewer, candidate, rank, distanceKm, components, reasons]) => ({
    partner_id: ids[viewer],
    candidate_id: ids[candidate],
    rank,
    distance_km: distanceKm,
    components: Object.fromEntries(COMPONENT_NAMES.map((name, i) => [name, components[i]])),
    reasons: reasons.map(([code, params, nl, en, share]) => ({ code, params: restoreIds(params), nl: fixture.sentences[nl], en: fixture.sentences[en], share })),
  }));
/**
 * Today's demo data in the schema before the upgrade: the partner columns added since
 * (verandertheorie) are not there yet, so the partners are written without them and hold
 * their defaults after the upgrade, as partners of an installation that upgrades do.
 */
async function seedBeforeUpgrade(source: DataSource, data: SeedData): Promise<void> {
  const present = new Set((await source.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'partner'`)).map((row: { column_name: string }) => row.column_name));
  const columns = source.getMetadata(PartnerEntity).columns.filter((column) => present.has(column.databaseName)).map((column) => column.propertyPath);
  await source.transaction(async (tx) => {
    await tx.createQueryBuilder().insert().into(PartnerEntity, columns).values(data.partners).updateEntity(false).execute();
    const connections = data.connections.map(({ first, second, note }) => {
      const [partnerAId, partnerBId] = orderedPair(first, second);
      return { partnerAId, partnerBId, note };
    });
    await tx.insert(ConnectionEntity, connections);
  });
}

const listOf = (partnerId: string) => oldRows.filter((row) => row.partner_id === partnerId).sort((a, b) => a.rank - b.rank);

describe('upgrade to suggestions partitioned by run, with compact reasons (real PostgreSQL)', () => {
  let database: TestDatabase;
  let api: TestApp;
  let activeRun: string;
  let olderRun: string;

  beforeAll(async () => {
    database = await createTestDatabase('storage_upgrade');
    const before = new DataSource({ ...postgresOptions(database.url), migrations: MIGRATIONS.slice(0, PREVIOUS) });
    await before.initialize();
    try {
      await before.runMigrations();
      await seedBeforeUpgrade(before, demo);
      [{ id: olderRun }, { id: activeRun }] = await before.query(
        `INSERT INTO matching_run (trigger, status, profile_version, partner_count, shard_count, completed_shards, suggestion_count, started_at, finished_at)
         VALUES ('manual', 'completed', 1, 300, 1, '{0}', 100, now(), now()), ('manual', 'completed', 1, 300, 1, '{0}', $1, now(), now()) RETURNING id`,
        [oldRows.length],
      );
      // As the previous code wrote them: one jsonb document of rows per statement.
      const insert = (runId: string, rows: OldRow[]) =>
        before.query(
          `INSERT INTO suggestion (run_id, partner_id, rank, candidate_id, score, distance_km, components, reasons, profile_version)
           SELECT $1, r.partner_id, r.rank, r.candidate_id, r.score, r.distance_km, r.components, r.reasons, 1
             FROM jsonb_to_recordset($2::jsonb) AS r(partner_id uuid, rank int, candidate_id uuid, score float8, distance_km float8, components jsonb, reasons jsonb)`,
          [runId, JSON.stringify(rows.map((row) => ({ ...row, score: row.reasons.reduce((sum, reason) => sum + reason.share, 0) })))],
        );
      await insert(olderRun, oldRows.slice(0, 100));
      for (let start = 0; start < oldRows.length; start += 2000) await insert(activeRun, oldRows.slice(start, start + 2000));
      await before.query(
        `INSERT INTO match (partner_a_id, partner_b_id) SELECT DISTINCT LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id) FROM suggestion ON CONFLICT DO NOTHING`,
      );
      await before.query(`INSERT INTO system_state (key, value) VALUES ('active-run', $1)`, [JSON.stringify({ runId: activeRun })]);
    } finally {
      await before.destroy();
    }
    // The app applies the pending migration at its start, as in production.
    api = await startTestApp('storage_upgrade', { database });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('moves every run into a partition of its own, rows unchanged in number', async () => {
    const db = api.app.get(DataSource);
    const counts: { run_id: string; n: number }[] = await db.query(`SELECT run_id, count(*)::int AS n FROM suggestion GROUP BY run_id ORDER BY n`);
    expect(counts).toEqual([
      { run_id: olderRun, n: 100 },
      { run_id: activeRun, n: oldRows.length },
    ]);
    const partitions: { name: string }[] = await db.query(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'suggestion'::regclass`);
    expect(partitions).toHaveLength(2);
    const [{ purpose }] = await db.query(`SELECT DISTINCT purpose FROM suggestion`);
    expect(purpose).toBe('samenwerken');
  });

  it.each(['nl', 'en'] as const)('reads the stored lists back with the same sentences, params and shares (%s)', async (lang) => {
    for (const partnerId of ids.slice(0, 40)) {
      const expected = listOf(partnerId);
      const { body } = await api.http().get(`/v1/partners/${partnerId}/suggestions?view=team&lang=${lang}&limit=50`).expect(200);
      expect(body.runId).toBe(activeRun);
      expect(body.items.map((item: { candidate: { id: string } }) => item.candidate.id)).toEqual(expected.map((row) => row.candidate_id));
      body.items.forEach((item: { reasons: unknown; components: unknown; distanceKm: unknown }, i: number) => {
        expect(item.reasons).toEqual(expected[i].reasons.map(({ code, params, share, ...text }) => ({ code, params, text: text[lang], share })));
        expect(item.components).toEqual(expected[i].components);
        expect(item.distanceKm).toBe(expected[i].distance_km);
      });
    }
  });

  it('shows the stored reasons in the review queue', async () => {
    const { body } = await api.http().get('/v1/reviews?limit=5&lang=en').expect(200);
    expect(body.items.length).toBe(5);
    for (const item of body.items) {
      const candidate = item.reasonsFor === item.partnerA.id ? item.partnerB.id : item.partnerA.id;
      const row = oldRows.find((old) => old.partner_id === item.reasonsFor && old.candidate_id === candidate)!;
      expect(item.reasons).toEqual(row.reasons.map(({ code, params, share, en }) => ({ code, params, text: en, share })));
      expect(item.components).toEqual(row.components);
    }
  });

  it('writes repairs into the migrated run compactly, and a new run drops the old partitions', async () => {
    const db = api.app.get(DataSource);
    const partner = ids[3];
    await api.http().patch(`/v1/partners/${partner}`).send({ offers: ['locatie', 'vrijwilligers', 'voedsel'] }).expect(200);
    const compact = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM suggestion WHERE run_id = $1 AND partner_id = $2 AND json_typeof(reasons -> 0) = 'array'`, [activeRun, partner]))[0].n;
    const deadline = Date.now() + 20_000;
    while ((await compact()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await compact()).toBeGreaterThan(0);
    const { body } = await api.http().get(`/v1/partners/${partner}/suggestions?view=team&lang=nl&limit=50`).expect(200);
    expect(body.runId).toBe(activeRun);
    for (const item of body.items) {
      expect(item.reasons.every((reason: { text: string }) => reason.text.length > 10)).toBe(true);
      expect(item.reasons.reduce((sum: number, reason: { share: number }) => sum + reason.share, 0)).toBeCloseTo(item.score, 9);
    }
    const run = await completeFullRun(api);
    // The run is completed at its switch-in; the partitions before it are dropped right after.
    const tables = () => db.query(`SELECT relname AS name FROM pg_class WHERE relkind IN ('r', 'p') AND relname LIKE 'suggestion_run_%' ORDER BY 1`) as Promise<{ name: string }[]>;
    const left = await eventually(tables, (found) => found.length === 1);
    expect(left.map((p) => p.name)).toEqual([`suggestion_run_${run.id.replace(/-/g, '')}`]);
    const attached: { name: string }[] = await db.query(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'suggestion'::regclass`);
    expect(attached).toEqual(left);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM suggestion WHERE json_typeof(reasons -> 0) <> 'array'`);
    expect(n).toBe(0);
  });

  it('migrates back down to rows with both sentences, as the previous code reads them', async () => {
    const partner = ids[5];
    const nl = (await api.http().get(`/v1/partners/${partner}/suggestions?view=team&lang=nl&limit=50`).expect(200)).body.items;
    const en = (await api.http().get(`/v1/partners/${partner}/suggestions?view=team&lang=en&limit=50`).expect(200)).body.items;
    const migrations = new DataSource(postgresOptions(database.url));
    await migrations.initialize();
    try {
      // Back to the schema before the partitions, past any migration added after them.
      for (;;) {
        const [last] = await migrations.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
        await migrations.undoLastMigration();
        if (last.name === 'PartitionSuggestionsByRun1765000700000') break;
      }
      const rows: { rank: number; components: Record<string, number>; reasons: { code: string; nl: string; en: string; share: number }[] }[] = await migrations.query(
        `SELECT rank, components, reasons FROM suggestion WHERE partner_id = $1 ORDER BY rank`,
        [partner],
      );
      expect(rows.map((row) => row.reasons.map((reason) => reason.nl))).toEqual(nl.map((item: { reasons: { text: string }[] }) => item.reasons.map((reason) => reason.text)));
      expect(rows.map((row) => row.reasons.map((reason) => reason.en))).toEqual(en.map((item: { reasons: { text: string }[] }) => item.reasons.map((reason) => reason.text)));
      expect(rows.map((row) => row.components)).toEqual(nl.map((item: { components: unknown }) => item.components));
      await migrations.runMigrations();
    } finally {
      await migrations.destroy();
    }
  });
});
