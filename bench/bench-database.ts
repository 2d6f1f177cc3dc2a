import { randomBytes } from 'node:crypto';
import type { Connection } from '@app/matching';
import type { SyntheticPartner } from '@app/matching/synthetic';
import { Client } from 'pg';

const SERVER_URL = 'postgres://postgres@127.0.0.1:5432';
/** Rows per INSERT: one statement per thousand partners keeps seeding 10,000 well under a second or two. */
const ROWS_PER_INSERT = 1000;

/** Runs `work` on a short-lived connection to `url`. */
async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database, so every size starts from the same state as a new installation. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `pm_bench_${randomBytes(6).toString('hex')}`;
  await withClient(`${SERVER_URL}/postgres`, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: `${SERVER_URL}/${name}`,
    // FORCE: a service killed mid-query may leave a session behind for a moment.
    drop: () => withClient(`${SERVER_URL}/postgres`, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Writes the partners and their connections straight into the tables the API migrated,
 * as an import would: no change jobs are queued, so only a full run produces lists.
 */
export async function seedNetwork(url: string, partners: readonly SyntheticPartner[], connections: readonly Connection[]): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    await insertRows(client, 'partner', PARTNER_COLUMNS, partners.map(partnerRow));
    await insertRows(client, 'connection', ['partner_a_id', 'partner_b_id', 'note'], connections.map(connectionRow));
    await client.query('COMMIT');
  });
}

const PARTNER_COLUMNS = ['id', 'slug', 'name', 'sector', 'scope', 'gemeenten', 'leefdomeinen', 'opgaven', 'kennisbronnen', 'offers', 'needs', 'description', 'matching_opt_out'];

/** Plain numbered names: slugs must be unique and realistic names add nothing to timing. */
function partnerRow(partner: SyntheticPartner, index: number): unknown[] {
  const number = String(index + 1).padStart(6, '0');
  return [
    partner.id,
    `bench-${partner.kind}-${number}`,
    `Benchmarkpartner ${number} (${partner.kind})`,
    partner.sector,
    partner.scope,
    partner.gemeenten,
    partner.leefdomeinen,
    partner.opgaven,
    partner.kennisbronnen,
    partner.offers,
    partner.needs,
    'Synthetische partner voor de pipeline-benchmark.',
    partner.matchingOptOut ?? false,
  ];
}

/** The table keeps each pair once, smaller uuid first (uuids compare like their lowercase hex). */
function connectionRow(connection: Connection): unknown[] {
  const [first, second] = [connection.a.toLowerCase(), connection.b.toLowerCase()].sort();
  return [first, second, 'Bestaande samenwerking (benchmark)'];
}

async function insertRows(client: Client, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const batch = rows.slice(start, start + ROWS_PER_INSERT);
    const placeholders = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders.join(', ')}`, batch.flat());
  }
}
