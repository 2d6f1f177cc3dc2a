import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainException, type FieldError } from '@app/errors';
import { isUniqueViolation, PartnerRepository, PersonRepository, slugify, type PartnerEntity } from '@app/persistence';
import { toFieldErrors, VALIDATOR_OPTIONS } from '../problems/validation';
import { guardFormula, unguardFormula } from './csv-formula-guard';
import { describeSeparator, readCsvText } from './csv-text';
import { CreatePartnerDto } from './dtos/create-partner.dto';
import { PartnerChangesService } from './partner-changes.service';
import { firstContacts, newPartnerFields, scopeErrors } from './partners.service';

/**
 * The CSV layout, one partner a row under this header; list columns hold codes or tags
 * separated by `;`. `slug` names the stored partner a row updates; empty, the row creates one.
 */
export const CSV_COLUMNS = [
  'slug',
  'name',
  'sector',
  'scope',
  'gemeenten',
  'leefdomeinen',
  'opgaven',
  'kennisbronnen',
  'verandertheorie',
  'offers',
  'needs',
  'description',
  'website',
  'contactEmail',
  'matchingOptOut',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
type FieldColumn = Exclude<CsvColumn, 'slug'>;

const LIST_COLUMNS = new Set<CsvColumn>(['gemeenten', 'leefdomeinen', 'opgaven', 'kennisbronnen', 'verandertheorie', 'offers', 'needs']);
const OPTIONAL_TEXT_COLUMNS = new Set<CsvColumn>(['description', 'website', 'contactEmail']);
const REQUIRED_COLUMNS: CsvColumn[] = ['name', 'sector', 'scope'];
export const MAX_CSV_ROWS = 10_000;

/** `comma` is what most programs expect; `semicolon` is what Excel in a Dutch (or German, French…) locale opens into columns. */
export const CSV_SEPARATORS = { comma: ',', semicolon: ';' } as const;
export type CsvSeparatorName = keyof typeof CSV_SEPARATORS;

/** Without it Excel reads the file in the machine's code page and shows "CafÃ©" for "Café". */
const UTF8_BOM = '\uFEFF';

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

interface ParsedFile {
  records: CsvRecord[];
  /** The field columns the header holds: an update writes these and leaves the others as stored. */
  columns: FieldColumn[];
}

interface CheckedRow {
  index: number;
  input: CreatePartnerDto;
  /** The stored partner's slug for an update; the one named, or else derived from the name, for a creation. */
  slug: string;
  updates: boolean;
}

export interface ImportOutcome {
  dryRun: boolean;
  created: string[];
  changed: string[];
  unchanged: string[];
}

@Injectable()
export class PartnersCsvService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly changes: PartnerChangesService,
    private readonly people: PersonRepository,
  ) {}

  /**
   * Validates every row as POST /v1/partners does (a row with a slug as the update of that
   * partner), then stores all of them or, on any error, none. A dry run checks the same and
   * says what an import would create, change and leave as it is, writing nothing.
   */
  async import(csv: Buffer, { dryRun }: { dryRun: boolean }): Promise<ImportOutcome> {
    const { records, columns } = readRecords(csv);
    const rows = await this.check(records, columns);
    const updateSlugs = rows.filter((row) => row.updates).map((row) => row.slug);
    if (dryRun) return { dryRun, ...classify(rows, columns, await this.partners.findBySlugs(updateSlugs)) };
    try {
      return await this.changes.transaction(async (tx, recompute) => {
        // Compared with the rows as locked, so a PATCH in between is neither lost nor counted wrongly.
        const stored = await this.partners.lockBySlugs(updateSlugs, tx);
        const outcome = classify(rows, columns, stored);
        const byslug = new Map(stored.map((partner) => [partner.slug, partner]));
        const creations = rows.filter((row) => !row.updates);
        const fields = creations.map((row) => newPartnerFields(row.input, row.slug));
        const inserted = await this.partners.insertAll(fields, tx);
        await this.people.addPartnerContacts(firstContacts(inserted.map((id, index) => ({ id, name: fields[index].name!, contactEmail: fields[index].contactEmail ?? null }))), tx);
        await recompute(inserted, 'created');
        const changed = new Set(outcome.changed);
        for (const row of rows.filter((candidate) => candidate.updates && changed.has(candidate.slug))) {
          const partner = byslug.get(row.slug)!;
          const written = fieldsOf(row.input, columns);
          await this.partners.updateFields(partner.id, written, tx);
          await recompute([partner.id], written.matchingOptOut === true && !partner.matchingOptOut ? 'opted-out' : 'updated');
        }
        return { dryRun, ...outcome };
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'partner_slug_unique')) throw error;
      throw new DomainException('conflict', 'a partner with one of these names was created during the import; nothing was stored');
    }
  }

  async export(separator: CsvSeparatorName = 'comma'): Promise<string> {
    const partners = await this.partners.findAllByName();
    const csv = stringify(partners.map(toCsvRow), {
      header: true,
      columns: [...CSV_COLUMNS],
      delimiter: CSV_SEPARATORS[separator],
      cast: { string: (cell) => guardFormula(cell) },
    });
    return `${UTF8_BOM}${csv}`;
  }

  private async check(records: CsvRecord[], columns: FieldColumn[]): Promise<CheckedRow[]> {
    const errors: FieldError[] = [];
    const rows: (CheckedRow | null)[] = [];
    const rowError = (index: number, field: string, message: string, value: unknown): FieldError => ({
      field: `rows[${index}].${field}`,
      message: `line ${records[index].info.lines}: ${message}`,
      value,
    });
    const namedSlugs = records.map(({ record }) => unguardFormula(record.slug ?? '').trim().toLowerCase());
    const stored = new Map((await this.partners.findBySlugs(namedSlugs.filter(Boolean))).map((partner) => [partner.slug, partner]));
    const firstRowOfSlug = new Map<string, number>();
    for (const [index, { record }] of records.entries()) {
      const input = plainToInstance(CreatePartnerDto, fromCsvRow(record));
      const rowErrors = toFieldErrors(await validate(input, VALIDATOR_OPTIONS)).map((error) => rowError(index, error.field, error.message, error.value));
      const named = namedSlugs[index];
      const target = named ? stored.get(named) : undefined;
      // A slug no partner has creates one under it, so an export also fills an empty installation.
      if (named && !target && slugify(named) !== named) {
        rowErrors.push(rowError(index, 'slug', `slug "${named}" is not a slug (lower-case letters, digits and single dashes; it would be "${slugify(named)}")`, record.slug));
      }
      if (rowErrors.length === 0) {
        // An update without a gemeenten column keeps the stored ones, and the scope rule applies to those.
        const gemeenten = input.gemeenten ?? (target && !columns.includes('gemeenten') ? target.gemeenten : []);
        rowErrors.push(...scopeErrors(input.scope, gemeenten).map((error) => rowError(index, error.field, error.message, error.value)));
      }
      const slug = named || (typeof input.name === 'string' ? slugify(input.name) : '');
      const earlier = firstRowOfSlug.get(slug);
      if (slug && earlier !== undefined && !rowErrors.some((error) => error.field.endsWith('.name') || error.field.endsWith('.slug'))) {
        const field = named ? 'slug' : 'name';
        const message = named ? `slug "${slug}" is also the slug of rows[${earlier}]` : `name gives the same slug "${slug}" as rows[${earlier}]`;
        rowErrors.push(rowError(index, field, message, named ? record.slug : input.name));
      } else if (slug && earlier === undefined) firstRowOfSlug.set(slug, index);
      errors.push(...rowErrors);
      rows.push(rowErrors.length === 0 ? { index, input, slug, updates: target !== undefined } : null);
    }
    const creations = rows.filter((row): row is CheckedRow => row !== null && !row.updates);
    const taken = await this.partners.takenSlugs(creations.map((row) => row.slug));
    for (const row of creations) {
      if (taken.has(row.slug)) {
        // Only a derived slug can be taken here: a named one was looked up above.
        errors.push(rowError(row.index, 'name', `a partner with slug "${row.slug}" already exists; put "${row.slug}" in the slug column to update it`, row.input.name));
      }
    }
    if (errors.length > 0) {
      errors.sort((a, b) => rowNumber(a.field) - rowNumber(b.field));
      const badRows = new Set(errors.map((error) => error.field.slice(0, error.field.indexOf('.')))).size;
      throw new DomainException('validation-failed', `${badRows} of ${records.length} rows are invalid; nothing was stored`, errors);
    }
    return rows as CheckedRow[];
  }
}

