import type { PartnerEntity } from '@app/persistence';

/** A partner as other answers name it. */
export class PartnerRefDto {
  id: string;
  slug: string;
  name: string;
  sector: string;

  static from(partner: PartnerEntity): PartnerRefDto {
    return { id: partner.id, slug: partner.slug, name: partner.name, sector: partner.sector };
  }
}
