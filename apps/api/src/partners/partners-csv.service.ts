import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainException, type FieldError } from '@app/errors';
import { isUniqueViolation, PartnerRepository, PersonRepository, slugify, type PartnerEntity } from '@app/persistence';
import { toFieldErrors, VALIDATOR_OPTIONS } from '../problems/validation';
import { guardFormula, unguardFormula } from './csv-formula-guard';
import { CreatePartnerDto } from './dtos/create-partner.dto';
import { PartnerChangesService } from './partner-changes.service';
import { firstContacts, newPartnerFields, scopeErrors } from './partners.service';

/** The CSV layout, one partner a row under this header; list columns hold codes or tags separated by `;`. */
export const CSV_COLUMNS = [
  'name',
  'sector',
  'scope',
  'gemeenten',
  'leefdomeinen',
  'opgaven',
  'kennisbronnen',
  'offers',
  'needs',
  'description',
  'website',
  'contactEmail',
  'matchingOptOut',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const LIST_COLUMNS = new Set<CsvColumn>(['gemeenten', 'leefdomeinen', 'opgaven', 'kennisbronnen', 'offers', 'needs']);
const OPTIONAL_TEXT_COLUMNS = new Set<CsvColumn>(['description', 'website', 'contactEmail']);
const REQUIRED_COLUMNS: CsvColumn[] = ['name', 'sector', 'scope'];
export const MAX_CSV_ROWS = 10_000;

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

interface CheckedRow {
  input: CreatePartnerDto;
  slug: string;
}

@Injectable()
export class PartnersCsvService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly changes: PartnerChangesService,
    private readonly people: PersonRepository,
  ) {}

  /** Validates every row as POST /v1/partners does, then stores all of them or, on any error, none. */
  async import(csv: Buffer): Promise<{ created: number; slugs: string[] }> {
    const rows = await this.check(readRecords(csv));
    const slugs = rows.map((row) => row.slug);
    try {
      const ids = await this.changes.transaction(async (tx, recompute) => {
        const fields = rows.map((row) => newPartnerFields(row.input, row.slug));
        const inserted = await this.partners.insertAll(fields, tx);
        await this.people.addPartnerContacts(firstContacts(inserted.map((id, index) => ({ id, name: fields[index].name!, contactEmail: fields[index].contactEmail ?? null }))), tx);
        await recompute(inserted, 'created');
        return inserted;
      });
      return { created: ids.length, slugs };
    } catch (error) {
      if (!isUniqueViolation(error, 'partner_slug_unique')) throw error;
      throw new DomainException('conflict', 'a partner with one of these names was created during the import; nothing was stored');
    }
  }

  async export(): Promise<string> {
    const partners = await this.partners.findAllByName();
    return stringify(partners.map(toCsvRow), { header: true, columns: [...CSV_COLUMNS], cast: { string: (cell) => guardFormula(cell) } });
  }

  private async check(records: CsvRecord[]): Promise<CheckedRow[]> {
    const errors: FieldError[] = [];
    const rows: (CheckedRow | null)[] = [];
    const firstRowOfSlug = new Map<string, number>();
    for (const [index, { record, info }] of records.entries()) {
      const input = plainToInstance(CreatePartnerDto, fromCsvRow(record));
      const rowErrors = toFieldErrors(await validate(input, VALIDATOR_OPTIONS));
      if (rowErrors.length === 0) rowErrors.push(...scopeErrors(input.scope, input.gemeenten ?? []));
      const slug = typeof input.name === 'string' ? slugify(input.name) : '';
      const earlier = firstRowOfSlug.get(slug);
      if (earlier !== undefined && !rowErrors.some((error) => error.field === 'name')) {
        rowErrors.push({ field: 'name', message: `name gives the same slug "${slug}" as rows[${earlier}]`, value: input.name });
      } else if (slug) firstRowOfSlug.set(slug, index);
      errors.push(...rowErrors.map((error) => ({ ...error, field: `rows[${index}].${error.field}`, message: `line ${info.lines}: ${error.message}` })));
      rows.push(rowErrors.length === 0 ? { input, slug } : null);
    }
    const taken = await this.partners.takenSlugs([...firstRowOfSlug.keys()]);
    for (const [index, row] of rows.entries()) {
      if (row && taken.has(row.slug)) {
        errors.push({ field: `rows[${index}].name`, message: `line ${records[index].info.lines}: a partner with slug "${row.slug}" already exists`, value: row.input.name });
      }
    }
    if (errors.length > 0) {
      const badRows = new Set(errors.map((error) => error.field.slice(0, error.field.indexOf('.')))).size;
      throw new DomainException('validation-failed', `${badRows} of ${records.length} rows are invalid; nothing was stored`, errors);
    }
    return rows as CheckedRow[];
  }
}

function readRecords(csv: Buffer): CsvRecord[] {
  let records: CsvRecord[];
  try {
    records = parse(csv, { bom: true, columns: (header: string[]) => header.map((name) => name.trim()), info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw fileError(`the file is not readable as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length === 0) throw fileError('the file holds no partner rows under the header');
  if (records.length > MAX_CSV_ROWS) throw fileError(`the file holds ${records.length} rows; at most ${MAX_CSV_ROWS} are accepted`);
  const header = Object.keys(records[0].record);
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [unknown.length > 0 && `unknown columns ${unknown.join(', ')}`, missing.length > 0 && `missing columns ${missing.join(', ')}`];
    throw fileError(`the header has ${problems.filter(Boolean).join(' and ')}; the columns are ${CSV_COLUMNS.join(', ')}`, header);
  }
  return records;
}

function fileError(message: string, value?: unknown): DomainException {
  return DomainException.validation([{ field: 'file', message, ...(value === undefined ? {} : { value }) }]);
}

/** CSV cells to the body POST /v1/partners takes; empty cells are left out so the DTO's defaults apply. */
function fromCsvRow(record: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [column, exported] of Object.entries(record) as [CsvColumn, string][]) {
    const cell = unguardFormula(exported);
    if (LIST_COLUMNS.has(column)) body[column] = cell.split(';').map((item) => item.trim()).filter(Boolean);
    else if (column === 'matchingOptOut') body[column] = cell === '' ? undefined : ({ true: true, false: false }[cell.toLowerCase()] ?? cell);
    else if (OPTIONAL_TEXT_COLUMNS.has(column)) body[column] = cell === '' ? undefined : cell;
    else body[column] = cell;
  }
  return body;
}

function toCsvRow(partner: PartnerEntity): Record<CsvColumn, string> {
  return {
    name: partner.name,
    sector: partner.sector,
    scope: partner.scope,
    gemeenten: partner.gemeenten.join(';'),
    leefdomeinen: partner.leefdomeinen.join(';'),
    opgaven: partner.opgaven.join(';'),
    kennisbronnen: partner.kennisbronnen.join(';'),
    offers: partner.offers.join(';'),
    needs: partner.needs.join(';'),
    description: partner.description,
    website: partner.website ?? '',
    contactEmail: partner.contactEmail ?? '',
    matchingOptOut: String(partner.matchingOptOut),
  };
}
