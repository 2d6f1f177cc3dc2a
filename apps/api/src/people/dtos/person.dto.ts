import { ApiProperty } from '@nestjs/swagger';
import { PERSON_LANGUAGES, PERSON_ROLES, type PersonEntity, type PersonLanguage, type PersonRole } from '@app/persistence';

/** The partner a contact belongs to, by id and slug. */
export class PersonPartnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  slug: string;

  name: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  name: string;

  @ApiProperty({ enum: PERSON_ROLES })
  role: PersonRole;

  /** The partner of a partner contact; null for admin and team. */
  @ApiProperty({ type: PersonPartnerDto, nullable: true })
  partner: PersonPartnerDto | null;

  @ApiProperty({ enum: PERSON_LANGUAGES })
  language: PersonLanguage;

  /** Receives the periodic digest of new suggestions. */
  wantsDigest: boolean;

  /** Receives the follow-up questions after an introduction. */
  wantsFollowUps: boolean;

  /** Inactive people cannot sign in and receive no mail. */
  active: boolean;

  createdAt: Date;

  updatedAt: Date;

  static from(person: PersonEntity): PersonDto {
    const { id, email, name, role, language, wantsDigest, wantsFollowUps, active, createdAt, updatedAt } = person;
    const partner = person.partner ? { id: person.partner.id, slug: person.partner.slug, name: person.partner.name } : null;
    return { id, email, name, role, partner, language, wantsDigest, wantsFollowUps, active, createdAt, updatedAt };
  }
}

export class PersonListDto {
  @ApiProperty({ type: [PersonDto] })
  items: PersonDto[];
}
