import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useLabel, useTaxonomy } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Button } from '../../../ui/Button';
import { Select } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Link } from '../../../ui/Link';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Heading3, Paragraph } from '../../../ui/Typography';
import { useAllGaps, useCoalition, useGapClosers, useGemeenteGaps } from '../api/map';
import { NetherlandsMap, type MapCell } from './NetherlandsMap';

const LEEFDOMEINEN_TOTAL = 8;

function Legend() {
  const { t } = useI18n();
  return (
    <div className="pm-map-legend">
      <p className="utrecht-paragraph pm-map-legend__title" id="legend-title">
        {t('map.legend')}
      </p>
      <ol className="pm-map-legend__scale" aria-labelledby="legend-title">
        {Array.from({ length: LEEFDOMEINEN_TOTAL + 1 }, (_, covered) => (
          <li key={covered}>
            <span className={`pm-swatch pm-map-swatch pm-map-${covered}`} aria-hidden="true" />
            {covered}
          </li>
        ))}
      </ol>
    </div>
  );
}

function GemeentePanel({ code }: { code: string }) {
  const { t, lang, number } = useI18n();
  const label = useLabel();
  const gaps = useGemeenteGaps(code);
  const coalition = useCoalition(code, lang);
  if (gaps.isPending) return <Loading />;
  if (gaps.isError) return <ErrorState error={gaps.error} />;
  const coverage = gaps.data.coverage;
  return (
    <section className="pm-card pm-map-panel" aria-labelledby="panel-heading" aria-live="polite">
      <Heading2 id="panel-heading">{gaps.data.gemeente.name}</Heading2>
      <p className="utrecht-paragraph pm-muted">
        {label('provinces', gaps.data.gemeente.province)} · {t('map.partnersHere', { count: coverage?.partners ?? 0 })}
      </p>
      <Heading3>{t('map.gaps')}</Heading3>
      <dl className="pm-facts">
        <dt>{t('partner.leefdomeinen')}</dt>
        <dd>{gaps.data.uncovered.leefdomeinen.length ? gaps.data.uncovered.leefdomeinen.map((item) => label('leefdomeinen', item)).join(', ') : t('map.allCovered')}</dd>
        <dt>{t('partner.opgaven')}</dt>
        <dd>{gaps.data.uncovered.opgaven.length ? gaps.data.uncovered.opgaven.map((item) => label('opgaven', item)).join(', ') : t('map.allCovered')}</dd>
        <dt>{t('map.sectors')}</dt>
        <dd>{gaps.data.uncovered.sectors.length ? gaps.data.uncovered.sectors.map((item) => label('sectors', item)).join(', ') : t('map.allCovered')}</dd>
      </dl>
      <Heading3>{t('map.coalition')}</Heading3>
      {coalition.isPending ? (
        <Loading />
      ) : coalition.isError ? (
        <ErrorState error={coalition.error} />
      ) : coalition.data.members.length === 0 ? (
        <Empty>
          <p className="utrecht-paragraph">{t('map.noCoalition')}</p>
        </Empty>
      ) : (
        <>
          <p className="utrecht-paragraph">
            {t('map.coalitionLead', { size: coalition.data.size, covered: coalition.data.covered.leefdomeinen.length, score: number(coalition.data.score * 100) })}
          </p>
          <ol className="pm-coalition" aria-label={t('map.coalitionMembers')}>
            {coalition.data.members.map((member) => (
              <li key={member.partner.id}>
                <p className="utrecht-paragraph pm-coalition__name">
                  <Link to={`/partners/${member.partner.slug}`}>{member.partner.name}</Link> <span className="pm-muted">({label('sectors', member.partner.sector)})</span>
                </p>
                <ul className="pm-reasons">
                  {member.reasons.map((reason) => (
                    <li key={reason.code}>{reason.text}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {coalition.data.widenedReason ? <p className="utrecht-paragraph pm-muted">{coalition.data.widenedReason.text}</p> : null}
          <p className="utrecht-paragraph pm-muted">{coalition.data.ervaringskennis.reason.text}</p>
        </>
      )}
      <GapClosers code={code} />
    </section>
  );
}

function GapClosers({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const closers = useGapClosers(code, lang);
  return (
    <>
      <Heading3>{t('map.gapClosers')}</Heading3>
      {closers.isPending ? (
        <Loading />
      ) : closers.isError ? (
        <ErrorState error={closers.error} />
      ) : closers.data.items.length === 0 ? (
        <Empty>
          <p className="utrecht-paragraph">{t('map.noGapClosers')}</p>
        </Empty>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('map.gapClosersLead', { shown: closers.data.items.length, total: closers.data.total })}</p>
          <ol className="pm-coalition" aria-label={t('map.gapClosers')}>
            {closers.data.items.map((closer) => (
              <li key={closer.partner.id}>
                <p className="utrecht-paragraph pm-coalition__name">
                  <Link to={`/partners/${closer.partner.slug}`}>{closer.partner.name}</Link>{' '}
                  <span className="pm-muted">
                    ({label('sectors', closer.partner.sector)} · {t('map.closes', { count: closer.count })})
                  </span>
                </p>
                <ul className="pm-reasons">
                  {closer.reasons.map((reason) => (
                    <li key={reason.code}>{reason.text}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

export function MapPage() {
  const { t } = useI18n();
  useDocumentTitle(t('map.title'));
  const [params, setParams] = useSearchParams();
  const selected = params.get('gemeente');
  const taxonomy = useTaxonomy();
  const gaps = useAllGaps();
  const label = useLabel();

  const cells = useMemo<MapCell[]>(() => {
    if (!taxonomy.data || !gaps.data) return [];
    const byCode = new Map(gaps.data.items.map((item) => [item.gemeente.code, item]));
    return taxonomy.data.gemeenten.map((g) => {
      const gap = byCode.get(g.code);
      return { code: g.code, name: g.name, lat: g.lat, lon: g.lon, partners: gap?.partners ?? 0, covered: gap ? LEEFDOMEINEN_TOTAL - gap.uncovered.leefdomeinen.length : 0 };
    });
  }, [taxonomy.data, gaps.data]);
  const sorted = useMemo(() => [...cells].sort((a, b) => a.name.localeCompare(b.name, 'nl')), [cells]);
  const provinceOf = useMemo(() => new Map(taxonomy.data?.gemeenten.map((g) => [g.code, g.province]) ?? []), [taxonomy.data]);
  const choose = (code: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (code) next.set('gemeente', code);
      else next.delete('gemeente');
      return next;
    });

  const error = taxonomy.error ?? gaps.error;
  return (
    <>
      <Heading1>{t('map.title')}</Heading1>
      <Paragraph lead>{t('map.lead')}</Paragraph>
      {error ? (
        <ErrorState error={error} forbidden={t('map.forbidden')} />
      ) : cells.length === 0 ? (
        <Loading />
      ) : (
        <>
          <Field label={t('map.choose')}>
            <Select value={selected ?? ''} onChange={(event) => choose(event.target.value)}>
              <option value="">{t('map.chooseNone')}</option>
              {sorted.map((cell) => (
                <option key={cell.code} value={cell.code}>
                  {cell.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="pm-map-layout">
            <div>
              <NetherlandsMap cells={cells} selected={selected} onChoose={choose} />
              <Legend />
            </div>
            {selected ? (
              <GemeentePanel code={selected} />
            ) : (
              <div className="pm-card pm-map-panel">
                <Paragraph>{t('map.pick')}</Paragraph>
              </div>
            )}
          </div>
          <details className="pm-card pm-section pm-map-table">
            <summary>{t('map.table')}</summary>
            {/* 342 rows: scrolled within a bounded frame (a focusable region) so the page keeps its length. */}
            <Table caption={t('map.tableCaption')} frameClassName="pm-map-table__scroll">
              <THead>
                <Tr>
                  <Th scope="col">{t('filter.gemeente')}</Th>
                  <Th scope="col">{t('filter.province')}</Th>
                  <Th scope="col" numeric>
                    {t('map.partners')}
                  </Th>
                  <Th scope="col" numeric>
                    {t('map.covered')}
                  </Th>
                  <Th scope="col">{t('connections.actions')}</Th>
                </Tr>
              </THead>
              <TBody>
                {sorted.map((cell) => (
                  <Tr key={cell.code}>
                    <Th scope="row">{cell.name}</Th>
                    <Td>{label('provinces', provinceOf.get(cell.code))}</Td>
                    <Td numeric>{cell.partners}</Td>
                    <Td numeric>
                      {cell.covered} / {LEEFDOMEINEN_TOTAL}
                    </Td>
                    <Td>
                      <Button appearance="subtle-button" aria-label={`${t('map.chooseOne')}: ${cell.name}`} onClick={() => choose(cell.code)}>
                        {t('map.chooseOne')}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </details>
        </>
      )}
    </>
  );
}
