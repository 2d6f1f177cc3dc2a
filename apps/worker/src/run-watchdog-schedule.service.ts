import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { RunWatchdogService } from '@app/suggestions';

/** Often enough to act soon after the stall timeout, rarely enough to cost nothing. */
export function watchdogIntervalMs(stallTimeoutMs: number): number {
  return Math.min(Math.max(stallTimeoutMs / 4, 1_000), 30_000);
}

/** Runs the run watchdog in every worker, once at start and then on an interval. */
@Injectable()
export class RunWatchdogScheduleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly watchdog: RunWatchdogService,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), watchdogIntervalMs(this.config.runStallTimeoutMs));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
  }

  /** One check at a time: a slow one (Redis or PostgreSQL timing out) is not stacked on. */
  private tick(): void {
    if (this.checking) return;
    this.checking = this.watchdog.check().finally(() => (this.checking = null));
  }
}
