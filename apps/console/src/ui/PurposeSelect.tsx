import type { SelectHTMLAttributes } from 'react';
import { PURPOSES, type Purpose } from '../api/profile';
import { useI18n } from '../i18n/i18n';
import { Select } from './Controls';

type Passed = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & { invalid?: boolean };

/**
 * The choice between the two purposes (samenwerken, kennisdelen), for a filter kept in the URL:
 * `onChange` gets '' for samenwerken, the default that the URL leaves out. What a Field adds
 * (id, aria-describedby, invalid) reaches the select.
 */
export function PurposeSelect({ value, onChange, ...passed }: Passed & { value: string | null | undefined; onChange: (value: '' | Purpose) => void }) {
  const { t } = useI18n();
  return (
    <Select {...passed} value={value || 'samenwerken'} onChange={(event) => onChange(event.target.value === 'samenwerken' ? '' : (event.target.value as Purpose))}>
      {PURPOSES.map((purpose) => (
        <option key={purpose} value={purpose}>
          {t(`purpose.${purpose}` as const)}
        </option>
      ))}
    </Select>
  );
}
