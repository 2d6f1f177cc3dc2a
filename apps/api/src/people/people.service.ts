import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { isUniqueViolation, PartnerRepository, PersonRepository, type PersonEntity, type PersonRole } from '@app/persistence';
import { PersonDto } from './dtos/person.dto';
import type { CreatePersonDto, UpdatePersonDto } from './dtos/create-person.dto';

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PersonRepository,
    private readonly partners: PartnerRepository,
  ) {}

  async list(partner?: string): Promise<PersonDto[]> {
    const partnerId = partner === undefined ? undefined : await this.partnerId(partner);
    return (await this.people.list({ partnerId })).map(PersonDto.from);
  }

  async get(id: string): Promise<PersonEntity> {
    const person = await this.people.findById(id);
    if (!person) throw DomainException.notFound('Person', id);
    return person;
  }

  async create(body: CreatePersonDto): Promise<PersonDto> {
    const partnerId = await this.partnerFor(body.role, body.partner);
    return PersonDto.from(
      await this.unique(body.email, () =>
        this.people.create({
          email: body.email,
          name: body.name,
          role: body.role,
          partnerId,
          language: body.language ?? 'nl',
          wantsDigest: body.wantsDigest ?? true,
          wantsFollowUps: body.wantsFollowUps ?? true,
          active: body.active ?? true,
        }),
      ),
    );
  }

  async update(id: string, body: UpdatePersonDto): Promise<PersonDto> {
    const person = await this.get(id);
    const role = body.role ?? person.role;
    // Keeping the role keeps the partner unless another is named; a new role decides anew.
    const partnerId = body.partner !== undefined || body.role !== undefined ? await this.partnerFor(role, body.partner, role === person.role ? person.partnerId : null) : person.partnerId;
    const { partner: _partner, ...fields } = body;
    Object.assign(person, fields, { role, partnerId });
    return PersonDto.from(await this.unique(person.email, () => this.people.update(person)));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.people.delete(id))) throw DomainException.notFound('Person', id, 'id');
  }

  private async partnerFor(role: PersonRole, partner: string | undefined, current: string | null = null): Promise<string | null> {
    if (role !== 'partner') {
      if (partner !== undefined) throw DomainException.validation([{ field: 'partner', message: 'partner is for partner contacts (role partner) only', value: partner }]);
      return null;
    }
    if (partner === undefined) {
      if (current) return current;
      throw DomainException.validation([{ field: 'partner', message: 'a partner contact needs partner (id or slug)' }]);
    }
    return this.partnerId(partner);
  }

  private async partnerId(idOrSlug: string): Promise<string> {
    const partner = await this.partners.findByIdOrSlug(idOrSlug);
    if (!partner) throw DomainException.notFound('Partner', idOrSlug, 'partner');
    return partner.id;
  }

  private async unique<T>(email: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error, 'person_email_unique')) throw error;
      throw new DomainException('conflict', `A person with the e-mail ${email} already exists`, [{ field: 'email', message: 'already in use (case does not count)', value: email }]);
    }
  }
}
