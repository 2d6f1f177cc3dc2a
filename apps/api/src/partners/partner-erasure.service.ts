import { Injectable } from '@nestjs/common';
import { ErasureRepository } from '@app/persistence';
import { PartnerChangesService } from './partner-changes.service';
import { PartnersService } from './partners.service';

@Injectable()
export class PartnerErasureService {
  constructor(
    private readonly partners: PartnersService,
    private readonly erasure: ErasureRepository,
    private readonly changes: PartnerChangesService,
  ) {}

  /** Removes the partner and anonymises its mentions; the lists it was in are repaired. */
  async erase(idOrSlug: string): Promise<void> {
    const partner = await this.partners.get(idOrSlug);
    await this.changes.transaction(async (tx, recompute) => {
      await this.erasure.erase(partner.id, [partner.name, partner.slug, partner.contactEmail ?? ''], tx);
      await recompute([partner.id], 'deleted');
    });
  }
}
