import { Client } from 'pg';

/**
 * Grows a network that has one completed run into `copies` more copies of itself, lists
 * included: each copy's partners are the originals with new ids and slugs, and each copied
 * list names the same copy's candidates, in the same order with the same scores, components
 * and reasons. A read benchmark at 100,000 partners then needs a run over a few thousand
 * (seconds) instead of one over 100,000 (a quarter of an hour here). Rows are copied whole
 * (`SELECT *` into a scratch table, then only the ids changed), so the copy follows whatever
 * columns the tables have. Run ids stay: the copies belong to the active run.
 */
export async function replicateNetwork(databaseUrl: string, copies: number): Promise<{ partners: number; suggestions: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE copy_of ON COMMIT DROP AS
      SELECT p.id AS original, k AS copy, gen_random_uuid() AS id FROM partner p, generate_series(1, $1::int) k`, [copies]);
    // Without statistics the planner takes the scratch table for a few rows and loops over it.
    await client.query(`ANALYZE copy_of`);
    await client.query(`CREATE TEMP TABLE partner_copy ON COMMIT DROP AS
      SELECT p.*, c.copy AS copy_number, c.id AS copy_id FROM partner p JOIN copy_of c ON c.original = p.id`);
    await client.query(`UPDATE partner_copy SET id = copy_id, slug = slug || '-' || copy_number, name = name || ' ' || copy_number`);
    await client.query(`ALTER TABLE partner_copy DROP COLUMN copy_number, DROP COLUMN copy_id`);
    await client.query(`INSERT INTO partner SELECT * FROM partner_copy`);
    await client.query(`CREATE TEMP TABLE suggestion_copy ON COMMIT DROP AS
      SELECT s.*, pc.id AS new_partner, cc.id AS new_candidate FROM suggestion s
      JOIN copy_of pc ON pc.original = s.partner_id JOIN copy_of cc ON cc.original = s.candidate_id AND cc.copy = pc.copy`);
    await client.query(`UPDATE suggestion_copy SET partner_id = new_partner, candidate_id = new_candidate`);
    await client.query(`ALTER TABLE suggestion_copy DROP COLUMN new_partner, DROP COLUMN new_candidate`);
    await client.query(`INSERT INTO suggestion SELECT * FROM suggestion_copy`);
    // Every suggested pair has its match, as a run's writes leave it.
    await client.query(`INSERT INTO match (partner_a_id, partner_b_id)
      SELECT DISTINCT LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id) FROM suggestion_copy ORDER BY 1, 2 ON CONFLICT DO NOTHING`);
    const [{ partners }] = (await client.query(`SELECT count(*)::int AS partners FROM partner`)).rows;
    const [{ suggestions }] = (await client.query(`SELECT count(*)::int AS suggestions FROM suggestion`)).rows;
    await client.query(`UPDATE matching_run SET partner_count = $1, suggestion_count = $2 WHERE status = 'completed'`, [partners, suggestions]);
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { partners, suggestions };
  } finally {
    await client.end();
  }
}
