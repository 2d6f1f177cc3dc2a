import { IsOmittable } from '../../common/presence.validator';
import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PERSON_LANGUAGES, PERSON_ROLES, type PersonLanguage, type PersonRole } from '@app/persistence';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePersonDto {
  /** Where sign-in links and mails go; unique without regard to case. */
  @Transform(trimmed)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name: string;

  /** `admin` and `team` sign in to the console's team pages; `partner` is a contact of one partner. */
  @IsIn(PERSON_ROLES)
  role: PersonRole;

  /** Required for (and only for) a partner contact: id or slug of its partner. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  partner?: string;

  /** The language of the person's mails; `nl` when left out. */
  @IsOmittable()
  @IsIn(PERSON_LANGUAGES)
  language?: PersonLanguage;

  /** Receives the periodic digest of new suggestions; `true` when left out. */
  @IsOmittable()
  @IsBoolean()
  wantsDigest?: boolean;

  /** Receives the follow-up questions after an introduction; `true` when left out. */
  @IsOmittable()
  @IsBoolean()
  wantsFollowUps?: boolean;

  /** `true` when left out; inactive people cannot sign in and receive no mail. */
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

/** Any of the fields of a person; `partner` only together with (or for) the role partner. */
export class UpdatePersonDto extends PartialType(CreatePersonDto) {}
