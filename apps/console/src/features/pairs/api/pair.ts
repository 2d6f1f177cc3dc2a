import { useQuery } from '@tanstack/react-query';
import { $api, fetchClient, type Schemas } from '../../../api/client';
import type { Lang } from '../../../i18n/i18n';

export type Match = Schemas['MatchDto'];
export type ReviewItem = Schemas['ReviewItemDto'];

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

/**
 * The pair as the review queue shows it (score, components, reasons, feedback): the API has no
 * single-pair read of these, so look it up in the queue under the pair's status, narrowed to the
 * first partner's gemeente, then to its sector.
 */
export function useReviewItem(match: Match | undefined, gemeente: string | undefined, lang: Lang) {
  return useQuery({
    queryKey: ['pair-review-item', match?.id, match?.status, gemeente, lang],
    enabled: Boolean(match),
    queryFn: async (): Promise<{ item: ReviewItem; runId: string | null } | null> => {
      if (!match) return null;
      const attempts = [
        ...(gemeente ? [{ gemeente }] : []),
        { sector: match.partnerA.sector },
      ] as { gemeente?: string; sector?: string }[];
      for (const filter of attempts) {
        for (let offset = 0; offset < 5000; offset += 500) {
          const { data, error } = await fetchClient.GET('/v1/reviews', {
            params: { query: { status: match.status, lang, limit: 500, offset, ...filter } as never },
          });
          if (error) throw error;
          const item = data.items.find((candidate) => candidate.id === match.id);
          if (item) return { item, runId: data.runId };
          if (offset + data.limit >= data.total) break;
        }
      }
      return null;
    },
  });
}

/** The weights of the profile version the pair's run used (the active one if not found). */
export function useRunWeights(runId: string | null | undefined) {
  const run = $api.useQuery('get', '/v1/matching/runs/{id}', { params: { path: { id: runId ?? '' } } }, { enabled: Boolean(runId) });
  const versions = $api.useQuery('get', '/v1/matching/profile/versions', { params: { query: { limit: 500 } } });
  const version = run.data?.profileVersion;
  return versions.data?.items.find((profile) => profile.version === version)?.weights;
}
