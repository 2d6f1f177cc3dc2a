import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { asProblem, fieldErrors } from '../../../api/errors';
import { useIsAdmin } from '../../../api/session';
import { useLabel } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { StatusBadge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Link } from '../../../ui/Link';
import { LiveRegion } from '../../../ui/LiveRegion';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { useAddConnection, useConnections, usePartner, useRemoveConnection, useTeamSuggestions, type Partner } from '../api/partners';
import { PartnerEditForm } from './PartnerEditForm';

type Status = 'pending' | 'approved' | 'rejected' | 'introduced' | 'collaborating' | 'declined';
const ORDER: Status[] = ['pending', 'approved', 'introduced', 'collaborating', 'rejected', 'declined'];

function Profile({ partner }: { partner: Partner }) {
  const { t } = useI18n();
  const label = useLabel();
  const list = (items: string[]) => (items.length ? items.join(', ') : '—');
  return (
    <dl className="pm-facts pm-card">
      <dt>{t('filter.sector')}</dt>
      <dd>{label('sectors', partner.sector)}</dd>
      <dt>{t('partners.scope')}</dt>
      <dd>{t(`scope.${partner.scope}` as const)}</dd>
      <dt>{t('partners.gemeenten')}</dt>
      <dd>{list(partner.gemeenten.map((code) => label('gemeenten', code)))}</dd>
      <dt>{t('partner.opgaven')}</dt>
      <dd>{list(partner.opgaven.map((code) => label('opgaven', code)))}</dd>
      <dt>{t('partner.leefdomeinen')}</dt>
      <dd>{list(partner.leefdomeinen.map((code) => label('leefdomeinen', code)))}</dd>
      <dt>{t('partner.kennisbronnen')}</dt>
      <dd>{list(partner.kennisbronnen.map((code) => label('kennisbronnen', code)))}</dd>
      <dt>{t('partner.verandertheorie')}</dt>
      <dd>{list(partner.verandertheorie.map((code) => label('verandertheorie', code)))}</dd>
      <dt>{t('partner.offers')}</dt>
      <dd>{list(partner.offers)}</dd>
      <dt>{t('partner.needs')}</dt>
      <dd>{list(partner.needs)}</dd>
      <dt>{t('partner.website')}</dt>
      <dd>{partner.website ? <a className="utrecht-link" href={partner.website} rel="noreferrer noopener">{partner.website}</a> : '—'}</dd>
      <dt>{t('partner.contactEmail')}</dt>
      <dd>{partner.contactEmail ?? '—'}</dd>
      <dt>{t('partner.optOut')}</dt>
      <dd>{partner.matchingOptOut ? t('common.yes') : t('common.no')}</dd>
      {partner.description && (
        <>
          <dt>{t('partner.description')}</dt>
          <dd>{partner.description}</dd>
        </>
      )}
    </dl>
  );
}

