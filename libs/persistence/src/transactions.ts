import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

/** A database transaction in progress, handed to repository methods so they take part in it. */
export type Transaction = EntityManager;

/** Transactions for the API's services, so TypeORM stays behind the persistence library. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Runs `work`'s reads in one snapshot (REPEATABLE READ): they all see the database as it was at its first read. */
  snapshot<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }
}

/** Whether `error` is PostgreSQL refusing a write that breaks the unique constraint `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
