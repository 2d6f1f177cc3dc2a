import { Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MailLinkQueryDto } from './dtos/mail-link.dto';
import { refuseLink } from './mail-link-answer';
import { invalidLinkPage, renderPage } from './mail-pages';
import { MailLinksService } from './mail-links.service';

const HTML = 'text/html; charset=utf-8';

/** Where the unsubscribe links and headers of partner mails lead; no sign-in, the signed token is the permission. */
@ApiTags('mail')
@Public()
@Controller('v1/mail/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly links: MailLinksService) {}

  /** The page the unsubscribe link opens: one button that posts to the same address. Changes nothing by itself. */
  @Get()
  @Header('content-type', HTML)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page with an unsubscribe button, or one saying the link does not work' })
  @ApiProblems(400)
  async page(@Query() { token }: MailLinkQueryDto): Promise<string> {
    const person = await this.links.personOf(token, 'unsubscribe');
    if (!person) return invalidLinkPage();
    const action = `/v1/mail/unsubscribe?token=${encodeURIComponent(String(token))}`;
    return person.language === 'en'
      ? renderPage('en', 'Unsubscribe', [`Stop the digests and follow-up questions to ${person.email}?`], { action, button: 'Unsubscribe', hidden: { 'List-Unsubscribe': 'One-Click' } })
      : renderPage('nl', 'Afmelden', [`Geen overzichten en vervolgvragen meer naar ${person.email}?`], { action, button: 'Afmelden', hidden: { 'List-Unsubscribe': 'One-Click' } });
  }

  /**
   * One-click unsubscribe (RFC 8058): mail clients post `List-Unsubscribe=One-Click` here
   * from the `List-Unsubscribe` header; the page's button does the same. Answers an HTML
   * confirmation; 400 for a missing, changed or expired token (which changes nothing).
   */
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML confirmation (or the page saying the link does not work; then nothing changed)' })
  @ApiProblems(400)
  async unsubscribe(@Query() { token }: MailLinkQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const result = await this.links.unsubscribe(token);
    if (!result.ok) return refuseLink(request, response);
    response.type(HTML);
    return result.person.language === 'en'
      ? renderPage('en', 'Unsubscribed', [`${result.person.email} receives no more digests or follow-up questions. Admins can turn them on again.`])
      : renderPage('nl', 'Afgemeld', [`${result.person.email} ontvangt geen overzichten en vervolgvragen meer. De beheerders kunnen ze weer aanzetten.`]);
  }
}
