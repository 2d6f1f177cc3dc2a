import { useState, type FormEvent } from 'react';
import { fieldErrors, asProblem } from '../../../api/errors';
import { useTaxonomy } from '../../../api/taxonomy';
import { useI18n } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Checkbox, Fieldset, FieldsetLegend, Select, Textarea, Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { useProblemTitle } from '../../../ui/States';
import { useUpdatePartner, type Partner, type PartnerUpdate } from '../api/partners';

// Codes are plain strings while editing; the API validates them against the taxonomy.
type Draft = Required<Pick<PartnerUpdate, 'name' | 'sector' | 'scope' | 'description' | 'matchingOptOut'>> & {
  gemeenten: string[];
  opgaven: string[];
  leefdomeinen: string[];
  kennisbronnen: string[];
  verandertheorie: string[];
  offers: string;
  needs: string;
  website: string;
  contactEmail: string;
};

const tags = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

function CodeCheckboxes({ legend, codes, value, onChange, error }: { legend: string; codes: { code: string; label: string }[]; value: string[]; onChange: (next: string[]) => void; error?: string | undefined }) {
  return (
    <Fieldset invalid={Boolean(error)} className="pm-fieldset">
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && (
        <p className="utrecht-form-field-error-message" role="alert">
          {error}
        </p>
      )}
      <div className="pm-checkgrid">
        {codes.map(({ code, label }) => (
          <Field key={code} label={label} type="checkbox">
            <Checkbox checked={value.includes(code)} onChange={(event) => onChange(event.target.checked ? [...value, code] : value.filter((item) => item !== code))} />
          </Field>
        ))}
      </div>
    </Fieldset>
  );
}

