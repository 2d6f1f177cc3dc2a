import { useState, type FormEvent } from 'react';
import { asProblem, fieldErrors } from '../../../api/errors';
import { useT } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Checkbox, Select, Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { useCreatePerson, usePartnerChoices, useUpdatePerson, type NewPerson, type Person } from '../api/people';

type Draft = { email: string; name: string; role: NewPerson['role']; partner: string; language: 'nl' | 'en'; active: boolean };

/** Adds a person, or edits one: role, partner (for contacts), language, active. Field errors come from the API. */
export function PersonForm({ person, onDone, onCancel }: { person?: Person; onDone: (saved: Person) => void; onCancel?: () => void }) {
  const t = useT();
  const partners = usePartnerChoices();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const mutation = person ? update : create;
  const [draft, setDraft] = useState<Draft>({
    email: person?.email ?? '',
    name: person?.name ?? '',
    role: person?.role ?? 'partner',
    partner: person?.partner?.id ?? '',
    language: person?.language ?? 'nl',
    active: person?.active ?? true,
  });
  const set = (change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change }));
  const errors = mutation.isError ? fieldErrors(mutation.error) : {};
  const problem = mutation.isError ? asProblem(mutation.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: NewPerson = { email: draft.email.trim(), name: draft.name.trim(), role: draft.role, language: draft.language, active: draft.active };
    if (draft.role === 'partner' && draft.partner) body.partner = draft.partner;
    const done = { onSuccess: (saved: Person) => onDone(saved) };
    if (person) update.mutate({ params: { path: { id: person.id } }, body }, done);
    else create.mutate({ body }, done);
  };

  const idPrefix = person ? `person-${person.id}` : 'new-person';
  return (
    <form onSubmit={submit} noValidate className="pm-people-form" aria-labelledby={`${idPrefix}-heading`}>
      {problem && (
        <Alert type="error" title={problem.status === 400 || problem.status === 409 ? t('people.fixErrors') : t('state.error')}>
          {problem.status !== 400 && problem.status !== 409 && problem.detail && <p className="utrecht-paragraph">{problem.detail}</p>}
        </Alert>
      )}
      <div className="pm-form-grid">
        <Field label={t('people.name')} error={errors['name']}>
          <Textbox value={draft.name} autoComplete="off" onChange={(event) => set({ name: event.target.value })} required />
        </Field>
        <Field label={t('people.email')} error={errors['email']}>
          <Textbox type="email" value={draft.email} autoComplete="off" spellCheck={false} onChange={(event) => set({ email: event.target.value })} required />
        </Field>
        <Field label={t('people.role')} error={errors['role']}>
          <Select value={draft.role} onChange={(event) => set({ role: event.target.value as Draft['role'] })}>
            <option value="partner">{t('role.partner')}</option>
            <option value="team">{t('role.team')}</option>
            <option value="admin">{t('role.admin')}</option>
          </Select>
        </Field>
        <Field label={`${t('people.partner')} (${t('people.partnerHint').toLowerCase()})`} error={errors['partner']}>
          <Select value={draft.role === 'partner' ? draft.partner : ''} disabled={draft.role !== 'partner'} onChange={(event) => set({ partner: event.target.value })}>
            <option value="">{t('people.noPartner')}</option>
            {[...(partners.data?.items ?? [])]
              .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
              .map((partner) => (
                <option key={partner.id} value={partner.id}>
                  {partner.name}
                </option>
              ))}
          </Select>
        </Field>
        <Field label={t('people.language')} error={errors['language']}>
          <Select value={draft.language} onChange={(event) => set({ language: event.target.value as Draft['language'] })}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </Select>
        </Field>
      </div>
      <Field label={t('people.active')} type="checkbox" error={errors['active']}>
        <Checkbox checked={draft.active} onChange={(event) => set({ active: event.target.checked })} />
      </Field>
      <div className="utrecht-button-group pm-actions">
        <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
          {person ? t('people.save') : t('people.create')}
        </Button>
        {onCancel && (
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('people.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