function Connections({ partner, isAdmin }: { partner: Partner; isAdmin: boolean }) {
  const { t, dateTime } = useI18n();
  const connections = useConnections(partner.id);
  const add = useAddConnection();
  const remove = useRemoveConnection();
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const errors = add.isError ? fieldErrors(add.error) : {};
  const addError = add.isError ? (errors['partnerB'] ?? errors['partnerA'] ?? asProblem(add.error).detail) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { body: { partnerA: partner.id, partnerB: other.trim(), ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: (connection) => {
          setOther('');
          setNote('');
          setMessage(t('connections.added', { name: connection.partnerA.id === partner.id ? connection.partnerB.name : connection.partnerA.name }));
        },
      },
    );
  };

  return (
    <section className="pm-card pm-section" aria-labelledby="connections-heading">
      <Heading2 id="connections-heading">{t('connections.title')}</Heading2>
      <LiveRegion message={message} visible={Boolean(message)} />
      {connections.isPending ? (
        <Loading />
      ) : connections.isError ? (
        <ErrorState error={connections.error} />
      ) : connections.data.items.length === 0 ? (
        <Paragraph className="pm-muted">{t('connections.empty')}</Paragraph>
      ) : (
        <Table caption={t('connections.caption')}>
          <THead>
            <Tr>
              <Th scope="col">{t('partners.name')}</Th>
              <Th scope="col">{t('connections.note')}</Th>
              <Th scope="col">{t('connections.since')}</Th>
              {isAdmin && <Th scope="col">{t('connections.actions')}</Th>}
            </Tr>
          </THead>
          <TBody>
            {connections.data.items.map((connection) => {
              const counterpart = connection.partnerA.id === partner.id ? connection.partnerB : connection.partnerA;
              return (
                <Tr key={connection.id}>
                  <Th scope="row">
                    <Link to={`/partners/${counterpart.slug}`}>{counterpart.name}</Link>
                  </Th>
                  <Td>{connection.note ?? '—'}</Td>
                  <Td>{dateTime(connection.createdAt)}</Td>
                  {isAdmin && (
                    <Td>
                      <Button
                        appearance="secondary-action-button"
                        hint="danger"
                        aria-label={`${t('connections.remove')}: ${counterpart.name}`}
                        busy={remove.isPending && remove.variables?.params.path.id === connection.id}
                        onClick={() => remove.mutate({ params: { path: { id: connection.id } } }, { onSuccess: () => setMessage(t('connections.removed', { name: counterpart.name })) })}
                      >
                        {t('connections.remove')}
                      </Button>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {isAdmin && (
        <form onSubmit={submit} noValidate className="pm-inline-form" aria-label={t('connections.add')}>
          <Field label={t('connections.other')} description={t('connections.otherHint')} error={addError}>
            <Textbox value={other} onChange={(event) => setOther(event.target.value)} maxLength={200} />
          </Field>
          <Field label={t('connections.note')} error={errors['note']}>
            <Textbox value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} />
          </Field>
          <Button type="submit" appearance="primary-action-button" busy={add.isPending}>
            {t('connections.add')}
          </Button>
        </form>
      )}
    </section>
  );
}

type TeamSuggestion = NonNullable<ReturnType<typeof useTeamSuggestions>['data']>['items'][number];

/** A list as the team sees it: each candidate with its pair's review status and top reason; kennisdelen lists show the distance too. */
function SuggestionTable({ items, caption, withDistance }: { items: TeamSuggestion[]; caption: string; withDistance: boolean }) {
  const { t, number } = useI18n();
  const label = useLabel();
  return (
    <Table caption={caption} stackOnNarrow>
      <THead>
        <Tr>
          <Th scope="col" numeric>
            {t('partner.rank')}
          </Th>
          <Th scope="col">{t('partner.candidate')}</Th>
          <Th scope="col" numeric>
            {t('partner.score')}
          </Th>
          {withDistance && (
            <Th scope="col" numeric>
              {t('partner.distance')}
            </Th>
          )}
          <Th scope="col">{t('filter.status')}</Th>
          <Th scope="col">{t('partner.topReason')}</Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((item) => (
          <Tr key={item.candidate.id}>
            <Td numeric label={t('partner.rank')}>{item.rank}</Td>
            <Th scope="row">
              {/* matchId is null only in a filtered list ranked on demand, which this page never asks for. */}
              {item.matchId ? <Link to={`/pairs/${item.matchId}`}>{item.candidate.name}</Link> : item.candidate.name}
              <span className="pm-muted pm-block">{label('sectors', item.candidate.sector)}</span>
            </Th>
            <Td numeric label={t('partner.score')}>{number(item.score * 100)}</Td>
            {withDistance && <Td numeric label={t('partner.distance')}>{item.distanceKm === null ? t('partner.national') : `${number(Math.round(item.distanceKm))} km`}</Td>}
            <Td label={t('filter.status')}>
              <StatusBadge tone={item.status === 'approved' ? 'success' : item.status === 'pending' ? 'neutral' : 'active'}>{t(`status.${item.status}` as const)}</StatusBadge>
            </Td>
            <Td label={t('partner.topReason')} className="pm-cell--wide">
              {item.reasons[0]?.text ?? '—'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function Suggestions({ partner }: { partner: Partner }) {
  const { t, lang, number } = useI18n();
  const suggestions = useTeamSuggestions(partner.id, lang);
  if (suggestions.isPending) return <Loading />;
  if (suggestions.isError) return <ErrorState error={suggestions.error} />;
  const items = suggestions.data.items;
  const byStatus = ORDER.map((status) => ({ status, count: items.filter((item) => item.status === status).length }));
  return (
    <>
      <section className="pm-card pm-section" aria-labelledby="pairs-heading">
        <Heading2 id="pairs-heading">{t('partner.pairsByStatus')}</Heading2>
        <ul className="pm-counts">
          {byStatus.map(({ status, count }) => (
            <li key={status} className="pm-count pm-count--static">
              <span className="pm-count__label">{t(`status.${status}` as const)}</span>
              <span className="pm-count__value">{number(count)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="pm-card pm-section" aria-labelledby="suggestions-heading">
        <Heading2 id="suggestions-heading">{t('partner.suggestions')}</Heading2>
        <Paragraph className="pm-muted">{t('partner.suggestionsLead')}</Paragraph>
        {items.length === 0 ? (
          <Empty>
            <p className="utrecht-paragraph">{partner.matchingOptOut ? t('partner.optedOut') : t('partner.noSuggestions')}</p>
          </Empty>
        ) : (
          <SuggestionTable items={items} caption={t('partner.suggestionsCaption', { total: suggestions.data.total })} withDistance={false} />
        )}
      </section>
    </>
  );
}

/** The partner's kennisdelen list: peers to learn from, however far apart, each pair with its own kennisdelen review. */
function KnowledgeExchange({ partner }: { partner: Partner }) {
  const { t, lang } = useI18n();
  const suggestions = useTeamSuggestions(partner.id, lang, 'kennisdelen');
  return (
    <section className="pm-card pm-section" aria-labelledby="kennisdelen-heading">
      <Heading2 id="kennisdelen-heading">{t('partner.kennisdelen')}</Heading2>
      <Paragraph className="pm-muted">{t('partner.kennisdelenLead')}</Paragraph>
      {suggestions.isPending ? (
        <Loading />
      ) : suggestions.isError ? (
        <ErrorState error={suggestions.error} />
      ) : suggestions.data.items.length === 0 ? (
        <Empty>
          <p className="utrecht-paragraph">{partner.matchingOptOut ? t('partner.optedOut') : t('partner.noKennisdelen')}</p>
        </Empty>
      ) : (
        <SuggestionTable items={suggestions.data.items} caption={t('partner.kennisdelenCaption', { total: suggestions.data.total })} withDistance />
      )}
    </section>
  );
}

export function PartnerPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const partner = usePartner(slug);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  useDocumentTitle(partner.data?.name ?? t('partners.title'));

  if (partner.isPending) return <Loading />;
  if (partner.isError)
    return (
      <>
        <Heading1>{t('partners.title')}</Heading1>
        <ErrorState error={partner.error} />
      </>
    );
  const data = partner.data;
  return (
    <>
      <p className="utrecht-paragraph">
        <Link to="/partners">← {t('partner.back')}</Link>
      </p>
      <div className="pm-title-row">
        <Heading1>{data.name}</Heading1>
        {isAdmin && !editing && (
          <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
            {t('partner.edit')}
          </Button>
        )}
      </div>
      <LiveRegion message={message} visible={Boolean(message)} />
      {editing ? (
        <>
          <PartnerEditForm
            partner={data}
            onDone={() => {
              setEditing(false);
              setMessage(t('partner.saved'));
              void partner.refetch();
            }}
          />
          <Button appearance="subtle-button" onClick={() => setEditing(false)}>
            {t('partner.cancel')}
          </Button>
        </>
      ) : (
        <Profile partner={data} />
      )}
      {!isAdmin && <Paragraph className="pm-muted">{t('partner.teamReadOnly')}</Paragraph>}
      <Suggestions partner={data} />
      <KnowledgeExchange partner={data} />
      <Connections partner={data} isAdmin={isAdmin} />
    </>
  );
}
