import type { IncomingMessage, ServerResponse } from 'node:http';
import { loggableUrl, requestId } from './request-logging';

function exchange(header?: string): { request: IncomingMessage; response: ServerResponse; headers: Map<string, unknown> } {
  const headers = new Map<string, unknown>();
  const request = { headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage;
  const response = { setHeader: (name: string, value: unknown) => headers.set(name, value) } as unknown as ServerResponse;
  return { request, response, headers };
}

describe('requestId', () => {
  it('keeps a sane incoming id and echoes it', () => {
    const { request, response, headers } = exchange('abc-123');
    expect(requestId(request, response)).toBe('abc-123');
    expect(headers.get('x-request-id')).toBe('abc-123');
  });

  it.each([undefined, '', 'two words', 'x'.repeat(129), 'line\nbreak'])('generates an id instead of %j', (header) => {
    const { request, response, headers } = exchange(header);
    const id = requestId(request, response);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get('x-request-id')).toBe(id);
  });
});

describe('loggableUrl', () => {
  it('strips e-mail addresses, plain or encoded, and keeps the rest', () => {
    expect(loggableUrl('/v1/partners?q=info@voedselbank.nl&scope=local')).toBe('/v1/partners?q=[email]&scope=local');
    expect(loggableUrl('/v1/partners?q=info%40voedselbank.nl')).toBe('/v1/partners?q=[email]');
    expect(loggableUrl('/v1/partners/voedselbank-utrecht?sector=school')).toBe('/v1/partners/voedselbank-utrecht?sector=school');
  });
});
