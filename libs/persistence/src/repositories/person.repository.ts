import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { PersonEntity } from '../entities/person.entity';

export type NewPerson = Pick<PersonEntity, 'email' | 'name' | 'role' | 'partnerId' | 'language' | 'wantsDigest' | 'wantsFollowUps' | 'active'>;

/** People who sign in by e-mail and receive mail; the e-mail is matched without regard to case. */
@Injectable()
export class PersonRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { partnerId?: string } = {}): Promise<PersonEntity[]> {
    return this.dataSource.manager.find(PersonEntity, {
      where: filter.partnerId ? { partnerId: filter.partnerId } : {},
      relations: { partner: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity | null> {
    return isUUID(id) ? manager.findOne(PersonEntity, { where: { id }, relations: { partner: true } }) : null;
  }

  async findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity | null> {
    return manager
      .createQueryBuilder(PersonEntity, 'person')
      .leftJoinAndSelect('person.partner', 'partner')
      .where('lower(person.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  /** The active contacts of a partner, oldest first. */
  contactsOf(partnerId: string, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity[]> {
    return manager.find(PersonEntity, { where: { partnerId, active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(person: NewPerson, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity> {
    const saved = await manager.save(PersonEntity, manager.create(PersonEntity, person));
    return (await this.findById(saved.id, manager))!;
  }

  async update(person: PersonEntity, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity> {
    const { partner: _partner, ...columns } = person;
    await manager.update(PersonEntity, { id: person.id }, { ...columns, updatedAt: new Date() });
    return (await this.findById(person.id, manager))!;
  }

  async delete(id: string): Promise<boolean> {
    if (!isUUID(id)) return false;
    const result = await this.dataSource.manager.delete(PersonEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Makes the e-mail a contact of these partners, in the caller's transaction; an address that
   * already belongs to a person is left as it is (a person is a contact of one partner).
   */
  async addPartnerContacts(contacts: readonly { partnerId: string; email: string; name: string }[], tx: EntityManager): Promise<void> {
    if (contacts.length === 0) return;
    await tx.query(
      `INSERT INTO person (email, name, role, partner_id)
       SELECT btrim(email), name, 'partner', partner_id FROM unnest($1::text[], $2::text[], $3::uuid[]) AS c(email, name, partner_id)
       ON CONFLICT ((lower(email))) DO NOTHING`,
      [contacts.map((c) => c.email), contacts.map((c) => c.name), contacts.map((c) => c.partnerId)],
    );
  }
}
