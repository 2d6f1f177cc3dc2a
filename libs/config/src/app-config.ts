import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateEnvironment, type LogLevel } from './environment';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  | { kind: 'embedded'; dataDir: string; seedDemoData: boolean };

export interface AppConfig {
  port: number;
  /** The address the API listens on. */
  host: string;
  database: DatabaseConfig;
  /** Null in the embedded default: jobs then run in-process. */
  redisUrl: string | null;
  queuePrefix: string;
  queueLockDurationMs: number;
  queueConcurrency: number;
  /** A full run without progress for this long is recovered or failed by the watchdog. */
  runStallTimeoutMs: number;
  /** Cron expression of the scheduled full run, or null when disabled. */
  matchingCron: string | null;
  /** Partners see only approved suggestions (the team sees all). */
  reviewRequired: boolean;
  /** Impressions (which candidates partners were shown) are recorded. */
  impressions: boolean;
  /** Null when the worker serves no health endpoints. */
  workerHealthPort: number | null;
  logLevel: LogLevel;
  adminApiKey: string | null;
  rateLimitPerMinute: number;
  mail: MailConfig;
  /** Idle time after which a console session ends. */
  sessionIdleMinutes: number;
  /** The built team console's files. */
  consoleDir: string;
}

/** The installation's root: the nearest directory up from here with a package.json (from the sources and from dist alike). */
function installationRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return process.cwd();
}

export interface MailConfig {
  /** Null: mails are kept in the database for the dev mailbox. */
  smtpUrl: string | null;
  from: string;
  /** Without a trailing slash. */
  publicUrl: string;
  sendTimeoutMs: number;
  /** Null when the digest is off. */
  digestCron: string | null;
  followUpAfterMs: number;
  longFollowUpAfterMs: number;
}

const DAY_MS = 24 * 3600 * 1000;

export function buildAppConfig(raw: Record<string, unknown>): AppConfig {
  const env = validateEnvironment(raw);
  return {
    port: env.PORT,
    host: env.HOST ?? (env.DATABASE_URL ? '0.0.0.0' : '127.0.0.1'),
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dataDir: resolve(env.DATA_DIR), seedDemoData: env.SEED_DEMO_DATA === 'true' },
    redisUrl: env.REDIS_URL ?? null,
    queuePrefix: env.QUEUE_PREFIX,
    queueLockDurationMs: env.QUEUE_LOCK_DURATION_MS,
    queueConcurrency: env.QUEUE_CONCURRENCY,
    runStallTimeoutMs: env.RUN_STALL_TIMEOUT_MS,
    matchingCron: env.MATCHING_CRON === 'off' ? null : env.MATCHING_CRON,
    reviewRequired: env.REVIEW_REQUIRED === 'true',
    impressions: env.IMPRESSIONS === 'on',
    workerHealthPort: env.WORKER_HEALTH_PORT || null,
    logLevel: env.LOG_LEVEL,
    adminApiKey: env.ADMIN_API_KEY ?? null,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    mail: {
      smtpUrl: env.SMTP_URL ?? null,
      from: env.MAIL_FROM,
      publicUrl: (env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
      sendTimeoutMs: env.MAIL_SEND_TIMEOUT_MS,
      digestCron: env.DIGEST_CRON === 'off' ? null : env.DIGEST_CRON,
      followUpAfterMs: Math.round(env.FOLLOW_UP_DAYS * DAY_MS),
      longFollowUpAfterMs: Math.round(env.FOLLOW_UP_LONG_DAYS * DAY_MS),
    },
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    consoleDir: env.CONSOLE_DIR ? resolve(env.CONSOLE_DIR) : join(installationRoot(), 'dist', 'console'),
  };
}

/** The typed configuration; inject with `@Inject(appConfig.KEY) config: AppConfig`. */
/** The token under which the configuration each main.ts built once is injected. */
export const appConfig = { KEY: 'partnermatch:app-config' } as const;
