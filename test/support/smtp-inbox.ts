import { SMTPServer } from 'smtp-server';

/** A received mail, decoded enough for assertions: headers, and the text and HTML parts. */
export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on loopback receiving into memory (smtp-server, no TLS). It can be
 * stopped and started again on the same port (an outage), and can hold a mail's DATA
 * unanswered (a delivery in flight) until released.
 */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private holding = false;
  private held: (() => void)[] = [];
  /** Mails whose DATA arrived while holding (the client waits for the answer). */
  dataStarted = 0;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (raw += chunk));
        stream.on('end', () => {
          const accept = () => {
            this.mails.push(parse(raw, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((rcpt) => rcpt.address)));
            callback();
          };
          if (this.holding) {
            this.dataStarted++;
            this.held.push(accept);
          } else accept();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening and drops open connections (mails in flight are not accepted). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    this.held = [];
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // close() waits for clients to quit; an outage does not.
      for (const connection of (server as unknown as { connections: Set<{ close: () => void }> }).connections ?? []) connection.close();
    });
  }

  /** From now on, DATA is received but not answered until `release()`. */
  hold(): void {
    this.holding = true;
  }

  /** Stops holding and forgets the held mails unanswered: their sender is gone. */
  forgetHeld(): void {
    this.holding = false;
    this.held = [];
  }

  release(): void {
    this.holding = false;
    for (const accept of this.held.splice(0)) accept();
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()) || mail.to.includes(address));
  }
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const { headers, body } = splitMessage(raw);
  const parts = leafParts(headers, body);
  const part = (type: string) => parts.find((candidate) => (candidate.headers['content-type'] ?? 'text/plain').startsWith(type));
  return {
    from,
    to,
    headers,
    messageId: headers['message-id'] ?? '',
    subject: decodeWords(headers.subject ?? ''),
    text: part('text/plain')?.content ?? '',
    html: part('text/html')?.content ?? '',
  };
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function leafParts(headers: Record<string, string>, body: string): { headers: Record<string, string>; content: string }[] {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => {
        const inner = splitMessage(chunk.replace(/^\r\n/, ''));
        return leafParts(inner.headers, inner.body);
      });
  }
  return [{ headers, content: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit') }];
}

function decodeBody(body: string, encoding: string): string {
  const bytes =
    encoding.toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding.toLowerCase() === 'quoted-printable'
        ? quotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return bytes.toString('utf8').replace(/\r\n/g, '\n');
}

function quotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r\n/g, '');
  const out: number[] = [];
  for (let index = 0; index < soft.length; index++) {
    const hex = soft.slice(index + 1, index + 3);
    if (soft[index] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      index += 2;
    } else out.push(...Buffer.from(soft[index], 'utf8'));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words in a header (=?UTF-8?Q?…?= or ?B?). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}
