import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
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

  /** Who decides (a name or e-mail of a team member); recorded in the history. */
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

export class BulkUpdateMatchesDto extends UpdateMatchDto {
  /** The matches to decide on; all change or none does. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}
