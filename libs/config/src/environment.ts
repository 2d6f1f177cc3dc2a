// class-transformer reads the decorators' type metadata; a process that has not loaded Nest yet needs the polyfill.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsIP, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The process environment the services accept. Anything else in the environment is
 * ignored; a wrong value here stops start-up with a message naming the variable.
 */
export class EnvironmentVariables {
  /** PostgreSQL connection string; unset means the embedded PGlite database. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Redis connection string for the job queue; unset means jobs run in-process. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT: number = 3000;

  /**
   * The address the API listens on. Unset: 127.0.0.1 for the embedded default (a laptop's demo
   * is not for the network), 0.0.0.0 with DATABASE_URL (a server behind its proxy, the image).
   */
  @IsOptional()
  @IsIP(undefined, { message: 'HOST must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  /** Where the embedded database keeps its files. */
  @IsString()
  @IsNotEmpty({ message: 'DATA_DIR must not be empty' })
  DATA_DIR: string = './.data';

  /** Namespace of the queue's keys in Redis, so several installations can share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _ or -' })
  QUEUE_PREFIX: string = 'partnermatch';

  /** When the scheduled full matching run starts (cron, server time); `off` disables it. */
  @Matches(/^(off|(\S+\s+){4}\S+)$/, { message: 'MATCHING_CRON must be a 5-field cron expression or off' })
  MATCHING_CRON: string = '0 3 * * *';

  /**
   * How long a worker's claim on a job lasts without renewal: a worker that died is
   * noticed, and its job handed to another, after about twice this.
   */
  @IsInt({ message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 600000' })
  @Min(1000, { message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 600000' })
  @Max(600_000, { message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 600000' })
  QUEUE_LOCK_DURATION_MS: number = 30_000;

  /**
   * Jobs one worker process runs at once. Two overlap one shard's database writes with the
   * next shard's scoring on a 2-core machine.
   */
  @IsInt({ message: 'QUEUE_CONCURRENCY must be an integer between 1 and 16' })
  @Min(1, { message: 'QUEUE_CONCURRENCY must be an integer between 1 and 16' })
  @Max(16, { message: 'QUEUE_CONCURRENCY must be an integer between 1 and 16' })
  QUEUE_CONCURRENCY: number = 2;

  /**
   * How long a queued or running full run may go without progress (a shard written, a job
   * held by a worker or waiting for a retry) before the watchdog enqueues its missing jobs
   * again, or fails it with a reason once it has done so three times.
   */
  @IsInt({ message: 'RUN_STALL_TIMEOUT_MS must be an integer between 1000 and 86400000' })
  @Min(1000, { message: 'RUN_STALL_TIMEOUT_MS must be an integer between 1000 and 86400000' })
  @Max(86_400_000, { message: 'RUN_STALL_TIMEOUT_MS must be an integer between 1000 and 86400000' })
  RUN_STALL_TIMEOUT_MS: number = 300_000;

  /** Whether partners see only suggestions the team approved (`false`: every pending one too). */
  @Matches(/^(true|false)$/, { message: 'REVIEW_REQUIRED must be true or false' })
  REVIEW_REQUIRED: string = 'true';

  /** Whether the candidates partners are shown are recorded for the outcome funnel (`off`: nothing is). */
  @Matches(/^(on|off)$/, { message: 'IMPRESSIONS must be on or off' })
  IMPRESSIONS: string = 'on';

  /**
   * Port of the worker's health endpoints (`/health/live`, `/health/ready`); 0 leaves them
   * off, since several workers on one host cannot share a fixed port.
   */
  @IsInt({ message: 'WORKER_HEALTH_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'WORKER_HEALTH_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'WORKER_HEALTH_PORT must be an integer between 0 and 65535' })
  WORKER_HEALTH_PORT: number = 0;

  /** The least severe log level written. */
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /**
   * A bootstrap admin key, accepted besides the keys stored in the database. Unset with the
   * embedded database: one is generated at first start and printed once.
   */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{24,200}$/, { message: 'ADMIN_API_KEY must be 24-200 printable characters without spaces' })
  ADMIN_API_KEY?: string;

  /** Requests one key (or, without a key, one client address) may make per minute. */
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 100000000' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 100000000' })
  @Max(100_000_000, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 100000000' })
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /**
   * The SMTP server mails go to (`smtp://user:pass@host:587`, `smtps://…:465`); unset keeps
   * every mail in the database for the dev mailbox (`GET /v1/dev/mailbox`).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every mail: `address@example.org` or `Name <address@example.org>`. */
  @Matches(/^([^<>\r\n]{1,100} <[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'MAIL_FROM must be an e-mail address, optionally as "Name <address>"' })
  MAIL_FROM: string = 'Partnermatch <partnermatch@localhost>';

  /** The address people reach the service at; links in mails start with it. Default `http://127.0.0.1:<PORT>`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL without query or fragment' })
  PUBLIC_URL?: string;

  /** How long one SMTP delivery may take; a claim on a mail lasts twice this, then another sender may retry it. */
  @IsInt({ message: 'MAIL_SEND_TIMEOUT_MS must be an integer between 500 and 600000' })
  @Min(500, { message: 'MAIL_SEND_TIMEOUT_MS must be an integer between 500 and 600000' })
  @Max(600_000, { message: 'MAIL_SEND_TIMEOUT_MS must be an integer between 500 and 600000' })
  MAIL_SEND_TIMEOUT_MS: number = 60_000;

  /** When partner contacts get the digest of new suggestions (5-field cron); `off` disables it. */
  @Matches(/^(off|(\S+\s+){4}\S+)$/, { message: 'DIGEST_CRON must be a 5-field cron expression or off' })
  DIGEST_CRON: string = '0 8 1 * *';

  /** Days after an introduction that both sides are asked whether it led to something (decimals allowed: 0.01 is about 15 minutes). */
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'FOLLOW_UP_DAYS must be a number of days (0.00001 to 365)' })
  @Min(0.00001, { message: 'FOLLOW_UP_DAYS must be a number of days (0.00001 to 365)' })
  @Max(365, { message: 'FOLLOW_UP_DAYS must be a number of days (0.00001 to 365)' })
  FOLLOW_UP_DAYS: number = 14;

  /** Days after an introduction that collaborating pairs are asked what came of it. */
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'FOLLOW_UP_LONG_DAYS must be a number of days (0.00001 to 3650)' })
  @Min(0.00001, { message: 'FOLLOW_UP_LONG_DAYS must be a number of days (0.00001 to 3650)' })
  @Max(3650, { message: 'FOLLOW_UP_LONG_DAYS must be a number of days (0.00001 to 3650)' })
  FOLLOW_UP_LONG_DAYS: number = 90;
  /** How long a console session lasts without a request (sliding); sessions end after 7 days regardless. */
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be an integer between 1 and 10080 (7 days)' })
  @Min(1, { message: 'SESSION_IDLE_MINUTES must be an integer between 1 and 10080 (7 days)' })
  @Max(10_080, { message: 'SESSION_IDLE_MINUTES must be an integer between 1 and 10080 (7 days)' })
  SESSION_IDLE_MINUTES: number = 480;

  /** Where the built team console is (vite's outDir); unset: `dist/console` of the installation. */
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'CONSOLE_DIR must not be empty' })
  CONSOLE_DIR?: string;

  /** Whether the embedded default seeds the demo partners on first start. */
  @Matches(/^(true|false)$/, { message: 'SEED_DEMO_DATA must be true or false' })
  SEED_DEMO_DATA: string = 'true';
}

const ENVIRONMENT_KEYS = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'DATA_DIR', 'QUEUE_PREFIX', 'QUEUE_LOCK_DURATION_MS', 'QUEUE_CONCURRENCY', 'RUN_STALL_TIMEOUT_MS', 'MATCHING_CRON', 'REVIEW_REQUIRED', 'IMPRESSIONS', 'SEED_DEMO_DATA', 'WORKER_HEALTH_PORT', 'LOG_LEVEL', 'ADMIN_API_KEY', 'RATE_LIMIT_PER_MINUTE', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'MAIL_SEND_TIMEOUT_MS', 'DIGEST_CRON', 'FOLLOW_UP_DAYS', 'FOLLOW_UP_LONG_DAYS', 'SESSION_IDLE_MINUTES', 'CONSOLE_DIR'] as const;

/** Never echoed back in a start-up error: logs outlive the mistake. */
const SECRET_KEYS = new Set<string>(['ADMIN_API_KEY', 'SMTP_URL']);

export class InvalidEnvironmentError extends Error {}

/** Validates the raw environment; throws naming every wrong variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(
    ENVIRONMENT_KEYS.filter((key) => raw[key] !== undefined && raw[key] !== '').map((key) => [key, raw[key]]),
  );
  const env = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const shown = (name: string) => (SECRET_KEYS.has(name) ? '(hidden)' : JSON.stringify(raw[name]));
    const lines = errors.map((error) => `  ${error.property}=${shown(error.property)}: ${Object.values(error.constraints ?? {})[0]}`);
    throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
