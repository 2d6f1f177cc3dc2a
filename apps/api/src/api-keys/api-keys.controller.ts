import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListDto, CreatedApiKeyDto } from './dtos/api-key.dto';
import { CreateApiKeyDto } from './dtos/create-api-key.dto';

/** Keys and their roles; admin only. */
@ApiTags('api keys')
@Roles('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Creates a key. The answer holds the key itself, this once; store it where its user keeps secrets. */
  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 404)
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(body);
  }

  /** Every stored key, oldest first (the bootstrap key from ADMIN_API_KEY is not stored and not listed). */
  @Get()
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblems()
  async list(): Promise<ApiKeyListDto> {
    return { items: await this.apiKeys.list() };
  }

  /** Deletes a key: requests with it are refused (401) from now on. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  remove(@Param('id') id: string): Promise<void> {
    return this.apiKeys.remove(id);
  }
}
