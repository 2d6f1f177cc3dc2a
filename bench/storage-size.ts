import { Client } from 'pg';
import { COMPONENT_NAMES, renderStoredReasons, type ComponentName, type StoredReason } from '@app/matching';

export interface StorageSize {
  /** Rows of both purposes: the bytes per suggestion are over all of them. */
  rows: number;
  samenwerkenRows: number;
  kennisdelenRows: number;
  partitions: number;
  /** Table, TOAST and indexes of every partition of `suggestion`, per row. */
  bytesPerSuggestion: number;
  heapBytesPerSuggestion: number;
  indexBytesPerSuggestion: number;
  /** Samenwerken rows (a sample) in the layout before partitions, which only they had: both sentences, jsonb, (run, partner, rank) key. */
  previousLayoutBytesPerSuggestion: number;
  sampleRows: number;
}

const SAMPLE = 20_000;

/**
 * What the stored suggestions take (pg_total_relation_size over the partitions / rows), and
 * beside it, measured in the same run, a sample of the same rows written the way the previous
 * code stored them: rendered into full reasons, in the old table's layout and indexes.
 */
export async function measureStorage(databaseUrl: string): Promise<StorageSize> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [sizes] = (
      await client.query(`
        SELECT count(*)::int AS partitions, coalesce(sum(pg_total_relation_size(c.oid)), 0)::float8 AS total,
               coalesce(sum(pg_relation_size(c.oid)), 0)::float8 AS heap, coalesce(sum(pg_indexes_size(c.oid)), 0)::float8 AS indexes
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'suggestion'::regclass`)
    ).rows;
    const counts = (await client.query(`SELECT purpose, count(*)::int AS n FROM suggestion GROUP BY purpose`)).rows as { purpose: string; n: number }[];
    const rowsOf = (purpose: string) => counts.find((count) => count.purpose === purpose)?.n ?? 0;
    const rows = rowsOf('samenwerken') + rowsOf('kennisdelen');
    const sample = (
      await client.query(
        `SELECT s.run_id, s.partner_id, s.rank, s.candidate_id, s.score, s.distance_km, ${COMPONENT_NAMES.map((name) => `s.component_${name}`).join(', ')}, s.reasons, s.profile_version, w.weights
           FROM suggestion s JOIN suggestion_run w ON w.run_id = s.run_id WHERE s.purpose = 'samenwerken' ORDER BY s.partner_id, s.rank LIMIT ${SAMPLE}`,
      )
    ).rows as { run_id: string; partner_id: string; rank: number; candidate_id: string; score: number; distance_km: number | null; reasons: StoredReason[]; profile_version: number; weights: Record<ComponentName, number> }[];
    const old = sample.map((row) => {
      const components = Object.fromEntries(COMPONENT_NAMES.map((name) => [name, (row as unknown as Record<string, number>)[`component_${name}`]])) as Record<ComponentName, number>;
      const reasons = renderStoredReasons(row.reasons, { partnerId: row.partner_id, candidateId: row.candidate_id, rank: row.rank, distanceKm: row.distance_km, components, weights: row.weights });
      const { run_id, partner_id, rank, candidate_id, score, distance_km, profile_version } = row;
      return { run_id, partner_id, rank, candidate_id, score, distance_km, profile_version, components, reasons };
    });
    await client.query(`CREATE TEMP TABLE previous_layout (
      run_id uuid NOT NULL, partner_id uuid NOT NULL, rank integer NOT NULL, candidate_id uuid NOT NULL, score double precision NOT NULL,
      distance_km double precision, components jsonb NOT NULL, reasons jsonb NOT NULL, profile_version integer NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_id, partner_id, rank))`);
    await client.query(`CREATE INDEX ON previous_layout (candidate_id)`);
    for (let start = 0; start < old.length; start += 5000) {
      await client.query(
        `INSERT INTO previous_layout (run_id, partner_id, rank, candidate_id, score, distance_km, components, reasons, profile_version)
         SELECT r.run_id, r.partner_id, r.rank, r.candidate_id, r.score, r.distance_km, r.components, r.reasons, r.profile_version
           FROM jsonb_to_recordset($1::jsonb) AS r(run_id uuid, partner_id uuid, rank int, candidate_id uuid, score float8, distance_km float8, components jsonb, reasons jsonb, profile_version int)`,
        [JSON.stringify(old.slice(start, start + 5000))],
      );
    }
    const previous: number = (await client.query(`SELECT pg_total_relation_size('previous_layout')::float8 AS total`)).rows[0].total;
    await client.query(`DROP TABLE previous_layout`);
    const per = (bytes: number) => (rows > 0 ? bytes / rows : NaN);
    return {
      rows,
      samenwerkenRows: rowsOf('samenwerken'),
      kennisdelenRows: rowsOf('kennisdelen'),
      partitions: sizes.partitions,
      bytesPerSuggestion: per(sizes.total),
      heapBytesPerSuggestion: per(sizes.heap),
      indexBytesPerSuggestion: per(sizes.indexes),
      previousLayoutBytesPerSuggestion: old.length > 0 ? previous / old.length : NaN,
      sampleRows: old.length,
    };
  } finally {
    await client.end();
  }
}
