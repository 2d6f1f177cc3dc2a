import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { PERSON_LANGUAGES, type PersonEntity, type PersonLanguage } from '@app/persistence';
import { IsOmittable } from '../../common/presence.validator';
import { PersonDto } from '../../people/dtos/person.dto';

/** The signed-in person: the same fields an admin sees in /v1/people. */
export class MeDto extends PersonDto {
  static fromPerson(person: PersonEntity): MeDto {
    return PersonDto.from(person);
  }
}

/** What a person may change about itself: the language of its mails and which mails it wants. */
export class UpdateMeDto {
  @ApiProperty({ enum: PERSON_LANGUAGES, required: false })
  @IsOmittable()
  @IsIn(PERSON_LANGUAGES)
  language?: PersonLanguage;

  /** Receives the periodic digest of new suggestions. */
  @IsOmittable()
  @IsBoolean()
  wantsDigest?: boolean;

  /** Receives the follow-up questions after an introduction. */
  @IsOmittable()
  @IsBoolean()
  wantsFollowUps?: boolean;
}