function rowNumber(field: string): number {
  return Number(/^rows\[(\d+)\]/.exec(field)?.[1] ?? 0);
}

/** Which update rows would change their partner, and which say what is stored already; creations are listed as they are. */
function classify(rows: CheckedRow[], columns: FieldColumn[], stored: PartnerEntity[]): Omit<ImportOutcome, 'dryRun'> {
  const bySlug = new Map(stored.map((partner) => [partner.slug, partner]));
  const outcome: Omit<ImportOutcome, 'dryRun'> = { created: [], changed: [], unchanged: [] };
  for (const row of rows) {
    if (!row.updates) {
      outcome.created.push(row.slug);
      continue;
    }
    const partner = bySlug.get(row.slug);
    if (!partner) throw new DomainException('conflict', `partner "${row.slug}" was deleted during the import; nothing was stored`);
    const fields = fieldsOf(row.input, columns);
    const same = (Object.keys(fields) as (keyof PartnerEntity)[]).every((key) => JSON.stringify(fields[key]) === JSON.stringify(partner[key]));
    (same ? outcome.unchanged : outcome.changed).push(row.slug);
  }
  return outcome;
}

/** What an update row writes: every column of the header, an empty cell as the field's default (an emptied cell clears it). */
function fieldsOf(input: CreatePartnerDto, columns: FieldColumn[]): Partial<PartnerEntity> {
  const complete = newPartnerFields(input, '');
  return Object.fromEntries(columns.map((column) => [column, complete[column]])) as Partial<PartnerEntity>;
}

