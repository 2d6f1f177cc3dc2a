import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Closes the kept-alive sockets, so Jest sees no open handle after the server stopped. */
export function closeRawConnections(): void {
  agent.destroy();
}

/**
 * Sends exactly what it is given: unlike fetch it allows a body on GET and sends no
 * content type the caller did not set, and unlike supertest it does not re-encode the URL.
 */
export async function sendRaw(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const headers = { ...raw.headers };
  let body: Uint8Array | undefined;
  if (raw.body instanceof FormData) {
    const encoded = new Request('http://multipart.invalid', { method: 'POST', body: raw.body });
    headers['content-type'] = encoded.headers.get('content-type')!;
    body = new Uint8Array(await encoded.arrayBuffer());
  } else if (raw.body !== undefined) {
    body = typeof raw.body === 'string' ? Buffer.from(raw.body) : raw.body;
  }
  if (body) headers['content-length'] = String(body.byteLength);
  return new Promise((resolve, reject) => {
    const outgoing = request(`${baseUrl}${raw.url}`, { method: raw.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