/** Admins edit a partner's profile with pickers from /v1/taxonomy; the API's field errors land at their field. */
export function PartnerEditForm({ partner, onDone }: { partner: Partner; onDone: (saved: Partner) => void }) {
  const { t, lang } = useI18n();
  const taxonomy = useTaxonomy().data;
  const update = useUpdatePartner();
  const [draft, setDraft] = useState<Draft>({
    name: partner.name,
    sector: partner.sector as Draft['sector'],
    scope: partner.scope,
    gemeenten: partner.gemeenten,
    opgaven: partner.opgaven,
    leefdomeinen: partner.leefdomeinen,
    kennisbronnen: partner.kennisbronnen,
    verandertheorie: partner.verandertheorie,
    description: partner.description ?? '',
    matchingOptOut: partner.matchingOptOut,
    offers: partner.offers.join(', '),
    needs: partner.needs.join(', '),
    website: partner.website ?? '',
    contactEmail: partner.contactEmail ?? '',
  });
  const errors = update.isError ? fieldErrors(update.error) : {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const terms = (kind: 'opgaven' | 'leefdomeinen' | 'kennisbronnen' | 'verandertheorie') => (taxonomy?.[kind] ?? []).map((term) => ({ code: term.code, label: term[lang] }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PartnerUpdate = {
      name: draft.name,
      sector: draft.sector,
      scope: draft.scope,
      gemeenten: draft.gemeenten as PartnerUpdate['gemeenten'],
      opgaven: draft.opgaven as PartnerUpdate['opgaven'],
      leefdomeinen: draft.leefdomeinen as PartnerUpdate['leefdomeinen'],
      kennisbronnen: draft.kennisbronnen as PartnerUpdate['kennisbronnen'],
      verandertheorie: draft.verandertheorie as PartnerUpdate['verandertheorie'],
      description: draft.description,
      matchingOptOut: draft.matchingOptOut,
      offers: tags(draft.offers),
      needs: tags(draft.needs),
      website: draft.website.trim() || null,
      contactEmail: draft.contactEmail.trim() || null,
    };
    update.mutate({ params: { path: { idOrSlug: partner.id } }, body }, { onSuccess: (saved) => onDone(saved) });
  };

  const problem = update.isError ? asProblem(update.error) : null;
  const problemTitle = useProblemTitle();
  return (
    <form onSubmit={submit} noValidate className="pm-card pm-section pm-edit" aria-labelledby="edit-heading">
      <h2 id="edit-heading" className="utrecht-heading-2">
        {t('partner.edit')}
      </h2>
      {problem && (
        <Alert type="error" title={problem.status === 400 ? t('partner.fixErrors') : problemTitle(update.error, { forbidden: t('partner.forbidden') })}>
          {problem.status !== 400 && problem.status !== 503 && problem.detail && <p className="utrecht-paragraph">{problem.detail}</p>}
        </Alert>
      )}
      <div className="pm-form-grid">
        <Field label={t('partners.name')} error={errors['name']}>
          <Textbox value={draft.name} onChange={(event) => set('name', event.target.value)} />
        </Field>
        <Field label={t('filter.sector')} error={errors['sector']}>
          <Select value={draft.sector} onChange={(event) => set('sector', event.target.value as Draft['sector'])}>
            {taxonomy?.sectors.map((term) => (
              <option key={term.code} value={term.code}>
                {term[lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('partners.scope')} error={errors['scope']}>
          <Select value={draft.scope} onChange={(event) => set('scope', event.target.value as Draft['scope'])}>
            {(['local', 'regional', 'national'] as const).map((scope) => (
              <option key={scope} value={scope}>
                {t(`scope.${scope}` as const)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('partners.gemeenten')} description={t('partner.gemeentenHint')} error={errors['gemeenten']}>
          <Select multiple size={6} value={draft.gemeenten} onChange={(event) => set('gemeenten', Array.from(event.target.selectedOptions, (option) => option.value))}>
            {[...(taxonomy?.gemeenten ?? [])]
              .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
              .map((g) => (
                <option key={g.code} value={g.code}>
                  {g.name}
                </option>
              ))}
          </Select>
        </Field>
      </div>
      <CodeCheckboxes legend={t('partner.opgaven')} codes={terms('opgaven')} value={draft.opgaven} onChange={(next) => set('opgaven', next)} error={errors['opgaven']} />
      <CodeCheckboxes legend={t('partner.leefdomeinen')} codes={terms('leefdomeinen')} value={draft.leefdomeinen} onChange={(next) => set('leefdomeinen', next)} error={errors['leefdomeinen']} />
      <CodeCheckboxes legend={t('partner.kennisbronnen')} codes={terms('kennisbronnen')} value={draft.kennisbronnen} onChange={(next) => set('kennisbronnen', next)} error={errors['kennisbronnen']} />
      <CodeCheckboxes legend={t('partner.verandertheorie')} codes={terms('verandertheorie')} value={draft.verandertheorie} onChange={(next) => set('verandertheorie', next)} error={errors['verandertheorie']} />
      <div className="pm-form-grid">
        <Field label={t('partner.offers')} description={t('partner.tagsHint')} error={errors['offers']}>
          <Textbox value={draft.offers} onChange={(event) => set('offers', event.target.value)} />
        </Field>
        <Field label={t('partner.needs')} description={t('partner.tagsHint')} error={errors['needs']}>
          <Textbox value={draft.needs} onChange={(event) => set('needs', event.target.value)} />
        </Field>
        <Field label={t('partner.website')} error={errors['website']}>
          <Textbox type="url" value={draft.website} onChange={(event) => set('website', event.target.value)} />
        </Field>
        <Field label={t('partner.contactEmail')} description={t('partner.contactHint')} error={errors['contactEmail']}>
          <Textbox type="email" value={draft.contactEmail} onChange={(event) => set('contactEmail', event.target.value)} />
        </Field>
      </div>
      <Field label={t('partner.description')} error={errors['description']}>
        <Textarea rows={4} value={draft.description} onChange={(event) => set('description', event.target.value)} />
      </Field>
      <Field label={t('partner.optOut')} type="checkbox" error={errors['matchingOptOut']}>
        <Checkbox checked={draft.matchingOptOut} onChange={(event) => set('matchingOptOut', event.target.checked)} />
      </Field>
      <div className="utrecht-button-group">
        <Button type="submit" appearance="primary-action-button" busy={update.isPending}>
          {t('partner.save')}
        </Button>
      </div>
    </form>
  );
}
