import { Client } from 'pg';

/**
 * One md5 per table of the public schema, over all its rows in a stable order: two
 * digests are equal only when no row was added, removed or changed. The tables come from
 * information_schema, so a table added by a later migration is covered without a change here.
 */
export async function digestTables(databaseUrl: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const digests: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const quoted = `"${table.replace(/"/g, '""')}"`;
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), '')) AS digest FROM ${quoted} t`,
      );
      digests[table] = `${rows[0].rows} rows, md5 ${rows[0].digest}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}

/**
 * The digest once the asynchronous work of earlier writes is done: the partner-change outbox
 * is empty and two digests a moment apart agree (a catch-up job rewrites lists after the relay
 * has emptied the outbox). A "changes nothing" check must start from this, not from a table a
 * repair is still writing.
 */
export async function settledDigest(databaseUrl: string, timeoutMs = 30_000): Promise<Record<string, string>> {
  const started = Date.now();
  let previous = await digestTables(databaseUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await digestTables(databaseUrl);
    const outboxEmpty = current.partner_change_outbox?.startsWith('0 rows') ?? true;
    if (outboxEmpty && JSON.stringify(current) === JSON.stringify(previous)) return current;
    if (Date.now() - started > timeoutMs) throw new Error(`the database did not settle within ${timeoutMs} ms`);
    previous = current;
  }
}
