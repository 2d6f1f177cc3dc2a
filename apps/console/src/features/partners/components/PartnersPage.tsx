import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useLabel, useTaxonomy } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Button } from '../../../ui/Button';
import { Select, Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Link } from '../../../ui/Link';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { usePartners, type PartnerQuery } from '../api/partners';

const PAGE = 25;
const KEYS = ['q', 'sector', 'scope', 'province', 'gemeente', 'opgave', 'leefdomein'] as const;

export function PartnersPage() {
  const { t, lang, number } = useI18n();
  useDocumentTitle(t('partners.title'));
  const [params, setParams] = useSearchParams();
  const taxonomy = useTaxonomy().data;
  const label = useLabel();
  const [q, setQ] = useState(params.get('q') ?? '');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = useMemo(() => {
    const result: PartnerQuery = { limit: PAGE, offset: (page - 1) * PAGE };
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) (result as Record<string, unknown>)[key] = value;
    }
    return result;
  }, [params, page]);
  const partners = usePartners(query);

  const set = (key: string, value: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key === 'province') next.delete('gemeente');
      if (key !== 'page') next.delete('page');
      return next;
    });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    set('q', q.trim());
  };
  const province = params.get('province') ?? '';
  const gemeenten = (taxonomy?.gemeenten ?? []).filter((g) => !province || g.province === province).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const total = partners.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const terms = (kind: 'sectors' | 'opgaven' | 'leefdomeinen' | 'provinces') => taxonomy?.[kind].map((term) => (
    <option key={term.code} value={term.code}>
      {term[lang]}
    </option>
  ));

  return (
    <>
      <Heading1>{t('partners.title')}</Heading1>
      <Paragraph lead>{t('partners.lead')}</Paragraph>
      <form className="pm-filters" role="search" aria-label={t('partners.search')} onSubmit={onSearch}>
        <div className="pm-filters__search">
          <Field label={t('partners.q')}>
            <Textbox type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={200} />
          </Field>
          <Button type="submit" appearance="primary-action-button">
            {t('partners.searchButton')}
          </Button>
        </div>
        <Field label={t('filter.sector')}>
          <Select value={params.get('sector') ?? ''} onChange={(event) => set('sector', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {terms('sectors')}
          </Select>
        </Field>
        <Field label={t('partners.scope')}>
          <Select value={params.get('scope') ?? ''} onChange={(event) => set('scope', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {(['local', 'regional', 'national'] as const).map((scope) => (
              <option key={scope} value={scope}>
                {t(`scope.${scope}` as const)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('filter.province')}>
          <Select value={province} onChange={(event) => set('province', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {terms('provinces')}
          </Select>
        </Field>
        <Field label={t('filter.gemeente')}>
          <Select value={params.get('gemeente') ?? ''} onChange={(event) => set('gemeente', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {gemeenten.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('filter.opgave')}>
          <Select value={params.get('opgave') ?? ''} onChange={(event) => set('opgave', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {terms('opgaven')}
          </Select>
        </Field>
        <Field label={t('partners.leefdomein')}>
          <Select value={params.get('leefdomein') ?? ''} onChange={(event) => set('leefdomein', event.target.value)}>
            <option value="">{t('filter.all')}</option>
            {terms('leefdomeinen')}
          </Select>
        </Field>
      </form>

      {partners.isPending ? (
        <Loading />
      ) : partners.isError ? (
        <ErrorState error={partners.error} onRetry={() => void partners.refetch()} />
      ) : partners.data.items.length === 0 ? (
        <Empty>
          <p className="utrecht-paragraph">{t('partners.empty')}</p>
        </Empty>
      ) : (
        <>
          <Table caption={t('partners.count', { total: number(total) })} stackOnNarrow>
            <THead>
              <Tr>
                <Th scope="col">{t('partners.name')}</Th>
                <Th scope="col">{t('filter.sector')}</Th>
                <Th scope="col">{t('partners.scope')}</Th>
                <Th scope="col">{t('partners.gemeenten')}</Th>
              </Tr>
            </THead>
            <TBody>
              {partners.data.items.map((partner) => (
                <Tr key={partner.id}>
                  <Th scope="row">
                    <Link to={`/partners/${partner.slug}`}>{partner.name}</Link>
                  </Th>
                  <Td label={t('filter.sector')}>{label('sectors', partner.sector)}</Td>
                  <Td label={t('partners.scope')}>{t(`scope.${partner.scope}` as const)}</Td>
                  <Td label={t('partners.gemeenten')}>
                    {partner.gemeenten.slice(0, 3).map((code) => label('gemeenten', code)).join(', ')}
                    {partner.gemeenten.length > 3 ? ` +${partner.gemeenten.length - 3}` : ''}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <nav className="pm-pager" aria-label={t('pager.label')}>
            <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => set('page', String(page - 1))}>
              {t('pager.previous')}
            </Button>
            <span>{t('pager.position', { page, pages, total })}</span>
            <Button appearance="secondary-action-button" disabled={page >= pages} onClick={() => set('page', String(page + 1))}>
              {t('pager.next')}
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
