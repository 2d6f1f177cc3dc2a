/** The bootstrap admin key every test service is started with (ADMIN_API_KEY). */
export const TEST_ADMIN_API_KEY = 'pm_test-admin-key-0123456789abcdefghij';

export function bearer(key: string = TEST_ADMIN_API_KEY): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}
