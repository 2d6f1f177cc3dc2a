import { useCallback } from 'react';
import { $api, type Schemas } from './client';
import { useI18n } from '../i18n/i18n';

export type Taxonomy = Schemas['TaxonomyDto'];
export type TermKind = 'sectors' | 'opgaven' | 'leefdomeinen' | 'kennisbronnen' | 'verandertheorie' | 'provinces';

/** The alliance's lists change only with a release: fetch once per session. */
export function useTaxonomy() {
  return $api.useQuery('get', '/v1/taxonomy', {}, { staleTime: Infinity, gcTime: Infinity });
}

/** Label of a code in the chosen language; the code itself while the lists load. */
export function useLabel() {
  const { data } = useTaxonomy();
  const { lang } = useI18n();
  return useCallback(
    (kind: TermKind | 'gemeenten', code: string | null | undefined): string => {
      if (!code) return '—';
      if (!data) return code;
      if (kind === 'gemeenten') return data.gemeenten.find((g) => g.code === code)?.name ?? code;
      const term = (data[kind] as { code: string; nl: string; en: string }[]).find((item) => item.code === code);
      return term ? term[lang] : code;
    },
    [data, lang],
  );
}
