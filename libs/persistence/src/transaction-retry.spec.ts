import { QueryFailedError } from 'typeorm';
import { isRetryableConflict, retryOnConflict, TransactionConflictError } from './transaction-retry';

const driverError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const queryFailed = (code: string) => new QueryFailedError('SELECT 1', [], driverError(code));
const fast = { attempts: 3, baseDelayMs: 1 };

describe('retryOnConflict', () => {
  it('knows deadlocks and serialization failures, from the driver or wrapped by TypeORM', () => {
    expect(isRetryableConflict(driverError('40P01'))).toBe(true);
    expect(isRetryableConflict(queryFailed('40001'))).toBe(true);
    expect(isRetryableConflict(queryFailed('23505'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });

  it('runs the transaction again after a deadlock and returns its result', async () => {
    const attempts: number[] = [];
    const result = await retryOnConflict(async (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw queryFailed('40P01');
      return 'stored';
    }, fast);
    expect(result).toBe('stored');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the last attempt with a TransactionConflictError', async () => {
    let runs = 0;
    const failing = retryOnConflict(async () => {
      runs++;
      throw queryFailed('40001');
    }, fast);
    await expect(failing).rejects.toBeInstanceOf(TransactionConflictError);
    expect(runs).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let runs = 0;
    const failing = retryOnConflict(async () => {
      runs++;
      throw queryFailed('23505');
    }, fast);
    await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
    expect(runs).toBe(1);
  });
});
