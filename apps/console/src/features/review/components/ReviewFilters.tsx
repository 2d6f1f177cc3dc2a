import type { SetURLSearchParams } from 'react-router';
import { useTaxonomy } from '../../../api/taxonomy';
import { useI18n } from '../../../i18n/i18n';
import { Checkbox, Select, Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Button } from '../../../ui/Button';
import { STATUSES } from '../api/reviews';
import { PurposeSelect } from '../../../ui/PurposeSelect';

export const FILTER_KEYS = ['purpose', 'status', 'province', 'gemeente', 'sector', 'opgave', 'leefdomein', 'minScore', 'mutualInterest'] as const;

/** The API's review filters, kept in the URL so a view can be shared. */
export function ReviewFilters({ params, setParams }: { params: URLSearchParams; setParams: SetURLSearchParams }) {
  const { t, lang } = useI18n();
  const taxonomy = useTaxonomy().data;
  const province = params.get('province') ?? '';
  const gemeenten = (taxonomy?.gemeenten ?? []).filter((g) => !province || g.province === province).sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const set = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'province') next.delete('gemeente');
        next.delete('page');
        return next;
      },
      { replace: false },
    );

  const any = FILTER_KEYS.some((key) => key !== 'status' && key !== 'purpose' && params.get(key));

  return (
    <form className="pm-filters" role="search" aria-label={t('review.filters')} onSubmit={(event) => event.preventDefault()}>
      <Field label={t('filter.purpose')}>
        <PurposeSelect value={params.get('purpose')} onChange={(purpose) => set('purpose', purpose)} />
      </Field>
      <Field label={t('filter.status')}>
        <Select value={params.get('status') ?? 'pending'} onChange={(event) => set('status', event.target.value === 'pending' ? '' : event.target.value)}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}` as const)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('filter.province')}>
        <Select value={province} onChange={(event) => set('province', event.target.value)}>
          <option value="">{t('filter.all')}</option>
          {taxonomy?.provinces.map((term) => (
            <option key={term.code} value={term.code}>
              {term[lang]}
            </option>
          ))}
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
      <Field label={t('filter.sector')}>
        <Select value={params.get('sector') ?? ''} onChange={(event) => set('sector', event.target.value)}>
          <option value="">{t('filter.all')}</option>
          {taxonomy?.sectors.map((term) => (
            <option key={term.code} value={term.code}>
              {term[lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('filter.opgave')}>
        <Select value={params.get('opgave') ?? ''} onChange={(event) => set('opgave', event.target.value)}>
          <option value="">{t('filter.all')}</option>
          {taxonomy?.opgaven.map((term) => (
            <option key={term.code} value={term.code}>
              {term[lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('filter.leefdomein')}>
        <Select value={params.get('leefdomein') ?? ''} onChange={(event) => set('leefdomein', event.target.value)}>
          <option value="">{t('filter.all')}</option>
          {taxonomy?.leefdomeinen.map((term) => (
            <option key={term.code} value={term.code}>
              {term[lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('filter.minScore')}>
        <Textbox type="number" min={0} max={100} step={5} inputMode="numeric" value={params.get('minScore') ?? ''} onChange={(event) => set('minScore', event.target.value)} className="pm-narrow" />
      </Field>
      <Field label={t('filter.mutualInterest')} type="checkbox">
        <Checkbox checked={params.get('mutualInterest') === 'true'} onChange={(event) => set('mutualInterest', event.target.checked ? 'true' : '')} />
      </Field>
      {any && (
        <div className="pm-filters__reset">
          <Button
            appearance="subtle-button"
            onClick={() =>
              setParams((previous) => {
                const next = new URLSearchParams();
                for (const kept of ['purpose', 'status']) {
                  const value = previous.get(kept);
                  if (value) next.set(kept, value);
                }
                return next;
              })
            }
          >
            {t('filter.reset')}
          </Button>
        </div>
      )}
    </form>
  );
}
