import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '../../common/language';

/** An empty form field means "not given". */
const emptyAsMissing = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export class EmbedDemoQueryDto {
  /** The partner whose suggestions the demo shows (slug). */
  @IsOptional()
  @Transform(emptyAsMissing)
  @IsString()
  @MaxLength(200)
  @Matches(/^[a-z0-9-]+$/, { message: 'partner must be a slug: lower-case letters, digits and hyphens' })
  partner?: string;

  /** A portal API key whose allowed origins include this server. */
  @IsOptional()
  @Transform(emptyAsMissing)
  @IsString()
  @MaxLength(200)
  key?: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl' })
  lang: Language = 'nl';
}
