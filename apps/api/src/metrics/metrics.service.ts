import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MatchingRunRepository, MailOutboxRepository, PartnerChangeOutboxRepository, SuggestionRepository } from '@app/persistence';
import { MATCHING_QUEUE } from '@app/queue';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const QUEUE_STATES = ['waiting', 'active', 'failed'] as const;
/** The list sizes need a scan of the active run's rows; scrapes within this reuse the last one. */
const LIST_SIZES_TTL_MS = 30_000;

type ListSizes = Awaited<ReturnType<SuggestionRepository['listSizes']>>;

/**
 * The Prometheus registry of this API process. Request durations are observed as requests
 * finish; queue counts, finished runs and list sizes are read when Prometheus scrapes.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly runDuration = new Histogram({
    name: 'partnermatch_matching_run_duration_seconds',
    help: 'Duration of the matching runs that finished while this process ran, from request to finish',
    labelNames: ['trigger', 'status'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  private runsSeenUntil = new Date();
  private listSizes: { runId: string; at: number; sizes: ListSizes } | null = null;

  constructor(
    private readonly runs: MatchingRunRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly outbox: PartnerChangeOutboxRepository,
    private readonly mails: MailOutboxRepository,
    @Optional() @Inject(getQueueToken(MATCHING_QUEUE)) queue?: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry });
    if (queue) this.registerQueueGauge(queue);
    this.registerListGauges();
    this.registerOutboxGauges();
    this.registerMailGauges();
  }

  /** Mails not yet accepted by SMTP: a growing or ageing backlog means SMTP (or the queue) is failing. */
  private registerMailGauges(): void {
    const backlog = () => this.mails.backlog();
    new Gauge({
      name: 'partnermatch_mail_outbox_entries',
      help: 'Mails waiting in the outbox to be accepted by the SMTP server (0 without SMTP_URL)',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).entries);
      },
    });
    new Gauge({
      name: 'partnermatch_mail_outbox_oldest_age_seconds',
      help: 'Age of the oldest mail waiting to be sent (0 when none waits)',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).oldestAgeSeconds);
      },
    });
  }

  /** Express middleware: times each request under the route it matched, not its raw URL. */
  readonly observeRequests = (request: Request, response: Response, next: NextFunction): void => {
    const stop = this.requestDuration.startTimer();
    response.once('finish', () => {
      // Unmatched URLs share one label, so probing for paths cannot grow the series.
      const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
      stop({ method: request.method, route, status_code: String(response.statusCode) });
    });
    next();
  };

  async scrape(): Promise<string> {
    await this.observeFinishedRuns();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async observeFinishedRuns(): Promise<void> {
    for (const run of await this.runs.finishedSince(this.runsSeenUntil)) {
      this.runDuration.observe({ trigger: run.trigger, status: run.status }, (run.finishedAt!.getTime() - run.requestedAt.getTime()) / 1000);
      this.runsSeenUntil = run.finishedAt!;
    }
  }

  private registerQueueGauge(queue: Queue): void {
    new Gauge({
      name: 'partnermatch_queue_jobs',
      help: 'Jobs in the matching queue by state',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        // While Redis is down these series go missing instead of failing the scrape, whose outbox backlog matters most then.
        const counts = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
        this.reset();
        if (!counts) return;
        for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
      },
    });
  }

  /** A growing or ageing backlog means partner changes are not reaching the queue (Redis down?). */
  private registerOutboxGauges(): void {
    const backlog = () => this.outbox.backlog();
    new Gauge({
      name: 'partnermatch_outbox_entries',
      help: 'Partner changes waiting in the outbox for their recompute to be enqueued',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).entries);
      },
    });
    new Gauge({
      name: 'partnermatch_outbox_oldest_age_seconds',
      help: 'Age of the oldest partner change waiting in the outbox (0 when none waits)',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).oldestAgeSeconds);
      },
    });
  }

  private registerListGauges(): void {
    const sizes = () => this.activeListSizes();
    new Gauge({
      name: 'partnermatch_active_run_lists',
      help: 'Partners with a suggestion list in the active run',
      registers: [this.registry],
      async collect() {
        this.set((await sizes())?.lists ?? 0);
      },
    });
    new Gauge({
      name: 'partnermatch_suggestions_per_partner',
      help: 'Suggestions per partner list in the active run (shortest, mean, longest)',
      labelNames: ['stat'],
      registers: [this.registry],
      async collect() {
        const current = await sizes();
        if (!current) return;
        this.set({ stat: 'min' }, current.shortest);
        this.set({ stat: 'mean' }, current.lists ? current.suggestions / current.lists : 0);
        this.set({ stat: 'max' }, current.longest);
      },
    });
  }

  private async activeListSizes(): Promise<ListSizes | null> {
    const runId = await this.suggestions.activeRunId();
    if (!runId) return null;
    const cached = this.listSizes;
    if (cached?.runId === runId && Date.now() - cached.at < LIST_SIZES_TTL_MS) return cached.sizes;
    const sizes = await this.suggestions.listSizes(runId);
    this.listSizes = { runId, at: Date.now(), sizes };
    return sizes;
  }
}
