import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf, type ValidationArguments } from 'class-validator';

const presenceMessage = ({ property, value }: ValidationArguments) => (value === null ? `${property} must not be null` : `${property} is required`);

/**
 * A required field: left out is "is required", null is "must not be null". IsDefined runs
 * before the field's other rules (class-validator checks it first), so with stopAtFirstError
 * this is the one message a missing field gets.
 */
export function IsRequired(): PropertyDecorator {
  return IsDefined({ message: presenceMessage });
}

/**
 * May be left out, but not sent as null. IsOptional would take null for "left out" and let
 * it through to a column that cannot hold it (a 500 on PATCH, a silent default on create);
 * fields that can be null say so in their type and keep IsOptional.
 */
export function IsOmittable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: presenceMessage }),
  );
}
