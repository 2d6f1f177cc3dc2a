import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kennisdelen lists are stored beside the samenwerken ones, in the same run partitions, told
 * apart by `purpose` (already in the key). Their components are others: three columns of their
 * own, and the samenwerken-only ones (sector, region, reciprocity, network) are null on their
 * rows. Altering the partitioned parent alters every partition; existing rows keep their values.
 */
export class StoreKennisdelenLists1765001500000 implements MigrationInterface {
  name = 'StoreKennisdelenLists1765001500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['component_kennisbronnen', 'component_verandertheorie', 'component_peers']) {
      await queryRunner.query(`ALTER TABLE suggestion ADD COLUMN ${column} double precision`);
    }
    for (const column of ['component_sector', 'component_region', 'component_reciprocity', 'component_network']) {
      await queryRunner.query(`ALTER TABLE suggestion ALTER COLUMN ${column} DROP NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM suggestion WHERE purpose <> 'samenwerken'`);
    for (const column of ['component_sector', 'component_region', 'component_reciprocity', 'component_network']) {
      await queryRunner.query(`ALTER TABLE suggestion ALTER COLUMN ${column} SET NOT NULL`);
    }
    for (const column of ['component_kennisbronnen', 'component_verandertheorie', 'component_peers']) {
      await queryRunner.query(`ALTER TABLE suggestion DROP COLUMN ${column}`);
    }
  }
}
