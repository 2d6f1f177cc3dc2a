import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { ApiKeyRepository, PartnerRepository } from '@app/persistence';
import { generateApiKey, hashApiKey, keyPrefix } from '../auth/api-key-secret';
import { ApiKeyDto, CreatedApiKeyDto } from './dtos/api-key.dto';
import type { CreateApiKeyDto } from './dtos/create-api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly partners: PartnerRepository,
  ) {}

  async create(request: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const partnerId = await this.partnerOf(request);
    const origins = request.allowedOrigins ?? [];
    if (origins.length && request.role !== 'portal') {
      throw DomainException.validation([{ field: 'allowedOrigins', message: 'allowedOrigins is for portal keys only', value: origins }]);
    }
    const key = generateApiKey();
    const saved = await this.keys.create({ name: request.name, role: request.role, partnerId, allowedOrigins: origins, keyHash: hashApiKey(key), keyPrefix: keyPrefix(key) });
    return { ...ApiKeyDto.from(saved), key };
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list()).map(ApiKeyDto.from);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.keys.delete(id))) throw DomainException.notFound('API key', id, 'id');
  }

  private async partnerOf(request: CreateApiKeyDto): Promise<string | null> {
    const given = givenPartner(request);
    if (request.role !== 'partner') {
      if (given) throw DomainException.validation([{ field: given.field, message: `${given.field} is for partner keys only`, value: given.value }]);
      return null;
    }
    if (!given) throw DomainException.validation([{ field: 'partner', message: 'a partner key needs partner (id or slug)' }]);
    const partner = await this.partners.findByIdOrSlug(given.value);
    if (!partner) throw DomainException.notFound('Partner', given.value, given.field);
    return partner.id;
  }
}

/** `partner`, or its other name `partnerId`, with the field it came in; both only when they agree. */
function givenPartner(request: CreateApiKeyDto): { field: 'partner' | 'partnerId'; value: string } | null {
  if (request.partner !== undefined && request.partnerId !== undefined && request.partner !== request.partnerId) {
    throw DomainException.validation([{ field: 'partnerId', message: 'partner and partnerId name the same partner: send one of the two', value: request.partnerId }]);
  }
  if (request.partner !== undefined) return { field: 'partner', value: request.partner };
  return request.partnerId !== undefined ? { field: 'partnerId', value: request.partnerId } : null;
}
