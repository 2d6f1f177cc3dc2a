// Entry point for the TypeORM CLI (`npm run typeorm -- migration:run -d libs/persistence/src/data-source.ts`).
import { DataSource } from 'typeorm';
import { postgresOptions } from './postgres-options';

if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must be set to run migrations from the CLI');

export default new DataSource(postgresOptions(process.env.DATABASE_URL));
