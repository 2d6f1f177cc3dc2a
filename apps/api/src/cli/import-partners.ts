// `PARTNERMATCH_API_KEY=pm_… npm run import -- partners.csv [--dry-run] [--url http://127.0.0.1:3000]`
// (the URL defaults to the server the same PORT and HOST start):
// uploads the file to POST /v1/partners/import of a running API, so the shell import checks
// exactly what the route checks; all rows are stored or none (rows with a slug update that
// partner). --dry-run only reports what an import would do. Exit code 0 when stored (or, dry,
// when the file would import), 1 otherwise. The admin key comes from the environment, not an argument: arguments are
// visible to every user of the machine in the process list.
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const CHUNK_BYTES = 64 * 1024;
const SHOWN_SLUGS = 10;

interface Answer {
  status: number;
  body: {
    created?: number;
    slugs?: string[];
    changed?: number;
    changedSlugs?: string[];
    unchanged?: number;
    detail?: string;
    errors?: { field: string; message: string; value?: unknown }[];
  };
}

/**
 * The server `npm start` runs with this environment: PORT and HOST as the API reads them (an
 * API listening on all interfaces is reached on loopback).
 */
function defaultUrl(env: NodeJS.ProcessEnv): string {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || 3000}`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { url: { type: 'string', default: defaultUrl(process.env) }, 'dry-run': { type: 'boolean', default: false } } });
  if (positionals.length !== 1) {
    console.error('usage: PARTNERMATCH_API_KEY=<admin key> npm run import -- partners.csv [--dry-run] [--url http://127.0.0.1:3000]');
    return 1;
  }
  const apiKey = process.env.PARTNERMATCH_API_KEY;
  if (!apiKey) {
    console.error('Set PARTNERMATCH_API_KEY to an admin API key (importing partners is for admin keys)');
    return 1;
  }
  const [file] = positionals;
  const boundary = `----partnermatch-${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file).replace(/"/g, '')}"\r\nContent-Type: text/csv\r\n\r\n`),
    // npm runs scripts in the package's folder; a relative path means the folder npm was started in.
    readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file)),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const dryRun = values['dry-run'];
  const url = new URL(`/v1/partners/import${dryRun ? '?dryRun=true' : ''}`, values.url);
  let answer: Answer;
  try {
    answer = await upload(url, body, boundary, apiKey);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`Nothing imported: could not reach the API at ${url.origin} (${code ?? String(error)}); is it running? Pass --url, or the PORT and HOST it runs with`);
    return 1;
  }
  if (answer.status === 201 || (dryRun && answer.status === 200)) {
    const { created = 0, changed = 0, unchanged = 0, slugs = [], changedSlugs = [] } = answer.body;
    const verbs = dryRun ? ['would create', 'would change', 'would leave unchanged'] : ['created', 'changed', 'unchanged'];
    console.log(
      `${dryRun ? 'Dry run, nothing stored' : 'Imported'}: ${verbs[0]} ${created} partners${listed(slugs)}; ${verbs[1]} ${changed}${listed(changedSlugs)}; ${verbs[2]} ${unchanged}`,
    );
    return 0;
  }
  console.error(`Nothing imported (HTTP ${answer.status}): ${answer.body.detail ?? ''}`);
  for (const error of answer.body.errors ?? []) {
    console.error(`  ${error.field}: ${error.message}${error.value === undefined ? '' : ` (${JSON.stringify(error.value)})`}`);
  }
  return 1;
}

function listed(slugs: string[]): string {
  if (slugs.length === 0) return '';
  const more = slugs.length > SHOWN_SLUGS ? `, … and ${slugs.length - SHOWN_SLUGS} more` : '';
  return ` (${slugs.slice(0, SHOWN_SLUGS).join(', ')}${more})`;
}

/** Writes the body in chunks so the bar follows the upload; the server answers once it has checked every row. */
function upload(url: URL, body: Buffer, boundary: string, apiKey: string): Promise<Answer> {
  const bar = new SingleBar({ format: 'Uploading {bar} {percentage}% | {value}/{total} bytes' }, Presets.shades_classic);
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
      },
      (response: IncomingMessage) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          bar.stop();
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: { detail: text } });
          }
        });
      },
    );
    req.on('error', (error) => {
      bar.stop();
      reject(error);
    });
    bar.start(body.length, 0);
    const writeFrom = (offset: number): void => {
      while (offset < body.length) {
        const end = Math.min(offset + CHUNK_BYTES, body.length);
        const flushed = req.write(body.subarray(offset, end));
        bar.update(end);
        offset = end;
        if (!flushed) {
          req.once('drain', () => writeFrom(offset));
          return;
        }
      }
      req.end();
    };
    writeFrom(0);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
