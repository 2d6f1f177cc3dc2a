import { IsOmittable } from '../../common/presence.validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The query of a link in a mail. Optional in form only: without a valid token nothing happens (400). */
export class MailLinkQueryDto {
  /** The signed token of the link in the mail. */
  @ApiPropertyOptional({ example: 'eyJwdXJwb3NlIjoidW5zdWJzY3JpYmUifQ.c2lnbmF0dXJl' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'token must be the token of a link in one of our mails' })
  token?: string;
}

/** The long follow-up's form, as a browser posts it (every field a string). */
export class CollaborationReportDto {
  /** What came of the collaboration, in a few sentences. */
  @ApiProperty({ example: 'Elke week ontbijt op twee scholen' })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(4000)
  text: string;

  /** Children or families reached: a whole number, or empty when unknown. */
  @ApiPropertyOptional({ example: '120' })
  @IsOmittable()
  @IsString()
  @Matches(/^\s*\d{0,8}\s*$/, { message: 'reached must be a whole number (or left empty)' })
  reached?: string;
}
