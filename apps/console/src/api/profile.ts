import { $api, type Schemas } from './client';

export type ComponentKey = keyof Schemas['ComponentsDto'];
export const COMPONENT_KEYS: ComponentKey[] = ['opgaven', 'leefdomeinen', 'sector', 'region', 'reciprocity', 'network'];

/** The active matching profile (its weights turn score components into parts of the score). */
export function useActiveProfile() {
  return $api.useQuery('get', '/v1/matching/profile', {}, { staleTime: 60_000 });
}

/**
 * Parts of the score in whole points (score × 100), each weight × component, rounded by largest
 * remainder so the shown parts add up exactly to the shown score.
 */
export function scoreParts(components: Schemas['ComponentsDto'], weights: Schemas['ComponentWeightsDto'], score: number): { key: ComponentKey; exact: number; points: number }[] {
  const exact = COMPONENT_KEYS.map((key) => ({ key, exact: weights[key] * components[key] * 100 }));
  const total = Math.round(score * 100);
  const floors = exact.map((part) => Math.floor(part.exact));
  let remaining = total - floors.reduce((sum, value) => sum + value, 0);
  const order = exact.map((part, index) => ({ index, fraction: part.exact - Math.floor(part.exact) })).sort((a, b) => b.fraction - a.fraction);
  const points = [...floors];
  for (const { index } of order) {
    if (remaining <= 0) break;
    points[index] = (points[index] ?? 0) + 1;
    remaining -= 1;
  }
  // Weights of another profile version can make the exact sum differ from the score a little:
  // take any rest off the largest part rather than show parts that do not add up.
  if (remaining !== 0) {
    const largest = points.indexOf(Math.max(...points));
    points[largest] = (points[largest] ?? 0) + remaining;
  }
  return exact.map((part, index) => ({ ...part, points: points[index] ?? 0 }));
}
