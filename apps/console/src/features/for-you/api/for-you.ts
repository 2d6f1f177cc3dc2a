import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';
import type { Purpose } from '../../../api/profile';

export type Suggestion = Schemas['SuggestionDto'];

/**
 * The partner's own list of a purpose (the partner view: only pairs the team approved for it).
 * Always refetched on opening, since a profile change elsewhere reorders it within seconds.
 */
export function useOwnSuggestions(partner: string, lang: 'nl' | 'en', purpose: Purpose) {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}/suggestions', { params: { path: { idOrSlug: partner }, query: { lang, limit: 50, purpose } } }, { staleTime: 0 });
}

export function useGiveFeedback() {
  const queryClient = useQueryClient();
  return $api.useMutation('post', '/v1/partners/{idOrSlug}/suggestions/{candidateIdOrSlug}/feedback', {
    onSuccess: (answer) => {
      // "Niet voor ons" takes the candidate out of the list.
      if (answer.verdict === 'not-relevant') void queryClient.invalidateQueries({ queryKey: ['get', '/v1/partners/{idOrSlug}/suggestions'] });
    },
  });
}

export function useOwnPartner(partner: string) {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}', { params: { path: { idOrSlug: partner } } });
}
