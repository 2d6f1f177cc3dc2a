import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainException, type FieldError } from './domain.exception';

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

/** Strict input: unknown fields are rejected, and every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => DomainException.validation(toFieldErrors(errors)),
  });
}
