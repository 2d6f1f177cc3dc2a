import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ConnectionsService } from './connections.service';
import { ConnectionDto, ConnectionListDto } from './dtos/connection.dto';
import { CreateConnectionDto } from './dtos/create-connection.dto';
import { ListConnectionsQueryDto } from './dtos/list-connections-query.dto';
import { Roles } from '../auth/access.decorators';

@ApiTags('connections')
@Controller('v1/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** Records an existing collaboration between two partners; such pairs are never suggested. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiProblems(400, 404, 409)
  async create(@Body() body: CreateConnectionDto): Promise<ConnectionDto> {
    return ConnectionDto.from(await this.connections.create(body));
  }

  /** Lists connections, newest first. */
  @Get()
  @Roles('team')
  @ApiOkResponse({ type: ConnectionListDto })
  @ApiProblems(400, 404)
  async list(@Query() query: ListConnectionsQueryDto): Promise<ConnectionListDto> {
    const { items, total } = await this.connections.list(query);
    return { items: items.map(ConnectionDto.from), total, limit: query.limit, offset: query.offset };
  }

  /** Removes a recorded collaboration by its id. */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404)
  async remove(@Param('id') id: string): Promise<void> {
    await this.connections.remove(id);
  }
}
