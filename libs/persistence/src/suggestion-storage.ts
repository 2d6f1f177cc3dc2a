import {
  COMPONENT_NAMES,
  KENNISDELEN_COMPONENTS,
  renderStoredKennisdelenReason,
  renderStoredReasons,
  type ComponentName,
  type KennisdelenComponent,
  type KennisdelenScores,
  type Reason,
  type StoredReason,
} from '@app/matching';
import type { SuggestionPurpose } from './entities/suggestion.entity';
import type { EntityManager } from 'typeorm';

/** A run's weights, kept with its partition: the reasons' shares are rendered from them. */
export type ComponentWeights = Record<ComponentName, number>;
/** What a run's partition records: its samenwerken weights and, since kennisdelen lists are stored, theirs under `kennisdelen`. */
export type RunWeights = ComponentWeights & { kennisdelen?: Record<KennisdelenComponent, number> };

/**
 * Suggestions are partitioned by run (LIST on run_id): a run writes into its own partition,
 * readers follow the active run, and the runs before it go by dropping their partitions.
 * Each partition's unique key is (partner_id, purpose, rank): within a run the run id would
 * only repeat itself in every index entry.
 */
export const partitionName = (runId: string) => `suggestion_run_${runId.replace(/-/g, '')}`;
const RUN_OF_PARTITION = /^suggestion_run_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;
export const runOfPartition = (name: string) => {
  const parts = RUN_OF_PARTITION.exec(name);
  return parts ? parts.slice(1).join('-') : null;
};

/**
 * Creates a run's partition and records its weights, unless it exists. The table is made
 * apart and then attached, which locks the parent table only against other DDL (SHARE UPDATE
 * EXCLUSIVE), so readers and the active run's repairs go on meanwhile.
 */
export async function createPartition(tx: EntityManager, runId: string, weights: RunWeights): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('partnermatch:suggestion-partitions'))`);
  const [known] = await tx.query(`SELECT 1 FROM suggestion_run WHERE run_id = $1`, [runId]);
  if (known) return;
  const name = partitionName(runId);
  await tx.query(`CREATE TABLE ${name} (LIKE suggestion INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  await tx.query(`CREATE UNIQUE INDEX ${name}_key ON ${name} (partner_id, purpose, rank)`);
  await tx.query(`ALTER TABLE suggestion ATTACH PARTITION ${name} FOR VALUES IN ('${runId}')`);
  await tx.query(`INSERT INTO suggestion_run (run_id, weights) VALUES ($1, $2)`, [runId, JSON.stringify(weights)]);
}

/** The component columns, `component_<name>`, in COMPONENT_NAMES order. */
export const COMPONENT_COLUMNS = COMPONENT_NAMES.map((name) => `component_${name}`);
/** A kennisdelen row's component columns, in KENNISDELEN_COMPONENTS order (opgaven and leefdomeinen are shared). */
export const KENNISDELEN_COMPONENT_COLUMNS = KENNISDELEN_COMPONENTS.map((name) => `component_${name}`);

/** A row's component columns as a record. */
export function componentsOf(row: Record<string, unknown>): Record<ComponentName, number> {
  return Object.fromEntries(COMPONENT_NAMES.map((name) => [name, row[`component_${name}`] as number])) as Record<ComponentName, number>;
}

/** What a query selects of a stored suggestion (alias `s`, either purpose) to render its reasons and components. */
export const RENDERED_SUGGESTION_COLUMNS = `s.partner_id, s.candidate_id, s.rank, s.purpose, s.distance_km, ${[...new Set([...COMPONENT_COLUMNS, ...KENNISDELEN_COMPONENT_COLUMNS])]
  .map((column) => `s.${column}`)
  .join(', ')}, s.reasons,
  (SELECT w.weights FROM suggestion_run w WHERE w.run_id = s.run_id) AS run_weights`;

export interface StoredSuggestionColumns {
  partner_id: string;
  candidate_id: string;
  rank: number;
  purpose: SuggestionPurpose;
  distance_km: number | null;
  reasons: StoredReason[];
  run_weights: RunWeights;
}

/** A row read with RENDERED_SUGGESTION_COLUMNS: its components as a record (its purpose's) and its reasons rendered. */
export function renderedSuggestion(row: StoredSuggestionColumns): { components: Record<ComponentName, number> | KennisdelenScores; reasons: Reason[] } {
  if (row.purpose === 'kennisdelen') {
    const components = Object.fromEntries(KENNISDELEN_COMPONENTS.map((name) => [name, (row as unknown as Record<string, number>)[`component_${name}`]])) as KennisdelenScores;
    const weights = row.run_weights.kennisdelen!;
    return { components, reasons: (row.reasons as never[]).map((entry) => renderStoredKennisdelenReason(entry, { components, weights })) };
  }
  const components = componentsOf(row as unknown as Record<string, unknown>);
  const reasons = renderStoredReasons(row.reasons, {
    partnerId: row.partner_id,
    candidateId: row.candidate_id,
    rank: row.rank,
    distanceKm: row.distance_km,
    components,
    weights: row.run_weights,
  });
  return { components, reasons };
}
