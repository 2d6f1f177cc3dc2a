import type { Connection } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles, type SyntheticPartner } from '@app/matching/synthetic';
import { Client } from 'pg';

/** Partners and connections as the test stores them; partners in id order (the order the jobs load them in). */
export interface Network {
  partners: SyntheticPartner[];
  connections: Connection[];
}

export function syntheticNetwork(count: number, seed: number): Network {
  const partners = generateSyntheticProfiles({ count, seed }).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { partners, connections: generateSyntheticConnections(partners, { seed, perPartner: 1.5 }) };
}

export interface NetworkRows {
  /** Slugs and names are `<label>-partner-<n>` and `<Label> Partner <n>`: unique, and nothing to the timing. */
  label?: string;
  description?: string;
}

/**
 * Writes partners and connections straight into the tables the API migrated, as an import
 * would, with one statement per table: no change jobs are queued, so only a full run
 * produces lists.
 */
export async function insertNetwork(client: Client, network: Network, { label = 'pipeline', description = '' }: NetworkRows = {}): Promise<void> {
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  const partnerRows = network.partners.map((partner, index) => ({
    id: partner.id,
    slug: `${label}-partner-${index}`,
    name: `${name} Partner ${index}`,
    description,
    sector: partner.sector,
    scope: partner.scope,
    gemeenten: partner.gemeenten,
    leefdomeinen: partner.leefdomeinen,
    opgaven: partner.opgaven,
    kennisbronnen: partner.kennisbronnen,
    offers: partner.offers,
    needs: partner.needs,
    matching_opt_out: partner.matchingOptOut ?? false,
  }));
  // The table keeps each pair once, smaller uuid first.
  const connectionRows = network.connections.map(({ a, b }) => (a < b ? { partner_a_id: a, partner_b_id: b } : { partner_a_id: b, partner_b_id: a }));
  await insertRows(client, 'partner', partnerRows);
  await insertRows(client, 'connection', connectionRows);
}

/** `insertNetwork` on a connection of its own, in one transaction. */
export async function seedNetwork(databaseUrl: string, network: Network, rows?: NetworkRows): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await insertNetwork(client, network, rows);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Copies every partner and connection, ids and timestamps included, from one database to another. */
export async function copyNetwork(from: Client, to: Client): Promise<void> {
  for (const table of ['partner', 'connection']) {
    const { rows } = await from.query(`SELECT * FROM ${table}`);
    await insertRows(to, table, rows);
  }
}

/** One statement, the rows sent as one JSON document: no limit on parameters, however many rows. */
async function insertRows(client: Client, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).join(', ');
  await client.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(rows)]);
}
