import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CreatePersonDto, UpdatePersonDto } from './dtos/create-person.dto';
import { ListPeopleQueryDto } from './dtos/list-people-query.dto';
import { PersonDto, PersonListDto } from './dtos/person.dto';
import { PeopleService } from './people.service';

/** The people who sign in by e-mail and receive mail; admin only. */
@ApiTags('people')
@Roles('admin')
@Controller('v1/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  /** Everyone, oldest first; `partner` (id or slug) lists one partner's contacts. */
  @Get()
  @ApiOkResponse({ type: PersonListDto })
  @ApiProblems(400, 404)
  async list(@Query() query: ListPeopleQueryDto): Promise<PersonListDto> {
    return { items: await this.people.list(query.partner) };
  }

  /** Adds a person; 409 when the e-mail (in any case) is taken. */
  @Post()
  @ApiCreatedResponse({ type: PersonDto })
  @ApiProblems(400, 404, 409)
  create(@Body() body: CreatePersonDto): Promise<PersonDto> {
    return this.people.create(body);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<PersonDto> {
    return PersonDto.from(await this.people.get(id));
  }

  /** Changes the fields sent; 409 when a new e-mail is taken. */
  @Patch(':id')
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdatePersonDto): Promise<PersonDto> {
    return this.people.update(id, body);
  }

  /** Removes a person: no more sign-in links or mails. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  remove(@Param('id') id: string): Promise<void> {
    return this.people.remove(id);
  }
}
