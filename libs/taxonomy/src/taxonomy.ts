import taxonomyData from './data/taxonomy.json';
import gemeentenData from './data/gemeenten.json';

/** A term of one of the alliance's fixed lists, labelled in Dutch and English. */
export interface Term {
  code: string;
  nl: string;
  en: string;
}

/**
 * An opgave of the network. Eight of the ten titles are working titles until the
 * alliance publishes the official list; `status: 'provisional'` marks them so the
 * real titles can replace them in the data file without code changes.
 */
export interface Opgave extends Term {
  number: number | null;
  status: 'confirmed' | 'provisional';
  detailNl?: string;
  basis: string;
}

export interface Gemeente {
  /** CBS gemeentecode, `GM` + 4 digits. */
  code: string;
  name: string;
  /** CBS province code, PV20–PV31. */
  province: string;
  lat: number;
  lon: number;
  /** Gemeenten sharing a border (approximate; a soft "nearby" signal only). */
  neighbours: string[];
}

export interface Taxonomy {
  version: string;
  leefdomeinen: Term[];
  opgaven: Opgave[];
  sectors: Term[];
  kennisbronnen: Term[];
  /** The alliance's verandertheorie, "de drie V's": verzachten (short term), versterken (medium), veranderen (long term). */
  verandertheorie: Term[];
  provinces: Term[];
  gemeenten: Gemeente[];
}

export const SCOPES = ['local', 'regional', 'national'] as const;
export type Scope = (typeof SCOPES)[number];

export const taxonomy: Taxonomy = {
  version: taxonomyData.version,
  leefdomeinen: taxonomyData.leefdomeinen,
  opgaven: taxonomyData.opgaven as Opgave[],
  sectors: taxonomyData.sectors,
  kennisbronnen: taxonomyData.kennisbronnen,
  verandertheorie: taxonomyData.verandertheorie.map(({ code, nl, en }) => ({ code, nl, en })),
  provinces: taxonomyData.provinces,
  gemeenten: gemeentenData,
};

export const LEEFDOMEIN_CODES = taxonomy.leefdomeinen.map((term) => term.code);
export const OPGAVE_CODES = taxonomy.opgaven.map((term) => term.code);
export const SECTOR_CODES = taxonomy.sectors.map((term) => term.code);
export const KENNISBRON_CODES = taxonomy.kennisbronnen.map((term) => term.code);
/** `taxonomy.verandertheorie`: the levels a partner states and the kennisdelen scorer compares. */
export const verandertheorie: Term[] = taxonomy.verandertheorie;
export const VERANDERTHEORIE_CODES = verandertheorie.map((term) => term.code);
export const PROVINCE_CODES = taxonomy.provinces.map((term) => term.code);
export const GEMEENTE_CODES = taxonomy.gemeenten.map((gemeente) => gemeente.code);

const gemeenteByCode = new Map(taxonomy.gemeenten.map((gemeente) => [gemeente.code, gemeente]));

export function findGemeente(code: string): Gemeente | undefined {
  return gemeenteByCode.get(code);
}

/** CBS codes of the gemeenten in one province. */
export function gemeentenInProvince(provinceCode: string): string[] {
  return taxonomy.gemeenten.filter((gemeente) => gemeente.province === provinceCode).map((gemeente) => gemeente.code);
}

/** Looks a term up by code in any of the labelled lists. */
export function labelOf(list: readonly Term[], code: string, lang: 'nl' | 'en'): string {
  return list.find((term) => term.code === code)?.[lang] ?? code;
}
