import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';

/** Plain decimal digits, as a person writes a page number: no sign, exponent, fraction or hex. */
const DIGITS = /^\d{1,16}$/;

/**
 * An integer query parameter. Number() would read `1e20`, `0x10` and `1e3` as integers and
 * pass them to PostgreSQL (`bigint out of range`, a 500), so only digits are converted;
 * anything else stays a string and fails IsInt, naming the parameter. Bound it with Min/Max.
 */
export function IsIntegerQuery(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value)),
    IsInt({ message: '$property must be an integer written in digits' }),
  );
}
