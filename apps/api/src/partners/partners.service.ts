import { Injectable } from '@nestjs/common';
import { DomainException, type FieldError } from '@app/errors';
import { firstFreeSlug, isUniqueViolation, PartnerRepository, PersonRepository, slugify, type PartnerEntity } from '@app/persistence';
import type { Scope } from '@app/taxonomy';
import { mergeGemeenteFilters } from '../common/gemeente-filter';
import type { CreatePartnerDto } from './dtos/create-partner.dto';
import type { ListPartnersQueryDto } from './dtos/list-partners-query.dto';
import type { UpdatePartnerDto } from './dtos/update-partner.dto';
import { satisfies, type IfMatch } from '../common/if-match';
import { PartnerChangesService } from './partner-changes.service';
import { partnerEtag } from './dtos/partner.dto';

/** Racing creations of one name each take the next free slug; past this many lost races, a 409. */
const MAX_SLUG_ATTEMPTS = 10;

@Injectable()
export class PartnersService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly changes: PartnerChangesService,
    private readonly people: PersonRepository,
  ) {}

  async create(input: CreatePartnerDto): Promise<PartnerEntity> {
    assertScopeFits(input.scope, input.gemeenten ?? []);
    const base = slugify(input.name);
    // Two creations racing for the same slug: the loser picks the next free one (or, unless allowed, is told about the winner).
    for (let attempt = 0; ; attempt++) {
      const taken = await this.partners.slugsStartingWith(base);
      if (taken.has(base) && !input.allowSimilarName) throw await this.similarName(input.name, base);
      const slug = firstFreeSlug(base, taken);
      const partner = this.partners.create(newPartnerFields(input, slug));
      try {
        return await this.changes.transaction(async (tx, recompute) => {
          const saved = await this.partners.save(partner, tx);
          await this.people.addPartnerContacts(firstContacts([saved]), tx);
          await recompute([saved.id], 'created');
          return saved;
        });
      } catch (error) {
        if (!isUniqueViolation(error, 'partner_slug_unique')) throw error;
        if (attempt >= MAX_SLUG_ATTEMPTS) {
          throw new DomainException('conflict', `Too many partners named "${input.name}" are being created at once; try again`);
        }
      }
    }
  }

  /** A silent `…-2` hid that the organisation was most likely entered already. */
  private async similarName(name: string, slug: string): Promise<DomainException> {
    const existing = await this.partners.findByIdOrSlug(slug);
    const who = existing ? `"${existing.name}" (slug "${slug}", id ${existing.id})` : `slug "${slug}"`;
    const message = `a partner named like this already exists: ${who}; send allowSimilarName: true to create another one`;
    return new DomainException('conflict', message, [{ field: 'name', message, value: name }]);
  }

  list(query: ListPartnersQueryDto): Promise<{ items: PartnerEntity[]; total: number }> {
    return this.partners.search({
      sector: query.sector,
      scope: query.scope,
      gemeenten: mergeGemeenteFilters(query.gemeente, query.province),
      opgave: query.opgave,
      leefdomein: query.leefdomein,
      text: query.q?.trim() || undefined,
      limit: query.limit,
      offset: query.offset,
    });
  }

  async get(idOrSlug: string): Promise<PartnerEntity> {
    const partner = await this.partners.findByIdOrSlug(idOrSlug);
    if (!partner) throw DomainException.notFound('Partner', idOrSlug);
    return partner;
  }

  /**
   * Writes the fields sent and nothing else, deciding on the partner as locked in the same
   * transaction: concurrent PATCHes of other fields are all kept, and the scope rule is
   * checked against what is stored, not against what was read a moment before. With an
   * If-Match that names none of the current ETags, a 412 and nothing written.
   */
  async update(idOrSlug: string, changes: UpdatePartnerDto, precondition?: IfMatch): Promise<PartnerEntity> {
    return this.changes.transaction(async (tx, recompute) => {
      const partner = await this.partners.lockByIdOrSlug(idOrSlug, tx);
      if (!partner) throw DomainException.notFound('Partner', idOrSlug);
      if (!satisfies(precondition, partnerEtag(partner))) {
        throw new DomainException('precondition-failed', `Partner "${idOrSlug}" changed since the If-Match ETag was read (it is now ${partnerEtag(partner)}); nothing was written`);
      }
      const fields: Partial<PartnerEntity> = { ...changes };
      if (changes.scope !== undefined || changes.gemeenten !== undefined) {
        const scope = changes.scope ?? partner.scope;
        // Becoming national drops the gemeenten unless new ones are sent (which the rule then refuses).
        const gemeenten = changes.gemeenten ?? (scope === 'national' && changes.scope ? [] : partner.gemeenten);
        assertScopeFits(scope, gemeenten);
        Object.assign(fields, { scope, gemeenten });
      }
      const optingOut = changes.matchingOptOut === true && !partner.matchingOptOut;
      const saved = await this.partners.updateFields(partner.id, fields, tx);
      await recompute([saved.id], optingOut ? 'opted-out' : 'updated');
      return saved;
    });
  }

  async remove(idOrSlug: string): Promise<void> {
    const partner = await this.get(idOrSlug);
    await this.changes.transaction(async (tx, recompute) => {
      await this.partners.delete(partner.id, tx);
      await recompute([partner.id], 'deleted');
    });
  }
}

/** The columns of a new partner: the validated input with every optional field defaulted. */
export function newPartnerFields({ allowSimilarName: _notStored, ...input }: CreatePartnerDto, slug: string): Partial<PartnerEntity> {
  return {
    ...input,
    slug,
    gemeenten: input.gemeenten ?? [],
    leefdomeinen: input.leefdomeinen ?? [],
    opgaven: input.opgaven ?? [],
    kennisbronnen: input.kennisbronnen ?? [],
    verandertheorie: input.verandertheorie ?? [],
    offers: input.offers ?? [],
    needs: input.needs ?? [],
    description: input.description ?? '',
    website: input.website ?? null,
    contactEmail: input.contactEmail ?? null,
    matchingOptOut: input.matchingOptOut ?? false,
  };
}

/** A new partner's contactEmail becomes its first contact person, named after the partner until someone renames it. */
export function firstContacts(partners: readonly Pick<PartnerEntity, 'id' | 'name' | 'contactEmail'>[]): { partnerId: string; email: string; name: string }[] {
  return partners.filter((partner) => partner.contactEmail?.trim()).map((partner) => ({ partnerId: partner.id, email: partner.contactEmail!, name: partner.name }));
}

function assertScopeFits(scope: Scope, gemeenten: string[]): void {
  const errors = scopeErrors(scope, gemeenten);
  if (errors.length > 0) throw DomainException.validation(errors);
}

/** The cross-field rule class-validator cannot express: local and regional partners name gemeenten, national ones none. */
export function scopeErrors(scope: Scope, gemeenten: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (scope !== 'national' && gemeenten.length === 0) {
    errors.push({ field: 'gemeenten', message: `a ${scope} partner needs at least one gemeente`, value: gemeenten });
  }
  if (scope === 'national' && gemeenten.length > 0) {
    errors.push({ field: 'gemeenten', message: 'a national partner works everywhere and lists no gemeenten', value: gemeenten });
  }
  return errors;
}
