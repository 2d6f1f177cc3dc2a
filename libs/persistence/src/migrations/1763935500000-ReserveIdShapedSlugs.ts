import { MigrationInterface, QueryRunner } from 'typeorm';

/** The canonical uuid text form; written out rather than imported so the migration stays as it ran. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PREFIX = 'partner-';

/**
 * Path parameters of the shape of an id are read as ids, so a slug of that shape named
 * another partner to the key guard. New slugs never have it (slugify prefixes `partner-`);
 * this renames stored ones the same way, numbering past a slug that is already taken.
 */
export class ReserveIdShapedSlugs1763935500000 implements MigrationInterface {
  name = 'ReserveIdShapedSlugs1763935500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; slug: string }[] = await queryRunner.query(`SELECT id, slug FROM partner WHERE slug ~* $1 ORDER BY slug`, [`^${UUID}$`]);
    for (const { id, slug } of rows) {
      const base = `${PREFIX}${slug.toLowerCase()}`;
      const taken = new Set(
        (await queryRunner.query(`SELECT slug FROM partner WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`]) as { slug: string }[]).map((row) => row.slug),
      );
      let renamed = base;
      for (let suffix = 2; taken.has(renamed); suffix++) renamed = `${base}-${suffix}`;
      await queryRunner.query(`UPDATE partner SET slug = $1 WHERE id = $2`, [renamed, id]);
    }
  }

  /** Gives `partner-<uuid>` slugs back their bare form where that is free (it is what the old rule derived). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE partner p SET slug = substr(p.slug, $2)
        WHERE p.slug ~ $1 AND NOT EXISTS (SELECT 1 FROM partner other WHERE other.slug = substr(p.slug, $2))`,
      [`^${PREFIX}${UUID}$`, PREFIX.length + 1],
    );
  }
}
