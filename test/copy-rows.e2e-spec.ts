import { DataSource } from 'typeorm';
import { copyRows } from '../libs/persistence/src/copy-rows';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('copyRows: COPY FROM STDIN in a transaction (real PostgreSQL)', () => {
  let database: TestDatabase;
  let source: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('copy_rows');
    source = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    await source.query(`CREATE TABLE copied (id int PRIMARY KEY, label text, score float8, reasons json, note text DEFAULT 'default')`);
  });

  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  it('writes every row exactly as given, nulls and defaults included, across several chunks', async () => {
    const tricky = ['tab\there', 'new\nline', 'back\\slash', 'carriage\rreturn', 'één "quote"', '\\N'];
    const rows = Array.from({ length: 2500 }, (_, i) => [i, tricky[i % tricky.length], i % 7 === 0 ? null : i / 3, JSON.stringify([[i, { text: tricky[i % tricky.length] }]])]);
    await source.transaction((tx) => copyRows(tx, 'copied', ['id', 'label', 'score', 'reasons'], rows));
    const stored: { id: number; label: string; score: number | null; reasons: unknown; note: string }[] = await source.query(`SELECT id, label, score, reasons::text AS reasons, note FROM copied ORDER BY id`);
    expect(stored).toHaveLength(rows.length);
    expect(stored.map((row) => [row.id, row.label, row.score, row.reasons])).toEqual(rows);
    expect(new Set(stored.map((row) => row.note))).toEqual(new Set(['default']));
  });

  it('writes nothing when the transaction rolls back', async () => {
    await source.query(`TRUNCATE copied`);
    await expect(
      source.transaction(async (tx) => {
        await copyRows(tx, 'copied', ['id', 'label'], [[1, 'a'], [2, 'b']]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await source.query(`SELECT count(*)::int AS n FROM copied`)).toEqual([{ n: 0 }]);
  });

  it('fails the transaction on a bad row, naming the problem', async () => {
    await expect(source.transaction((tx) => copyRows(tx, 'copied', ['id', 'label'], [[1, 'a'], [1, 'again']]))).rejects.toThrow(/duplicate key/);
  });
});
