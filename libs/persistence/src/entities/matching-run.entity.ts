import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_TRIGGERS = ['manual', 'scheduled', 'startup', 'profile'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The partners one shard job scores: ids from first to last, inclusive. */
export interface ShardBounds {
  firstPartnerId: string;
  lastPartnerId: string;
}

/** One full matching run: all lists recomputed, switched in at once when it completes. */
@Entity({ name: 'matching_run' })
export class MatchingRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  trigger: RunTrigger;

  @Column({ type: 'text' })
  status: RunStatus;

  /** 0–100. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  @Column({ name: 'profile_version', type: 'integer' })
  profileVersion: number;

  /** The kennisdelen profile version the run was requested with (1, the built-in default, for runs from before it could be edited). */
  @Column({ name: 'kennisdelen_profile_version', type: 'integer', default: 1 })
  kennisdelenProfileVersion: number;

  @Column({ name: 'partner_count', type: 'integer', nullable: true })
  partnerCount: number | null;

  @Column({ name: 'shard_count', type: 'integer', nullable: true })
  shardCount: number | null;

  /** Shards whose rows are written; a retried shard is counted once. */
  @Column({ name: 'completed_shards', type: 'integer', array: true, default: () => "'{}'" })
  completedShards: number[];

  @Column({ name: 'suggestion_count', type: 'integer', nullable: true })
  suggestionCount: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  /** When the partner data the run scores was read. */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** When the run last moved: requested, started, a shard written, or recovered. */
  @Column({ name: 'progressed_at', type: 'timestamptz', default: () => 'now()' })
  progressedAt: Date;

  /** Each shard's partners, by shard number; set when the run starts. */
  @Column({ name: 'shard_bounds', type: 'jsonb', nullable: true })
  shardBounds: ShardBounds[] | null;

  /** How often the watchdog enqueued the run's lost or stalled jobs again. */
  @Column({ type: 'integer', default: 0 })
  recoveries: number;
}
