import { IsOptional } from 'class-validator';
import { PROVINCE_CODES } from '@app/taxonomy';
import { IsCode } from '../../common/is-code.validator';

export class TermDto {
  /** Stable code used everywhere in the API. */
  code: string;
  /** Dutch label. */
  nl: string;
  /** English label. */
  en: string;
}

export class OpgaveDto extends TermDto {
  /** Position in the alliance's list; null while the official order is unknown. */
  number: number | null;
  /** `provisional` titles are working titles until the alliance's official list replaces them. */
  status: 'confirmed' | 'provisional';
  detailNl?: string;
  /** Where the title comes from. */
  basis: string;
}

export class GemeenteDto {
  /** CBS gemeentecode. */
  code: string;
  name: string;
  /** CBS province code (PV20–PV31). */
  province: string;
  /** Centroid latitude (WGS84). */
  lat: number;
  /** Centroid longitude (WGS84). */
  lon: number;
  /** CBS codes of bordering gemeenten (approximate). */
  neighbours: string[];
}

export class TaxonomyDto {
  version: string;
  leefdomeinen: TermDto[];
  opgaven: OpgaveDto[];
  sectors: TermDto[];
  kennisbronnen: TermDto[];
  /** The verandertheorie's levels: verzachten (short term), versterken (medium), veranderen (long term). */
  verandertheorie: TermDto[];
  provinces: TermDto[];
  gemeenten: GemeenteDto[];
}

export class GemeentenQueryDto {
  /** Only the gemeenten of this province (CBS code, e.g. PV27). */
  @IsOptional()
  @IsCode(PROVINCE_CODES, { optional: true })
  province?: string;
}
