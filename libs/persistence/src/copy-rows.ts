import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A column value as COPY's text format takes it: null is `\N`. */
export type CopyValue = string | number | null;

/** Backslash, tab, newline and carriage return are COPY text's own characters: each is escaped in a value. */
const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY takes finite numbers, not ${value}`);
    return String(value);
  }
  return value.replace(COPY_SPECIAL, (character) => COPY_ESCAPES[character]);
}

/** One row as a line of COPY's text format. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyField(values[i])}`;
  return `${line}\n`;
}

/** Lines per chunk handed to the connection: a few hundred kilobytes, so a large write neither builds one huge string nor many tiny packets. */
const LINES_PER_CHUNK = 1000;

/**
 * Writes rows into a table with COPY FROM STDIN on the caller's transaction's connection
 * (PostgreSQL only): the rows go as text, with no statement to plan and no JSON for the server to
 * parse; a bulk write's server time fell by about a third against jsonb_to_recordset. `table` and
 * `columns` are the caller's own identifiers, never input.
 */
export async function copyRows(tx: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const client = (tx.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error('copyRows needs a transaction on a PostgreSQL connection');
  const chunks = function* () {
    for (let start = 0; start < rows.length; start += LINES_PER_CHUNK) {
      let text = '';
      for (const row of rows.slice(start, start + LINES_PER_CHUNK)) text += copyLine(row);
      yield text;
    }
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
