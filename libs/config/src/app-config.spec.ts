import { buildAppConfig } from './app-config';

describe('buildAppConfig', () => {
  it('defaults to the embedded database on port 3000 with demo data and in-process jobs', () => {
    const config = buildAppConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.redisUrl).toBeNull();
    expect(config.database).toMatchObject({ kind: 'embedded', seedDemoData: true });
    expect(config.database.kind === 'embedded' && config.database.dataDir).toMatch(/\.data$/);
  });

  it('uses PostgreSQL and Redis when their URLs are set', () => {
    const config = buildAppConfig({ DATABASE_URL: 'postgres://app@db:5432/partnermatch', REDIS_URL: 'redis://queue:6379', PORT: '8080' });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'postgres', url: 'postgres://app@db:5432/partnermatch' },
      redisUrl: 'redis://queue:6379',
      queuePrefix: 'partnermatch',
      queueLockDurationMs: 30_000,
      queueConcurrency: 2,
      runStallTimeoutMs: 300_000,
      matchingCron: '0 3 * * *',
      reviewRequired: true,
      impressions: true,
      workerHealthPort: null,
      logLevel: 'info',
      adminApiKey: null,
      rateLimitPerMinute: 1200,
      mail: {
        smtpUrl: null,
        from: 'Partnermatch <partnermatch@localhost>',
        publicUrl: 'http://127.0.0.1:8080',
        sendTimeoutMs: 60_000,
        digestCron: '0 8 1 * *',
        followUpAfterMs: 14 * 24 * 3600 * 1000,
        longFollowUpAfterMs: 90 * 24 * 3600 * 1000,
      },
      sessionIdleMinutes: 480,
      consoleDir: expect.stringMatching(/dist[/\\]console$/),
    });
  });

  it('reads the mail settings; FOLLOW_UP_DAYS may be a fraction of a day', () => {
    const { mail } = buildAppConfig({ SMTP_URL: 'smtp://mail:587', MAIL_FROM: 'Alliantie <noreply@example.org>', PUBLIC_URL: 'https://pm.example.org/', DIGEST_CRON: 'off', FOLLOW_UP_DAYS: '0.001' });
    expect(mail).toMatchObject({ smtpUrl: 'smtp://mail:587', from: 'Alliantie <noreply@example.org>', publicUrl: 'https://pm.example.org', digestCron: null, followUpAfterMs: 86_400 });
  });

  it('turns the worker health port on and sets the log level', () => {
    expect(buildAppConfig({ WORKER_HEALTH_PORT: '3001', LOG_LEVEL: 'warn' })).toMatchObject({ workerHealthPort: 3001, logLevel: 'warn' });
  });

  it('listens where HOST says, else on loopback for the embedded default and everywhere with DATABASE_URL', () => {
    expect(buildAppConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(buildAppConfig({ HOST: '::1', DATABASE_URL: 'postgres://app@db/p' }).host).toBe('::1');
  });

  it('treats an empty variable as unset', () => {
    expect(buildAppConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('embedded');
  });

  it.each([
    ['PORT', 'zeventig'],
    ['PORT', '70000'],
    ['HOST', 'localhost:3000'],
    ['DATABASE_URL', 'mysql://root@localhost/app'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['SEED_DEMO_DATA', 'ja'],
    ['QUEUE_PREFIX', 'a:b'],
    ['MATCHING_CRON', 'every night'],
    ['QUEUE_LOCK_DURATION_MS', '10'],
    ['REVIEW_REQUIRED', 'yes'],
    ['IMPRESSIONS', 'true'],
    ['QUEUE_CONCURRENCY', '0'],
    ['RUN_STALL_TIMEOUT_MS', '500'],
    ['WORKER_HEALTH_PORT', '-1'],
    ['LOG_LEVEL', 'verbose'],
    ['ADMIN_API_KEY', 'too-short'],
    ['ADMIN_API_KEY', 'has a space in it 0123456789'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['SMTP_URL', 'mail.example.org:25'],
    ['MAIL_FROM', 'niemand'],
    ['PUBLIC_URL', 'pm.example.org'],
    ['DIGEST_CRON', 'monthly'],
    ['FOLLOW_UP_DAYS', '0'],
    ['FOLLOW_UP_DAYS', 'twee'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_IDLE_MINUTES', '10081'],
  ])('stops on %s=%s, naming the variable', (name, value) => {
    expect(() => buildAppConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});
