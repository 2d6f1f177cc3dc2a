import { $api, type Schemas } from '../../../api/client';
import type { AnyComponentKey, Purpose } from '../../../api/profile';
import type { Lang } from '../../../i18n/i18n';

export type Match = Schemas['MatchDto'];
export type ReviewPair = Schemas['ReviewPairDto'];

export function useMatch(id: string) {
  return $api.useQuery('get', '/v1/matches/{id}', { params: { path: { id } } });
}

export function useHistory(id: string) {
  return $api.useQuery('get', '/v1/matches/{id}/history', { params: { path: { id } } });
}

export function usePartner(idOrSlug: string | undefined) {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}', { params: { path: { idOrSlug: idOrSlug ?? '' } } }, { enabled: Boolean(idOrSlug) });
}

export function useDecidePair() {
  return $api.useMutation('patch', '/v1/matches/{id}');
}

/** The pair as the review queue shows it (score, components, reasons, feedback), with its run. */
export function useReviewItem(id: string, lang: Lang) {
  return $api.useQuery('get', '/v1/reviews/{id}', { params: { path: { id }, query: { lang } } });
}

/**
 * The weights of the profile version the pair's run used, and whether they are still on their way
 * (the breakdown waits for them rather than showing dashes that turn into points a moment later).
 */
export function useRunWeights(runId: string | null | undefined, purpose: Purpose): { weights: Partial<Record<AnyComponentKey, number>> | undefined; isPending: boolean } {
  const run = $api.useQuery('get', '/v1/matching/runs/{id}', { params: { path: { id: runId ?? '' } } }, { enabled: Boolean(runId) });
  const versions = $api.useQuery('get', '/v1/matching/profile/versions', { params: { query: { limit: 500, purpose } } });
  // The run records the version of each purpose's profile its scores were made with.
  const version = purpose === 'kennisdelen' ? run.data?.kennisdelenProfileVersion : run.data?.profileVersion;
  const items: { version: number; weights: Partial<Record<AnyComponentKey, number>> }[] = versions.data?.purpose === purpose ? versions.data.items : [];
  const isPending = (Boolean(runId) && run.isPending) || versions.isPending || (versions.isSuccess && versions.data.purpose !== purpose);
  return { weights: items.find((profile) => profile.version === version)?.weights, isPending };
}
