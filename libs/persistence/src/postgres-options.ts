import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * How long a query waits for a connection, new or from a busy pool, before it fails: while
 * PostgreSQL is unreachable requests then answer 503 within this instead of hanging.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/** The one TypeORM configuration, shared by the apps, the migration CLI and the tests. */
export function postgresOptions(url: string): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'all',
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
  };
}
