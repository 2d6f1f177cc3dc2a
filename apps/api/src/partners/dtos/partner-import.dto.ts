import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CSV_SEPARATORS, type CsvSeparatorName, type ImportOutcome } from '../partners-csv.service';

export class PartnerImportQueryDto {
  /** Check the file and answer what an import would create, change and leave unchanged, writing nothing (200 instead of 201). */
  @ApiPropertyOptional({ type: 'boolean', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun: boolean = false;
}

export class PartnerExportQueryDto {
  /** `semicolon` for Excel in a Dutch locale, which splits a file into columns at `;`; the list columns' items are then quoted. */
  @ApiPropertyOptional({ enum: Object.keys(CSV_SEPARATORS), default: 'comma' })
  @IsOptional()
  @IsIn(Object.keys(CSV_SEPARATORS))
  separator: CsvSeparatorName = 'comma';
}

/** What an import stored, or with `dryRun` would store. */
export class PartnerImportDto {
  /** True when nothing was written: the counts say what importing this file would do. */
  dryRun: boolean;

  /** Rows without a slug: partners created. */
  created: number;

  /** The created partners' slugs, in file order. */
  slugs: string[];

  /** Rows with a slug whose cells differ from the stored partner: partners updated. */
  changed: number;

  /** The updated partners' slugs, in file order. */
  changedSlugs: string[];

  /** Rows with a slug whose cells hold what is stored already: nothing written for them. */
  unchanged: number;

  static from({ dryRun, created, changed, unchanged }: ImportOutcome): PartnerImportDto {
    return { dryRun, created: created.length, slugs: created, changed: changed.length, changedSlugs: changed, unchanged: unchanged.length };
  }
}
