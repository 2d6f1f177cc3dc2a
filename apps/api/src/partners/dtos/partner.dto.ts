import type { PartnerEntity } from '@app/persistence';
import type { Scope } from '@app/taxonomy';

/**
 * The partner's strong ETag: its id and the version every update raises, so any change to
 * the stored partner gives a new tag, and a partner re-created under the same slug another.
 */
export function partnerEtag(partner: Pick<PartnerEntity, 'id' | 'version'>): string {
  return `"${partner.id}.${partner.version}"`;
}

export class PartnerDto {
  id: string;
  /** Stable, URL-safe name; usable wherever an id is. */
  slug: string;
  name: string;
  sector: string;
  scope: Scope;
  gemeenten: string[];
  leefdomeinen: string[];
  opgaven: string[];
  kennisbronnen: string[];
  /** Verandertheorie levels: verzachten, versterken, veranderen. */
  verandertheorie: string[];
  offers: string[];
  needs: string[];
  description: string;
  website: string | null;
  /** Private: only for the alliance's team. */
  contactEmail: string | null;
  matchingOptOut: boolean;
  createdAt: Date;
  updatedAt: Date;

  static from(entity: PartnerEntity): PartnerDto {
    return {
      id: entity.id,
      slug: entity.slug,
      name: entity.name,
      sector: entity.sector,
      scope: entity.scope,
      gemeenten: entity.gemeenten,
      leefdomeinen: entity.leefdomeinen,
      opgaven: entity.opgaven,
      kennisbronnen: entity.kennisbronnen,
      verandertheorie: entity.verandertheorie,
      offers: entity.offers,
      needs: entity.needs,
      description: entity.description,
      website: entity.website,
      contactEmail: entity.contactEmail,
      matchingOptOut: entity.matchingOptOut,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

export class PartnerListDto {
  items: PartnerDto[];
  /** Number of partners matching the filters, over all pages. */
  total: number;
  limit: number;
  offset: number;
}
