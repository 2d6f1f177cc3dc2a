import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import { DomainException, type FieldError } from '@app/errors';

/**
 * Which failed rule a field reports: the value's presence first, then its type, then
 * everything else (range, length, format, codes). class-validator runs a field's rules in
 * reverse decorator order, so with stopAtFirstError `limit=abc` said "must not be greater
 * than 500"; all rules run and this table picks the one message that says what is wrong.
 */
const CONSTRAINT_PRIORITY: Record<string, number> = {
  isDefined: 0,
  whitelistValidation: 0,
  isString: 1,
  isInt: 1,
  isNumber: 1,
  isBoolean: 1,
  isArray: 1,
  isObject: 1,
  nestedValidation: 1,
};
const OTHER_CONSTRAINTS = 2;

/** Rules that only a string can pass: for anything else the type is what is wrong ("must be a URL address" for 42 is not). */
const STRING_RULES = new Set(['isUrl', 'isEmail', 'isUuid', 'matches', 'isLength', 'minLength', 'maxLength', 'isNotEmpty']);

/** The one message of a field: lowest priority class; within a class the rule written first (the last class-validator ran). */
function firstFailure(error: ValidationError): string | undefined {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return undefined;
  const { property, value } = error;
  // Left out, whatever the field's other rules say: a DTO need not mark every required field.
  if (value === undefined && !constraints.some(([name]) => name === 'whitelistValidation')) return constraints.find(([name]) => name === 'isDefined')?.[1] ?? `${property} is required`;
  const entries = constraints.map(([name, message], index) => ({ name, rank: CONSTRAINT_PRIORITY[name] ?? OTHER_CONSTRAINTS, index, message }));
  entries.sort((a, b) => a.rank - b.rank || b.index - a.index);
  const [first] = entries;
  if (first.name === 'nestedValidation') return `${property} must be an object`;
  // `each` rules on a list are about its items; on anything else a string rule failing a non-string is a type error.
  const aboutItems = Array.isArray(value) && first.message.startsWith('each ');
  if (first.rank === OTHER_CONSTRAINTS && typeof value !== 'string' && value !== null && !aboutItems && STRING_RULES.has(first.name)) return `${property} must be a string`;
  return first.message;
}

/** Flattens class-validator's tree into one entry per offending field path. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parentPath ? (/^\d+$/.test(error.property) ? `${parentPath}[${error.property}]` : `${parentPath}.${error.property}`) : error.property;
    const message = firstFailure(error);
    // A field of the wrong type reports that, not what its children would say about it.
    if (message !== undefined) return [{ field: path, message, value: error.value }];
    return toFieldErrors(error.children ?? [], path);
  });
}

/**
 * Strict input: unknown fields are rejected. Every rule runs (no stopAtFirstError: it
 * keeps whichever rule ran first, not the one that explains) and toFieldErrors reports
 * one error per field. Shared with the CSV import.
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false };

/** Deeper than any DTO: class-transformer recurses once per level, and 10,000 levels overflow the stack (a 500). */
const MAX_INPUT_DEPTH = 32;

/**
 * What no DTO describes but every input must avoid: a NUL character, which PostgreSQL text
 * cannot hold (the query fails: a 500), and nesting deeper than MAX_INPUT_DEPTH. The first
 * offence only; `root` names the parameter, or `body`.
 */
export function unsafeInputErrors(value: unknown, root: string, path = '', depth = 0): FieldError[] {
  const field = path || root;
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field, message: `${field} contains a NUL character (\\u0000)` }] : [];
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_INPUT_DEPTH) return [{ field: root, message: `${root} is nested deeper than ${MAX_INPUT_DEPTH} levels` }];
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = Array.isArray(value) ? `${field}[${key}]` : path ? `${path}.${key}` : key;
    const errors = unsafeInputErrors(entry, root, entryPath, depth + 1);
    if (errors.length > 0) return errors;
  }
  return [];
}

/** The validation pipe, after the checks of unsafeInputErrors on every parameter, query and body. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const errors = unsafeInputErrors(value, metadata.data ?? (metadata.type === 'body' ? 'body' : metadata.type));
    if (errors.length > 0) throw DomainException.validation(errors);
    return super.transform(value, metadata);
  }
}

/** Strict input: unknown fields are rejected, and every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => DomainException.validation(toFieldErrors(errors)),
  });
}

/**
 * What the validation pipe does to a body, for a route whose body DTO depends on another
 * parameter (the pipe validates each parameter on its own): the DTO instance, or a 400.
 */
export async function validatedAs<T extends object>(dto: ClassConstructor<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainException.validation([{ field: 'body', message: 'body must be an object' }]);
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw DomainException.validation(toFieldErrors(errors));
  return instance;
}
