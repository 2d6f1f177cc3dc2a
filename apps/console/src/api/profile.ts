import { $api, type Schemas } from './client';

export type ComponentKey = keyof Schemas['ComponentsDto'];
export const COMPONENT_KEYS: ComponentKey[] = ['opgaven', 'leefdomeinen', 'sector', 'region', 'reciprocity', 'network'];
export type KennisdelenComponentKey = keyof Schemas['KennisdelenComponentsDto'];
export const KENNISDELEN_COMPONENT_KEYS: KennisdelenComponentKey[] = ['opgaven', 'leefdomeinen', 'kennisbronnen', 'verandertheorie', 'peers'];
/** A component of either purpose's score. */
export type AnyComponentKey = ComponentKey | KennisdelenComponentKey;
export type Purpose = 'samenwerken' | 'kennisdelen';
export const PURPOSES: Purpose[] = ['samenwerken', 'kennisdelen'];

/** The components a purpose's score is made of, in the order bars and legends show them. */
export const componentKeysFor = (purpose: Purpose): AnyComponentKey[] => (purpose === 'kennisdelen' ? KENNISDELEN_COMPONENT_KEYS : COMPONENT_KEYS);
type AnyComponents = Schemas['ComponentsDto'] | Schemas['KennisdelenComponentsDto'];
const purposeOfComponents = (components: AnyComponents): Purpose => ('kennisbronnen' in components ? 'kennisdelen' : 'samenwerken');

type AnyProfile = Schemas['MatchingProfileDto'] | Schemas['KennisdelenProfileDto'];
/** A samenwerken version, from an answer of the profile routes (without `purpose` they answer samenwerken ones). */
export const samenwerkenOnly = (profile: AnyProfile): Schemas['MatchingProfileDto'] | undefined => (profile.purpose === 'samenwerken' ? profile : undefined);

/** The active samenwerken matching profile (its weights turn score components into parts of the score). */
export function useActiveProfile() {
  return $api.useQuery('get', '/v1/matching/profile', {}, { staleTime: 60_000, select: samenwerkenOnly });
}

/** The active kennisdelen profile (`?purpose=kennisdelen`). */
export function useKennisdelenProfile({ enabled = true } = {}) {
  return $api.useQuery(
    'get',
    '/v1/matching/profile',
    { params: { query: { purpose: 'kennisdelen' as const } } },
    { enabled, select: (profile) => (profile.purpose === 'kennisdelen' ? profile : undefined) },
  );
}

/** The weights of a purpose's active profile: what turns that purpose's components into parts of its score. */
export function usePurposeWeights(purpose: Purpose): Partial<Record<AnyComponentKey, number>> | undefined {
  const samenwerken = useActiveProfile();
  const kennisdelen = useKennisdelenProfile({ enabled: purpose === 'kennisdelen' });
  return purpose === 'kennisdelen' ? kennisdelen.data?.weights : samenwerken.data?.weights;
}

/**
 * Parts of the score in whole points (score × 100), each weight × component over the weights'
 * sum, rounded by largest remainder so the shown parts add up exactly to the shown score. The
 * components say which purpose's score it is; `weights` are that purpose's.
 */
export function scoreParts(components: AnyComponents, weights: Partial<Record<AnyComponentKey, number>>, score: number): { key: AnyComponentKey; exact: number; points: number }[] {
  const keys = componentKeysFor(purposeOfComponents(components));
  const values = components as Partial<Record<AnyComponentKey, number>>;
  const sum = keys.reduce((total, key) => total + (weights[key] ?? 0), 0) || 1;
  const exact = keys.map((key) => ({ key, exact: (((weights[key] ?? 0) * (values[key] ?? 0)) / sum) * 100 }));
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
