import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainException, type FieldError } from '@app/errors';

/** Flattens class-validator's tree into one entry per offending field path. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parentPath ? (/^\d+$/.test(error.property) ? `${parentPath}[${error.property}]` : `${parentPath}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message, value: error.value }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

/** Strict input: unknown fields are rejected, one error per field. Shared with the CSV import. */
export const VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true };

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
