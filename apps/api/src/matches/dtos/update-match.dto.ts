import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MATCH_STATUSES, type MatchStatus } from '@app/persistence';
import { IsOmittable } from '../../common/presence.validator';

export class UpdateMatchDto {
  @ApiProperty({ enum: MATCH_STATUSES, description: 'The new status; see the workflow in the route description' })
  @IsIn(MATCH_STATUSES)
  status: MatchStatus;

  /** Why; kept with the match and in its history. */
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  note?: string;

  /**
   * No longer accepted: the history records the caller (the key's name, also through a
   * console session). Kept, hidden, so that an old client hears why instead of a bare
   * "should not exist".
   */
  @ApiHideProperty()
  @IsOptional()
  @Equals(undefined, { message: 'actor is taken from your sign-in (the name of your API key); leave it out' })
  actor?: never;
}

export class BulkUpdateMatchesDto extends UpdateMatchDto {
  /** The matches to decide on; all change or none does. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}
