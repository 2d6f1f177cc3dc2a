import { applyDecorators, Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { OUTCOME_LABELS, type OutcomeAnswer } from '@app/mail';
import type { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CollaborationReportDto, MailLinkQueryDto } from './dtos/mail-link.dto';
import { refuseLink } from './mail-link-answer';
import { MailAnswersService } from './mail-answers.service';
import { invalidLinkPage, renderPage } from './mail-pages';

const HTML = 'text/html; charset=utf-8';
const form = (path: string, token: unknown) => `${path}?token=${encodeURIComponent(String(token))}`;
/** The confirmation after a one-click answer was stored, in the reader's language. */
const recordedPage = (language: string, detail: string): string =>
  language === 'en' ? renderPage('en', 'Thank you', [`Recorded: ${detail}.`]) : renderPage('nl', 'Dank u wel', [`Vastgelegd: ${detail}.`]);

/** A GET page a mail link opens: HTML that changes nothing. */
const LinkPage = (description: string) => applyDecorators(Header('content-type', HTML), ApiProduces('text/html'), ApiOkResponse({ description }), ApiProblems(400));

/**
 * The form a link page posts: records the answer and answers HTML. `@HttpCode(200)` stays on each
 * method: the swagger plugin reads it there, and would document a 201 otherwise.
 */
const LinkAnswer = (description: string) =>
  applyDecorators(Header('content-type', HTML), ApiConsumes('application/x-www-form-urlencoded'), ApiProduces('text/html'), ApiOkResponse({ description }), ApiProblems(400));

const ANSWERED = 'An HTML confirmation, or the page saying the link does not work (nothing changed)';

/**
 * The pages the one-click links of digests and follow-ups open. The GET page changes
 * nothing and shows one button (mail scanners open links, they do not submit forms); the
 * button posts the form, which records the answer and shows a confirmation. A tampered,
 * expired or foreign token changes nothing and says so.
 */
@ApiTags('mail')
@Public()
@Controller('v1/mail')
export class MailAnswersController {
  constructor(private readonly answers: MailAnswersService) {}

  /** The page of an Interessant / Niet voor ons link in a digest. */
  @Get('feedback')
  @LinkPage('An HTML page with one confirm button')
  async feedbackPage(@Query() { token }: MailLinkQueryDto): Promise<string> {
    const read = await this.answers.read(token, 'feedback');
    if (!read) return invalidLinkPage();
    const interested = read.action.verdict === 'interested';
    return read.person.language === 'en'
      ? renderPage('en', interested ? 'Interesting' : 'Not for us', ['Tell the project team with one click.'], { action: form('/v1/mail/feedback', token), button: interested ? 'Yes, interesting' : 'Not for us', hidden: {} })
      : renderPage('nl', interested ? 'Interessant' : 'Niet voor ons', ['Laat het het projectteam met één klik weten.'], { action: form('/v1/mail/feedback', token), button: interested ? 'Ja, interessant' : 'Niet voor ons', hidden: {} });
  }

  /** Records the digest answer as the partner's feedback. */
  @Post('feedback')
  @HttpCode(HttpStatus.OK)
  @LinkAnswer(ANSWERED)
  async giveFeedback(@Query() { token }: MailLinkQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const result = await this.answers.giveFeedback(token);
    if (!result.ok) return refuseLink(request, response);
    return recordedPage(result.person.language, result.detail);
  }

  /** The page of an answer link in the first follow-up. */
  @Get('outcome')
  @LinkPage('An HTML page with one confirm button')
  async outcomePage(@Query() { token }: MailLinkQueryDto): Promise<string> {
    const read = await this.answers.read(token, 'outcome');
    const label = read ? OUTCOME_LABELS[read.action.answer as OutcomeAnswer] : undefined;
    if (!read || !label) return invalidLinkPage();
    const language = read.person.language;
    return renderPage(language, label[language], [language === 'en' ? 'Confirm your answer with one click.' : 'Bevestig uw antwoord met één klik.'], {
      action: form('/v1/mail/outcome', token),
      button: language === 'en' ? 'Confirm' : 'Bevestigen',
      hidden: {},
    });
  }

  /** Records the answer: "we work together" makes the pair collaborate (and a connection), "not going ahead" declines it. */
  @Post('outcome')
  @HttpCode(HttpStatus.OK)
  @LinkAnswer(ANSWERED)
  async answerOutcome(@Query() { token }: MailLinkQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const result = await this.answers.answerOutcome(token);
    if (!result.ok) return refuseLink(request, response);
    return recordedPage(result.person.language, result.detail);
  }

  /** The long follow-up's form: free text and, optionally, the children or families reached. */
  @Get('report')
  @LinkPage('An HTML form')
  async reportPage(@Query() { token }: MailLinkQueryDto): Promise<string> {
    const read = await this.answers.read(token, 'report');
    if (!read) return invalidLinkPage();
    const en = read.person.language === 'en';
    return renderPage(read.person.language, en ? 'What came of it?' : 'Wat heeft het opgeleverd?', [], {
      action: form('/v1/mail/report', token),
      button: en ? 'Send' : 'Versturen',
      hidden: {},
      fields: [
        { name: 'text', label: en ? 'In a few sentences' : 'In een paar zinnen', multiline: true, required: true },
        { name: 'reached', label: en ? 'Children or families reached (optional)' : 'Bereikte kinderen of gezinnen (niet verplicht)' },
      ],
    });
  }

  /** Stores what came of a collaboration (the long follow-up's form), for the pair the link names. */
  @Post('report')
  @HttpCode(HttpStatus.OK)
  @LinkAnswer('An HTML confirmation, a page naming what is missing, or the page saying the link does not work')
  async report(@Query() { token }: MailLinkQueryDto, @Body() body: CollaborationReportDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const text = body.text.trim();
    const reached = body.reached?.trim() ? Number(body.reached.trim()) : null;
    const result = await this.answers.report(token, text, reached);
    if (!result.ok) return refuseLink(request, response);
    const en = result.person.language === 'en';
    return renderPage(result.person.language, en ? 'Thank you' : 'Dank u wel', [en ? 'The project team has your answer.' : 'Het projectteam heeft uw antwoord.']);
  }
}
