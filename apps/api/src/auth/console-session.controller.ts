import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException } from '@app/errors';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { Public } from './access.decorators';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ConsoleSessionsService } from './console-sessions.service';
import { SessionDto } from './dtos/session.dto';
import { SignInDto } from './dtos/sign-in.dto';
import { SignInOriginGuard } from './sign-in-origin.guard';
import { SignInLinksService } from '../sign-in/sign-in-links.service';

const ProblemResponse = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } } });

/** The team console's sign-in: a key exchanged for a session cookie (`pm_session`, HttpOnly, SameSite=Lax). */
@ApiTags('auth')
@Public()
@Controller('v1/auth/session')
export class ConsoleSessionController {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly sessions: ConsoleSessionsService,
    private readonly links: SignInLinksService,
  ) {}

  /**
   * Signs in with a team or admin key, or with the token of an e-mail sign-in link (then as
   * that person: admin, team, or a partner contact bound to its partner): answers the session and sets the `pm_session` cookie
   * (HttpOnly, SameSite=Lax, Secure over https). Requests with the cookie that change
   * something must send `X-Partnermatch-Console: 1` and come from this site (Origin), or get
   * 403 `/problems/csrf-rejected`.
   */
  @Post()
  @UseGuards(SignInOriginGuard)
  @ApiCreatedResponse({ type: SessionDto, headers: { 'Set-Cookie': { description: 'pm_session=…; Path=/; HttpOnly; SameSite=Lax', schema: { type: 'string' } } } })
  @ApiProblems(400)
  @ProblemResponse(401, 'The key is not valid (unknown or deleted), or the sign-in link was used, expired or unknown (`/problems/sign-in-link-invalid`)')
  @ProblemResponse(403, 'A partner or portal key, which cannot sign in to the console; or a request from another site')
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    if (body.token !== undefined) {
      if (body.key !== undefined) throw DomainException.validation([{ field: 'token', message: 'send either key or token, not both' }]);
      return this.sessions.startForPerson(await this.links.use(body.token), request, response);
    }
    const caller = await this.authenticator.callerWith(body.key!);
    if (!caller) throw this.authenticator.invalidKey();
    return this.sessions.start(caller, request, response);
  }

  /** The signed-in user of the session cookie. */
  @Get()
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems()
  @ProblemResponse(401, 'No session cookie, or its session has ended')
  current(@Req() request: Request): Promise<SessionDto> {
    return this.sessions.current(request);
  }

  /** Signs out: the session ends server-side and the cookie is cleared. */
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  @ApiProblems()
  @ProblemResponse(403, 'The cookie came without the console header or from another site')
  end(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    return this.sessions.end(request, response);
  }
}
