/// <reference types="multer" />
import { Controller, Get, Header, HttpStatus, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '@app/errors';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CsvFileInterceptor, MAX_CSV_FILE_BYTES } from './csv-file.interceptor';
import { PartnerExportQueryDto, PartnerImportDto, PartnerImportQueryDto } from './dtos/partner-import.dto';
import { CSV_COLUMNS, MAX_CSV_ROWS, PartnersCsvService } from './partners-csv.service';
import { Roles } from '../auth/access.decorators';

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel']);

const LAYOUT =
  `A header row with the columns \`${CSV_COLUMNS.join(', ')}\` (any order; only name, sector and scope are required), ` +
  'then one partner a row. `slug` names the stored partner the row updates; a row without one creates a partner (its slug ' +
  'derived from the name), and a slug no partner has creates one with that slug (so an export fills an empty installation). Cells hold what POST /v1/partners takes: codes from /v1/taxonomy; the list columns ' +
  '(gemeenten, leefdomeinen, opgaven, kennisbronnen, verandertheorie, offers, needs) separate their items with `;`; matchingOptOut is ' +
  '`true` or `false`; an empty cell leaves a new partner\'s field at its default and clears an updated partner\'s field; a ' +
  'column left out of the header leaves an updated partner\'s field as stored. Cells separated by `,` or `;` (the header line ' +
  'tells which; Excel in a Dutch locale saves `;`), or a first line `sep=;`; UTF-8 with or without byte-order mark, or ' +
  'Windows-1252 (Excel\'s plain "CSV"); any line ends; double quotes around cells holding the separator, quotes or line ' +
  'breaks. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is exported with `\'` before it (so a ' +
  'spreadsheet does not run it as a formula), and the import takes that one `\'` off again.';

/** Registered before PartnersController so `export.csv` is not taken for a slug. */
@ApiTags('partners')
@Controller('v1/partners')
export class PartnersCsvController {
  constructor(private readonly csv: PartnersCsvService) {}

  @Post('import')
  @Roles('admin')
  @ApiOperation({
    summary: 'Imports partners from a CSV file: all rows or none',
    description:
      `${LAYOUT} Every row is checked as POST /v1/partners checks a body; a slug may appear in one row only, ` +
      `and a new partner's name may not give the slug of another row or of a stored partner. Any error answers 400 with ` +
      `\`errors\` naming \`rows[i].field\` (i counts data rows from 0; the message gives the file line) and stores nothing; ` +
      `a header the import cannot read names the encoding and separator it read the file with. \`dryRun=true\` checks the ` +
      `same and answers 200 with what an import would create, change and leave unchanged, writing nothing. ` +
      `At most ${MAX_CSV_FILE_BYTES / 1024 / 1024} MB and ${MAX_CSV_ROWS} rows.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The CSV file' } } },
  })
  @ApiCreatedResponse({ type: PartnerImportDto, description: 'Every row stored: partners created and updated' })
  @ApiOkResponse({ type: PartnerImportDto, description: 'dryRun=true: what an import would do; nothing written' })
  @ApiProblems(400, 409, 413)
  @UseInterceptors(CsvFileInterceptor)
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query() query: PartnerImportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PartnerImportDto> {
    if (!file) throw DomainException.validation([{ field: 'file', message: 'send the CSV as multipart/form-data in a part named file' }]);
    if (!CSV_TYPES.has(file.mimetype) && !file.originalname.toLowerCase().endsWith('.csv')) {
      throw DomainException.validation([{ field: 'file', message: 'file must be a CSV file (text/csv)', value: file.mimetype }]);
    }
    // No text CSV holds a NUL byte (UTF-16 files do), and PostgreSQL text cannot store one.
    if (file.buffer.includes(0)) {
      throw DomainException.validation([{ field: 'file', message: 'file holds NUL bytes, as UTF-16 text does: save it as "CSV UTF-8" or "CSV (comma/semicolon delimited)"' }]);
    }
    const outcome = PartnerImportDto.from(await this.csv.import(file.buffer, { dryRun: query.dryRun }));
    if (outcome.dryRun) response.status(HttpStatus.OK);
    return outcome;
  }

  @Get('export.csv')
  @Roles('team')
  @ApiOperation({
    summary: 'Every partner as CSV, contact e-mail included; imports again as it is',
    description:
      `${LAYOUT} The export starts with a UTF-8 byte-order mark, so that Excel reads its accents right, and holds every column; ` +
      'edited and imported again, it updates the partners by slug. `separator=semicolon` for Excel in a Dutch locale.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The partners by name', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="partners.csv"')
  export(@Query() query: PartnerExportQueryDto): Promise<string> {
    return this.csv.export(query.separator);
  }
}