function readRecords(csv: Buffer): ParsedFile {
  const { text, encoding, separator } = readCsvText(csv);
  const readAs = `read as ${encoding} with ${describeSeparator(separator)} between cells`;
  let records: CsvRecord[];
  try {
    records = parse(text, { delimiter: separator, columns: (header: string[]) => header.map((name) => name.trim()), info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw fileError(`the file is not readable as CSV (${readAs}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length === 0) throw fileError('the file holds no partner rows under the header');
  if (records.length > MAX_CSV_ROWS) throw fileError(`the file holds ${records.length} rows; at most ${MAX_CSV_ROWS} are accepted`);
  const header = Object.keys(records[0].record);
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [unknown.length > 0 && `unknown columns ${unknown.join(', ')}`, missing.length > 0 && `missing columns ${missing.join(', ')}`];
    throw fileError(
      `the header has ${problems.filter(Boolean).join(' and ')} (the file was ${readAs}); ` +
        `the columns are ${CSV_COLUMNS.join(', ')}, separated by "," or ";", in UTF-8 (with or without BOM) or Windows-1252`,
      header,
    );
  }
  return { records, columns: header.filter((column): column is FieldColumn => column !== 'slug') as FieldColumn[] };
}

function fileError(message: string, value?: unknown): DomainException {
  return DomainException.validation([{ field: 'file', message, ...(value === undefined ? {} : { value }) }]);
}

/** CSV cells to the body POST /v1/partners takes; empty cells are left out so the DTO's defaults apply. */
function fromCsvRow(record: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [column, exported] of Object.entries(record) as [CsvColumn, string][]) {
    if (column === 'slug') continue;
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
    slug: partner.slug,
    name: partner.name,
    sector: partner.sector,
    scope: partner.scope,
    gemeenten: partner.gemeenten.join(';'),
    leefdomeinen: partner.leefdomeinen.join(';'),
    opgaven: partner.opgaven.join(';'),
    kennisbronnen: partner.kennisbronnen.join(';'),
    verandertheorie: partner.verandertheorie.join(';'),
    offers: partner.offers.join(';'),
    needs: partner.needs.join(';'),
    description: partner.description,
    website: partner.website ?? '',
    contactEmail: partner.contactEmail ?? '',
    matchingOptOut: String(partner.matchingOptOut),
  };
}
