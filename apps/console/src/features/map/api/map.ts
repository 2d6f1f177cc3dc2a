import { $api } from '../../../api/client';

/** Every gemeente's coverage in one page (342 ≤ the route's limit of 500). */
export function useAllGaps() {
  return $api.useQuery('get', '/v1/gaps', { params: { query: { limit: 500 } } }, { staleTime: 5 * 60_000 });
}

export function useGemeenteGaps(code: string | null) {
  return $api.useQuery('get', '/v1/gemeenten/{code}/gaps', { params: { path: { code: code ?? '' } } }, { enabled: Boolean(code) });
}

export function useCoalition(code: string | null, lang: 'nl' | 'en') {
  return $api.useQuery('get', '/v1/gemeenten/{code}/coalition', { params: { path: { code: code ?? '' }, query: { size: 4, lang } } }, { enabled: Boolean(code) });
}

/** The partners that would close most of the gemeente's open leefdomeinen and opgaven, best first. */
export function useGapClosers(code: string | null, lang: 'nl' | 'en') {
  return $api.useQuery('get', '/v1/gemeenten/{code}/gap-closers', { params: { path: { code: code ?? '' }, query: { limit: 5, lang } } }, { enabled: Boolean(code) });
}
