import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';
import { renderDemoPage } from './demo-page';
import { EmbedDemoQueryDto } from './dtos/embed-demo-query.dto';
import { sendCached } from './http-cache';

/**
 * The file sits beside the compiled code in both trees: the source tree under ts-jest and
 * dist/ after `nest build`, which copies it (nest-cli.json assets). Read at start-up, so a
 * build that lost it fails at once instead of on the first portal page.
 */
const WIDGET_SCRIPT = readFileSync(join(__dirname, 'assets', 'partner-suggestions.js'), 'utf8');

/** Not versioned by URL, so browsers keep it briefly and then revalidate by ETag. */
const WIDGET_CACHE_CONTROL = 'public, max-age=300';

/** The widget's static file and its demo page: not part of the JSON API, so not in OpenAPI. */
@ApiExcludeController()
@Public()
@Controller('embed')
export class EmbedWidgetController {
  @Get('widget.js')
  widget(@Req() request: Request, @Res() response: Response): void {
    // Partner websites load the file from another origin; helmet's same-origin CORP would block that.
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    sendCached(request, response, WIDGET_SCRIPT, 'text/javascript; charset=utf-8', WIDGET_CACHE_CONTROL);
  }

  @Get('demo')
  demo(@Query() query: EmbedDemoQueryDto, @Req() request: Request, @Res() response: Response): void {
    const origin = `${request.protocol}://${request.get('host') ?? '127.0.0.1'}`;
    // The page holds the key it was given, so no cache keeps it.
    response.setHeader('Cache-Control', 'no-store');
    response.type('text/html; charset=utf-8').send(renderDemoPage({ origin, partner: query.partner, key: query.key, lang: query.lang }));
  }
}
