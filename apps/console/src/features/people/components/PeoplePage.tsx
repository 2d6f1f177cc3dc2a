import { useEffect, useRef, useState } from 'react';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { StatusBadge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { LiveRegion } from '../../../ui/LiveRegion';
import { ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { useDeletePerson, usePeople, type Person } from '../api/people';
import { ErasureRequests } from './ErasureRequests';
import { PersonForm } from './PersonForm';
import '../../../theme/partner-pages.css';

/** /console/people: the admins manage who signs in by e-mail and receives mail. */
export function PeoplePage() {
  const { t, number } = useI18n();
  useDocumentTitle(t('people.title'));
  const people = usePeople();
  const remove = useDeletePerson();
  const [editing, setEditing] = useState<Person | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [message, setMessage] = useState('');
  const formSection = useRef<HTMLElement>(null);

  // The form sits above the table: bring it (and the keyboard focus) to the person chosen below.
  useEffect(() => {
    if (!editing) return;
    formSection.current?.scrollIntoView({ block: 'start' });
    formSection.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [editing]);

  const onDelete = (person: Person) => {
    if (!window.confirm(t('people.deleteConfirm', { name: person.name }))) return;
    remove.mutate({ params: { path: { id: person.id } } }, { onSuccess: () => setMessage(t('people.deleted', { name: person.name })) });
  };

  return (
    <>
      <Heading1>{t('people.title')}</Heading1>
      <Paragraph lead>{t('people.lead')}</Paragraph>
      <LiveRegion message={message} visible={message !== ''} />
      <section ref={formSection} className="pm-card pm-section" aria-labelledby={editing ? `person-${editing.id}-heading` : 'new-person-heading'}>
        <Heading2 id={editing ? `person-${editing.id}-heading` : 'new-person-heading'}>{editing ? t('people.edit', { name: editing.name }) : t('people.add')}</Heading2>
        <PersonForm
          key={editing ? editing.id : `new-${formKey}`}
          person={editing ?? undefined}
          onDone={(saved) => {
            setMessage(t('people.saved', { name: saved.name }));
            setEditing(null);
            setFormKey((key) => key + 1);
          }}
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      </section>
      {people.isPending && <Loading />}
      {people.isError && <ErrorState error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && (
        <Table caption={t('people.count', { count: number(people.data.items.length) })}>
          <THead>
            <Tr>
              <Th scope="col">{t('people.name')}</Th>
              <Th scope="col">{t('people.email')}</Th>
              <Th scope="col">{t('people.role')}</Th>
              <Th scope="col">{t('people.partner')}</Th>
              <Th scope="col">{t('people.language')}</Th>
              <Th scope="col">{t('people.status')}</Th>
              <Th scope="col">{t('people.actions')}</Th>
            </Tr>
          </THead>
          <TBody>
            {people.data.items.map((person) => (
              <Tr key={person.id} data-person-id={person.id}>
                <Td>{person.name}</Td>
                <Td className="utrecht-table__cell pm-overflow-anywhere">{person.email}</Td>
                <Td>{t(`role.${person.role}` as const)}</Td>
                <Td>{person.partner?.name ?? '—'}</Td>
                <Td>{person.language.toUpperCase()}</Td>
                <Td>
                  <StatusBadge tone={person.active ? 'success' : 'inactive'}>{person.active ? t('people.isActive') : t('people.inactive')}</StatusBadge>
                </Td>
                <Td>
                  <div className="pm-table-actions">
                    <Button appearance="secondary-action-button" aria-label={`${t('people.editButton')}: ${person.name}`} onClick={() => setEditing(person)}>
                      {t('people.editButton')}
                    </Button>
                    <Button appearance="subtle-button" aria-label={`${t('people.deleteButton')}: ${person.name}`} busy={remove.isPending} onClick={() => onDelete(person)}>
                      {t('people.deleteButton')}
                    </Button>
                  </div>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {remove.isError && <ErrorState error={remove.error} />}
      <ErasureRequests onMessage={setMessage} />
    </>
  );
}
