import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import type { Request, Response } from 'express';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Public } from '../auth/access.decorators';

export const CONSOLE_PATH = '/console/';
/** Vite puts the content-hashed files here: a new build gives new names, so they can be kept for good. */
const HASHED_ASSETS = 'assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The team console's single-page app, as vite built it: its files under /console/, and for
 * any other path below /console/ its index.html, so a deep link (/console/pairs/<id>) opens
 * the app, whose router shows the page. Not in OpenAPI. Read from disk per request, so a
 * console built while the API runs is served without a restart.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleStaticController {
  private readonly root: string;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    this.root = resolve(config.consoleDir);
  }

  @Get()
  home(@Res() response: Response): void {
    response.redirect(302, CONSOLE_PATH);
  }

  @Get(['console', 'console/*path'])
  async serve(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (request.path === '/console') return response.redirect(302, CONSOLE_PATH + query(request));
    const index = join(this.root, 'index.html');
    if (!(await isFile(index))) {
      throw new DomainException('service-unavailable', 'the console is not built: run npm run build');
    }
    const relative = decoded(request.path.slice(CONSOLE_PATH.length));
    const file = relative === null ? null : resolve(this.root, relative);
    if (relative && file && servable(this.root, file) && (await isFile(file))) {
      response.setHeader('Cache-Control', relative.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache');
      return send(response, file);
    }
    // A missing script or stylesheet is a 404, not the page: the browser would run HTML as code.
    if (relative?.startsWith(HASHED_ASSETS)) throw DomainException.notFound('Console file', request.path);
    response.setHeader('Cache-Control', 'no-cache');
    send(response, index);
  }
}

/** Inside the console's directory, and no dot-file or dot-directory (.vite/manifest.json). */
function servable(root: string, file: string): boolean {
  return file.startsWith(root + sep) && !file.slice(root.length + 1).split(sep).some((part) => part.startsWith('.'));
}

function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** A file that vanished between the check and the read (a rebuild) answers 503 rather than an HTML error page. */
function send(response: Response, file: string): void {
  response.sendFile(file, { cacheControl: false, dotfiles: 'allow' }, (error?: Error) => {
    if (!error || response.headersSent) return;
    response
      .status(503)
      .setHeader('Retry-After', '5')
      .type('application/problem+json')
      .json({ type: '/problems/service-unavailable', title: 'Service unavailable', status: 503, detail: 'the console is being rebuilt; try again shortly', instance: response.req.originalUrl });
  });
}

function query(request: Request): string {
  const at = request.originalUrl.indexOf('?');
  return at >= 0 ? request.originalUrl.slice(at) : '';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
