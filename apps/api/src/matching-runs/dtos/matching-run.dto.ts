import { ApiProperty } from '@nestjs/swagger';
import { RUN_STATUSES, RUN_TRIGGERS, type MatchingRunEntity, type RunStatus, type RunTrigger } from '@app/persistence';

export class MatchingRunDto {
  id: string;
  // Named, not inferred from the union: the plugin's order of union members differs between builds (the console's types must not).
  @ApiProperty({ enum: RUN_TRIGGERS })
  trigger: RunTrigger;
  @ApiProperty({ enum: RUN_STATUSES })
  status: RunStatus;
  /** 0–100. */
  progress: number;
  /** The samenwerken profile version the run applies. */
  profileVersion: number;
  /** The kennisdelen profile version the run applies (`GET /v1/matching/profile/versions?purpose=kennisdelen`). */
  kennisdelenProfileVersion: number;
  partnerCount: number | null;
  shardCount: number | null;
  shardsCompleted: number;
  suggestionCount: number | null;
  /** Why the run failed; the previous lists stay in place. */
  error: string | null;
  /** How often the run watchdog enqueued the run's lost or stalled jobs again. */
  recoveries: number;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Seconds from start to finish. */
  durationSeconds: number | null;

  static from(run: MatchingRunEntity): MatchingRunDto {
    return {
      id: run.id,
      trigger: run.trigger,
      status: run.status,
      progress: run.progress,
      profileVersion: run.profileVersion,
      kennisdelenProfileVersion: run.kennisdelenProfileVersion,
      partnerCount: run.partnerCount,
      shardCount: run.shardCount,
      shardsCompleted: run.completedShards.length,
      suggestionCount: run.suggestionCount,
      error: run.error,
      recoveries: run.recoveries,
      requestedAt: run.requestedAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationSeconds: run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : null,
    };
  }
}

export class MatchingRunListDto {
  items: MatchingRunDto[];
  total: number;
  limit: number;
  offset: number;
}
