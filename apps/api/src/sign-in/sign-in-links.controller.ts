import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { RequestSignInLinkDto, SignInLinkRequestedDto } from './dtos/sign-in-link.dto';
import { SIGN_IN_LINK_ANSWER, SignInLinksService } from './sign-in-links.service';

@ApiTags('auth')
@Public()
@Controller('v1/auth/sign-in-link')
export class SignInLinksController {
  constructor(private readonly links: SignInLinksService) {}

  /**
   * Mails a sign-in link to a registered, active person. Always 202 with the same body, also
   * for unknown and malformed addresses and past the limits (3 links per address and 20 requests per client
   * in 15 minutes), so the answer tells nobody who has an account. The link opens
   * `/console/sign-in/link?token=…`, whose button posts the token to `POST /v1/auth/session`.
   */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: SignInLinkRequestedDto })
  @ApiProblems(400)
  async request(@Body() body: RequestSignInLinkDto, @Req() request: Request): Promise<SignInLinkRequestedDto> {
    await this.links.request(body.email, request.ip ?? 'unknown');
    return { message: SIGN_IN_LINK_ANSWER };
  }
}
