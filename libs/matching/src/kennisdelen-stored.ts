import {
  KENNISDELEN_COMPONENT_OF,
  KENNISDELEN_COMPONENTS,
  KENNISDELEN_REASON_CODES,
  kennisdelenSentence,
  withKennisdelenSentences,
  type ExplainedKennisdelenFacts,
  type KennisdelenComponent,
  type KennisdelenFacts,
} from './kennisdelen';
import { STORED_LEEFDOMEINEN, STORED_OPGAVEN, STORED_SECTORS, type Lang } from './reasons';
import type { Reason } from './types';

/**
 * Kennisdelen reasons as they are stored with their row: `[code number, ...masks]`, ~10 bytes,
 * rendered in the asked language when read, like the samenwerken reasons (reasons.ts). The
 * numbers are their own (a row's purpose says which table applies): `shared-opgaven` is a
 * code of both purposes with different sentences.
 */
export type StoredKennisdelenReason = readonly (number | readonly number[])[] | Reason;

/** Taxonomy codes by their bit (the order of 2026-12). Append only. */
const STORED_KENNISBRONNEN = ['wetenschap', 'praktijk', 'ervaring'];
const STORED_VERANDERTHEORIE = ['verzachten', 'versterken', 'veranderen'];

/** What a stored kennisdelen reason is rendered against: its row's components and its run's kennisdelen weights. */
export interface StoredKennisdelenRow {
  components: Record<KennisdelenComponent, number>;
  weights: Record<KennisdelenComponent, number>;
}

function toMask(codes: readonly string[], numbered: readonly string[]): number | null {
  let mask = 0;
  for (const code of codes) {
    const bit = numbered.indexOf(code);
    if (bit < 0) return null;
    mask |= 1 << bit;
  }
  return mask;
}
const fromMask = (mask: number, numbered: readonly string[]) => numbered.filter((_code, bit) => mask & (1 << bit));

function shareOf(facts: KennisdelenFacts, row: StoredKennisdelenRow): number {
  let total = 0;
  for (const name of KENNISDELEN_COMPONENTS) total += row.weights[name];
  const name = KENNISDELEN_COMPONENT_OF[facts.code];
  return (row.weights[name] * row.components[name]) / total;
}

function compactOf(reason: Pick<Reason, 'code' | 'params'>): number[] | null {
  const number = (KENNISDELEN_REASON_CODES as readonly string[]).indexOf(reason.code);
  const p = reason.params as Record<string, string[] | string>;
  const masks = (() => {
    switch (reason.code) {
      case 'shared-opgaven':
        return [toMask(p.opgaven as string[], STORED_OPGAVEN)];
      case 'shared-leefdomeinen':
        return [toMask(p.leefdomeinen as string[], STORED_LEEFDOMEINEN)];
      case 'complementary-kennisbronnen':
        return [toMask(p.yours as string[], STORED_KENNISBRONNEN), toMask(p.theirs as string[], STORED_KENNISBRONNEN)];
      case 'shared-verandertheorie':
        return [toMask(p.levels as string[], STORED_VERANDERTHEORIE)];
      case 'same-sector-peers':
        return [STORED_SECTORS.indexOf(p.sector as string)];
      case 'other-sector-view':
        return (p.sectors as string[]).map((sector) => STORED_SECTORS.indexOf(sector));
      default:
        return null;
    }
  })();
  if (number < 0 || !masks || masks.some((mask) => mask === null || mask < 0)) return null;
  return [number, ...(masks as number[])];
}

function factsOf(entry: readonly number[]): KennisdelenFacts {
  const code = KENNISDELEN_REASON_CODES[entry[0]];
  switch (code) {
    case 'shared-opgaven':
      return { code, params: { opgaven: fromMask(entry[1], STORED_OPGAVEN) } };
    case 'shared-leefdomeinen':
      return { code, params: { leefdomeinen: fromMask(entry[1], STORED_LEEFDOMEINEN) } };
    case 'complementary-kennisbronnen':
      return { code, params: { yours: fromMask(entry[1], STORED_KENNISBRONNEN), theirs: fromMask(entry[2], STORED_KENNISBRONNEN) } };
    case 'shared-verandertheorie':
      return { code, params: { levels: fromMask(entry[1], STORED_VERANDERTHEORIE) } };
    case 'same-sector-peers':
      return { code, params: { sector: STORED_SECTORS[entry[1]] } };
    case 'other-sector-view':
      return { code, params: { sectors: [STORED_SECTORS[entry[1]], STORED_SECTORS[entry[2]]] } };
    default:
      throw new Error(`Unknown stored kennisdelen reason code ${String(entry[0])}`);
  }
}

/** The compact array of a reason (its sentences are functions of code and params) if it renders back to exactly it, else null. */
function exactCompactOf(reason: Pick<Reason, 'code' | 'params' | 'share'>, row: StoredKennisdelenRow): number[] | null {
  const compact = compactOf(reason);
  if (!compact) return null;
  const facts = factsOf(compact);
  return Object.is(shareOf(facts, row), reason.share) && JSON.stringify(facts.params) === JSON.stringify(reason.params) ? compact : null;
}

/** A reason as stored: the compact array when it renders back to exactly this reason, else the reason itself. */
export function storeKennisdelenReason(reason: Reason, row: StoredKennisdelenRow): StoredKennisdelenReason {
  return exactCompactOf(reason, row) ?? reason;
}

/** Explained facts as stored, as `storeKennisdelenReason` stores the reason they render to: its sentences are rendered only when no compact form fits. */
export function storeKennisdelenFacts(facts: ExplainedKennisdelenFacts, row: StoredKennisdelenRow): StoredKennisdelenReason {
  return exactCompactOf(facts, row) ?? withKennisdelenSentences(facts);
}

/** One stored kennisdelen reason as a reason, both sentences rendered. */
export function renderStoredKennisdelenReason(entry: StoredKennisdelenReason, row: StoredKennisdelenRow): Reason {
  if (!Array.isArray(entry)) return entry as Reason;
  const facts = factsOf(entry as number[]);
  return withKennisdelenSentences({ ...facts, share: shareOf(facts, row) });
}

/** One stored kennisdelen reason's sentence in one language. */
export function storedKennisdelenReasonText(entry: StoredKennisdelenReason, lang: Lang): string {
  if (!Array.isArray(entry)) return (entry as Reason)[lang];
  return kennisdelenSentence(factsOf(entry as number[]), lang);
}
