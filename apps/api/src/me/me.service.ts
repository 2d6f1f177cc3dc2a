import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { PersonRepository, type PersonEntity } from '@app/persistence';
import type { Caller } from '../auth/caller';
import { MeDto, type UpdateMeDto } from './dtos/me.dto';

@Injectable()
export class MeService {
  constructor(private readonly people: PersonRepository) {}

  async get(caller: Caller | undefined): Promise<MeDto> {
    return MeDto.fromPerson(await this.personOf(caller));
  }

  async update(caller: Caller | undefined, body: UpdateMeDto): Promise<MeDto> {
    const person = await this.personOf(caller);
    if (body.language !== undefined) person.language = body.language;
    if (body.wantsDigest !== undefined) person.wantsDigest = body.wantsDigest;
    if (body.wantsFollowUps !== undefined) person.wantsFollowUps = body.wantsFollowUps;
    return MeDto.fromPerson(await this.people.update(person));
  }

  /** A session signed in by e-mail holds its person's id; an API key's id names no person. */
  private async personOf(caller: Caller | undefined): Promise<PersonEntity> {
    const person = caller ? await this.people.findById(caller.id) : null;
    if (!person || !person.active) throw new DomainException('not-found', 'Only a person signed in by an e-mail link has a profile and mail preferences here; API keys have none');
    return person;
  }
}
