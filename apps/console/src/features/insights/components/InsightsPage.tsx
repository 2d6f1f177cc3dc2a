import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PurposeSelect } from '../../../ui/PurposeSelect';
import { useLabel, useTaxonomy } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Button } from '../../../ui/Button';
import { Select, Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { fieldErrors } from '../../../api/errors';
import { useFunnel, type Funnel, type FunnelFilters } from '../api/insights';
import { FunnelChart } from './FunnelChart';
import { useFunnelRows, useShare } from './funnel-rows';

const FILTERS = ['from', 'to', 'province', 'sector', 'purpose'] as const;

function StepsTable({ funnel }: { funnel: Funnel }) {
  const { t, number } = useI18n();
  const share = useShare();
  const rows = useFunnelRows(funnel);
  return (
    <Table caption={t('insights.tableCaption')}>
      <THead>
        <Tr>
          <Th scope="col">{t('insights.step')}</Th>
          <Th scope="col" numeric>
            {t('insights.pairs')}
          </Th>
          <Th scope="col" numeric>
            {t('insights.rate')}
          </Th>
          <Th scope="col" numeric>
            {t('insights.recorded')}
          </Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.key} data-step={row.key}>
            <Th scope="row">{row.label}</Th>
            <Td numeric>{number(row.pairs)}</Td>
            <Td numeric>{row.rate === null ? '—' : share(row.rate)}</Td>
            <Td numeric>{row.recorded === null ? '—' : number(row.recorded)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** Sector pairs shown before "show all": a phone stacks each as a card. */
const FIRST_PAIRS = 10;

function SectorPairsTable({ funnel }: { funnel: Funnel }) {
  const { t, number } = useI18n();
  const share = useShare();
  const label = useLabel();
  const [all, setAll] = useState(false);
  const steps = funnel.steps.map((step) => step.step);
  const pairs = all ? funnel.bySectorPair : funnel.bySectorPair.slice(0, FIRST_PAIRS);
  return (
    <>
      <Table caption={t('insights.sectorPairCaption')} stackOnNarrow>
        <THead>
          <Tr>
            <Th scope="col">{t('insights.sectors')}</Th>
            {steps.map((step) => (
              <Th key={step} scope="col" numeric>
                {t(`funnel.${step}` as const)}
              </Th>
            ))}
            <Th scope="col" numeric>
              {t('funnel.interestedBothSides')}
            </Th>
          </Tr>
        </THead>
        <TBody>
          {pairs.map((pair) => {
            const name = pair.sectors.map((sector) => label('sectors', sector)).join(' – ');
            return (
              <Tr key={pair.sectors.join('+')} data-sectors={pair.sectors.join('+')}>
                <Th scope="row">{name}</Th>
                {pair.steps.map((step) => (
                  <Td key={step.step} numeric label={t(`funnel.${step.step}` as const)}>
                    {number(step.pairs)}
                    {step.rate !== null && step.step !== 'suggested' && <span className="pm-muted"> ({share(step.rate)})</span>}
                  </Td>
                ))}
                <Td numeric label={t('funnel.interestedBothSides')}>
                  {number(pair.interestedBothSides)}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {!all && funnel.bySectorPair.length > FIRST_PAIRS && (
        <div className="utrecht-button-group">
          <Button type="button" appearance="secondary-action-button" onClick={() => setAll(true)}>
            {t('insights.allPairs', { count: number(funnel.bySectorPair.length) })}
          </Button>
        </div>
      )}
    </>
  );
}

/** Inzichten: how the suggested pairs fare, from suggested to working together, as a chart and as tables. */
export function InsightsPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('insights.title'));
  const [params, setParams] = useSearchParams();
  const taxonomy = useTaxonomy().data;
  // The URL's values go to the API as they are: a bad one comes back as a 400 naming its field.
  const filters = Object.fromEntries(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : []))) as FunnelFilters;
  const funnel = useFunnel(filters);
  const errors = funnel.isError ? fieldErrors(funnel.error) : {};
  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const invalidFilter = Object.keys(errors).some((field) => (FILTERS as readonly string[]).includes(field));

  return (
    <>
        <Heading1>{t('insights.title')}</Heading1>
        <Paragraph lead>{t('insights.lead')}</Paragraph>
        <form className="pm-filters pm-insights-filters" aria-label={t('insights.filters')} onSubmit={(event) => event.preventDefault()}>
          <Field label={t('insights.from')} error={errors['from']}>
            <Textbox type="date" value={filters.from ?? ''} onChange={(event) => setFilter('from', event.target.value)} />
          </Field>
          <Field label={t('insights.to')} error={errors['to']}>
            <Textbox type="date" value={filters.to ?? ''} onChange={(event) => setFilter('to', event.target.value)} />
          </Field>
          <Field label={t('filter.province')} error={errors['province']}>
            <Select value={filters.province ?? ''} onChange={(event) => setFilter('province', event.target.value)}>
              <option value="">{t('filter.all')}</option>
              {taxonomy?.provinces.map((province) => (
                <option key={province.code} value={province.code}>
                  {province[lang]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('filter.sector')} error={errors['sector']}>
            <Select value={filters.sector ?? ''} onChange={(event) => setFilter('sector', event.target.value)}>
              <option value="">{t('filter.all')}</option>
              {taxonomy?.sectors.map((sector) => (
                <option key={sector.code} value={sector.code}>
                  {sector[lang]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('insights.purpose')} description={t('insights.purposeHint')} error={errors['purpose']}>
            <PurposeSelect value={filters.purpose} onChange={(purpose) => setFilter('purpose', purpose)} />
          </Field>
        </form>
        {funnel.isPending ? (
          <Loading />
        ) : funnel.isError ? (
          invalidFilter ? null : <ErrorState error={funnel.error} forbidden={t('insights.forbidden')} />
        ) : funnel.data.steps[0]!.pairs === 0 ? (
          <Empty>
            <p className="utrecht-paragraph">{t('insights.empty')}</p>
          </Empty>
        ) : (
          <>
            <section className="pm-card pm-section" aria-labelledby="funnel-heading">
              <Heading2 id="funnel-heading">{t('insights.funnel')}</Heading2>
              <Paragraph className="pm-muted">{t('insights.shownNote')}</Paragraph>
              <div className="pm-two-columns pm-funnel">
                <FunnelChart counts={funnel.data} />
                <StepsTable funnel={funnel.data} />
              </div>
            </section>
            <section className="pm-card pm-section" aria-labelledby="sector-pairs-heading">
              <Heading2 id="sector-pairs-heading">{t('insights.bySectorPair')}</Heading2>
              <SectorPairsTable funnel={funnel.data} />
            </section>
          </>
        )}
    </>
  );
}
