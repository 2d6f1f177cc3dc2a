import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MeDto, UpdateMeDto } from './dtos/me.dto';
import { MeService } from './me.service';

/** The signed-in person's own record: its mail preferences and the language of its mails. */
@ApiTags('people')
@Roles('team', 'partner')
@Controller('v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** The person of the session (signed in by e-mail); 404 for an API key, which is no person. */
  @Get()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(404)
  get(@CurrentCaller() caller?: Caller): Promise<MeDto> {
    return this.me.get(caller);
  }

  /** Changes the person's mail preferences and language; other fields are the admins'. */
  @Patch()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 404)
  update(@Body() body: UpdateMeDto, @CurrentCaller() caller?: Caller): Promise<MeDto> {
    return this.me.update(caller, body);
  }
}
