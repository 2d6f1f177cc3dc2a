import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';

/**
 * A taxonomy code (or, for arrays, only taxonomy codes). The message names the
 * unknown values themselves, not the whole list of allowed ones.
 */
export function IsCode(allowed: readonly string[], shape: { array?: boolean; optional?: boolean } = {}): PropertyDecorator {
  const known = new Set(allowed);
  // A list where one code is expected is itself the unknown value: ["gemeente"] is no sector.
  const unknownIn = (value: unknown): unknown[] =>
    (shape.array && Array.isArray(value) ? value : [value]).filter((item) => typeof item !== 'string' || !known.has(item));
  const validate = ValidateBy({
    name: 'isCode',
    validator: {
      validate: (value) => unknownIn(value).length === 0,
      // Presence and type first, in the words the other rules use: an empty list of unknown codes says nothing.
      defaultMessage: (args) => {
        const property = args?.property;
        const unknown = unknownIn(args?.value);
        if (args?.value === undefined) return `${property} is required`;
        if (args.value === '') return `${property} must not be empty: a code, see /v1/taxonomy`;
        if (!shape.array && typeof args.value !== 'string') return `${property} must be a string: a code, see /v1/taxonomy`;
        if (unknown.some((item) => typeof item !== 'string')) return `each value in ${property} must be a string: a code, see /v1/taxonomy`;
        const codes = unknown.map((item) => JSON.stringify(item));
        return `${property} has ${codes.length > 1 ? 'unknown codes' : 'an unknown code'}: ${codes.join(', ')}; see /v1/taxonomy`;
      },
    },
  });
  const documented = ApiProperty({ enum: [...allowed], isArray: shape.array ?? false, required: !shape.optional });
  return applyDecorators(validate, documented);
}
