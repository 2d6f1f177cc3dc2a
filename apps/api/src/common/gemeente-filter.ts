import { gemeentenInProvince } from '@app/taxonomy';

/** A gemeente and a province together mean: that gemeente, if it lies in the province. */
export function mergeGemeenteFilters(gemeente?: string, province?: string): string[] | undefined {
  if (!province) return gemeente ? [gemeente] : undefined;
  const inProvince = gemeentenInProvince(province);
  return gemeente ? inProvince.filter((code) => code === gemeente) : inProvince;
}
