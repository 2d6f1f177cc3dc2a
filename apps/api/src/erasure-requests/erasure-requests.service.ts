import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { ErasureRequestRepository } from '@app/persistence';
import type { Caller } from '../auth/caller';
import { PartnersService } from '../partners/partners.service';
import { ErasureRequestDto, type RequestErasureDto } from './dtos/erasure-request.dto';

/**
 * Erasure on request: a partner asks from its own pages, an admin confirms by erasing it
 * (`DELETE /v1/partners/{idOrSlug}?erase=true`) or declines by removing the request.
 */
@Injectable()
export class ErasureRequestsService {
  constructor(
    private readonly partners: PartnersService,
    private readonly requests: ErasureRequestRepository,
  ) {}

  async request(idOrSlug: string, body: RequestErasureDto, caller: Caller | undefined): Promise<ErasureRequestDto> {
    const partner = await this.partners.get(idOrSlug);
    return ErasureRequestDto.from(await this.requests.upsert(partner.id, caller?.name ?? 'admin', body.reason || null));
  }

  async get(idOrSlug: string): Promise<ErasureRequestDto> {
    const partner = await this.partners.get(idOrSlug);
    const found = await this.requests.find(partner.id);
    if (!found) throw new DomainException('not-found', `"${partner.slug}" has not asked to be erased`);
    return ErasureRequestDto.from(found);
  }

  async list(): Promise<ErasureRequestDto[]> {
    return (await this.requests.list()).map(ErasureRequestDto.from);
  }

  async decline(idOrSlug: string): Promise<void> {
    const partner = await this.partners.get(idOrSlug);
    if (!(await this.requests.delete(partner.id))) throw new DomainException('not-found', `"${partner.slug}" has not asked to be erased`);
  }
}
