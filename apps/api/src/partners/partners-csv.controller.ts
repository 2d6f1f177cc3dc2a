/// <reference types="multer" />
import { Controller, Get, Header, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@app/errors';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CsvFileInterceptor, MAX_CSV_FILE_BYTES } from './csv-file.interceptor';
import { PartnerImportDto } from './dtos/partner-import.dto';
import { CSV_COLUMNS, MAX_CSV_ROWS, PartnersCsvService } from './partners-csv.service';
import { Roles } from '../auth/access.decorators';

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel']);

const LAYOUT =
  `A header row with the columns \`${CSV_COLUMNS.join(', ')}\` (any order; only name, sector and scope are required), ` +
  'then one partner a row. Cells hold what POST /v1/partners takes: codes from /v1/taxonomy; the list columns ' +
  '(gemeenten, leefdomeinen, opgaven, kennisbronnen, offers, needs) separate their items with `;`; matchingOptOut is ' +
  '`true` or `false`; an empty cell leaves the field at its default. UTF-8, comma-separated, double quotes around cells ' +
  'holding commas, quotes or line breaks.';

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
      `${LAYOUT} Every row is checked as POST /v1/partners checks a body, and a name may not give the slug of another row ` +
      `or of a stored partner. Any error answers 400 with \`errors\` naming \`rows[i].field\` (i counts data rows from 0; ` +
      `the message gives the file line) and stores nothing. At most ${MAX_CSV_FILE_BYTES / 1024 / 1024} MB and ${MAX_CSV_ROWS} rows.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The CSV file' } } },
  })
  @ApiCreatedResponse({ type: PartnerImportDto })
  @ApiProblems(400, 409, 413)
  @UseInterceptors(CsvFileInterceptor)
  async import(@UploadedFile() file: Express.Multer.File | undefined): Promise<PartnerImportDto> {
    if (!file) throw DomainException.validation([{ field: 'file', message: 'send the CSV as multipart/form-data in a part named file' }]);
    if (!CSV_TYPES.has(file.mimetype) && !file.originalname.toLowerCase().endsWith('.csv')) {
      throw DomainException.validation([{ field: 'file', message: 'file must be a CSV file (text/csv)', value: file.mimetype }]);
    }
    // No text CSV holds a NUL byte (UTF-16 files do), and PostgreSQL text cannot store one.
    if (file.buffer.includes(0)) throw DomainException.validation([{ field: 'file', message: 'file holds NUL bytes: save it as UTF-8 CSV' }]);
    return this.csv.import(file.buffer);
  }

  @Get('export.csv')
  @Roles('team')
  @ApiOperation({ summary: 'Every partner as CSV, contact e-mail included; imports again as it is', description: LAYOUT })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The partners by name', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="partners.csv"')
  export(): Promise<string> {
    return this.csv.export();
  }
}
