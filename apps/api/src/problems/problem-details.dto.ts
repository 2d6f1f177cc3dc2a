import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The offending field as a path, e.g. `opgaven` or `gemeenten[2]`. */
  @ApiProperty({ example: 'sector' })
  field: string;

  @ApiProperty({ example: 'sector has an unknown code: "bakkerij"' })
  message: string;

  /** The value that was rejected, when there was one: whatever JSON the caller sent. */
  // Without anyOf the plugin documents `unknown` as an object, which the example is not.
  @ApiPropertyOptional({
    example: 'bakkerij',
    anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object' }],
  })
  value?: unknown;
}

/** Every error answer, as RFC 9457 problem details (`application/problem+json`). */
export class ProblemDetailsDto {
  @ApiProperty({ example: '/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'sector has an unknown code: "bakkerij"' })
  detail: string;

  @ApiProperty({ example: '/v1/partners' })
  instance: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
