import { $api, type Schemas } from '../../../api/client';

export type Introduction = Schemas['IntroductionDto'];

export function useIntroductions(partner: string, lang: 'nl' | 'en') {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}/introductions', { params: { path: { idOrSlug: partner }, query: { lang } } });
}
