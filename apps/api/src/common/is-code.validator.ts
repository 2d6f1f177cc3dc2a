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
      defaultMessage: (args) => {
        const unknown = unknownIn(args?.value).map((item) => JSON.stringify(item));
        return `${args?.property} has ${unknown.length > 1 ? 'unknown codes' : 'an unknown code'}: ${unknown.join(', ')}; see /v1/taxonomy`;
      },
    },
  });
  const documented = ApiProperty({ enum: [...allowed], isArray: shape.array ?? false, required: !shape.optional });
  return applyDecorators(validate, documented);
}
