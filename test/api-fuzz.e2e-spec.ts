import type { AddressInfo } from 'node:net';
import { bearer } from './support/api-keys';
import { digestTables, settledDigest } from './support/database-digest';
import { completeFullRun } from './support/full-run';
import { OpenApiFuzzer, type FuzzRequest, type Operation } from './support/openapi-fuzz';
import { partnerBody } from './support/partner-fixtures';
import { closeRawConnections, sendRaw, type RawResponse } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

const REQUESTS = 2400;
const SEED = 20240607;
const PARALLEL = 8;
/** Each row names the request, so a failure says what to send to see it again. */
const REPORTED_FAILURES = 40;

// Every single mutation (about 2,750 now) is sent even past REQUESTS; on two shared cores that takes about two minutes.
jest.setTimeout(240_000);

describe('API fuzzing from the OpenAPI document (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let baseUrl: string;
  const ids = { partner: '', candidate: '', connection: '', match: '', run: '' };

  beforeAll(async () => {
    // Thousands of requests from one key within a minute are the point here, not abuse.
    process.env.RATE_LIMIT_PER_MINUTE = '10000000';
    api = await startTestApp('fuzz');
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;

    const created = [];
    for (const fixture of [
      { name: 'Voedselbank Utrecht' },
      { name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie'], needs: ['voedsel'] },
      { name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'] },
      { name: 'Kenniscentrum Kansrijk Opgroeien', sector: 'kennisinstelling', scope: 'national', gemeenten: [] },
    ]) {
      created.push((await api.http().post('/v1/partners').send(partnerBody(fixture)).expect(201)).body as { id: string; slug: string });
    }
    ids.partner = created[0].slug;
    ids.connection = (await api.http().post('/v1/connections').send({ partnerA: created[2].slug, partnerB: created[3].slug }).expect(201)).body.id;
    ids.run = (await completeFullRun(api)).id;
    const suggestions = (await api.http().get(`/v1/partners/${ids.partner}/suggestions?view=team`).expect(200)).body;
    ids.candidate = suggestions.items[0].candidate.slug;
    ids.match = suggestions.items[0].matchId;
  }, 60_000);

  afterAll(async () => {
    closeRawConnections();
    await api?.close();
  });

  /** Real ids for the path, so that a request fails on what was broken and not on a missing resource. */
  const pathValue = (operation: Operation, parameter: string): string => {
    if (parameter === 'idOrSlug') return ids.partner;
    if (parameter === 'candidateIdOrSlug') return ids.candidate;
    if (parameter === 'code') return 'GM0344';
    if (parameter === 'slug') return ids.partner;
    if (operation.path.startsWith('/v1/matches/')) return ids.match;
    if (operation.path.startsWith('/v1/matching/runs/')) return ids.run;
    if (operation.path.startsWith('/v1/connections/')) return ids.connection;
    // A route added later: its body and query are still checked before the lookup fails.
    return '00000000-0000-4000-8000-000000000000';
  };

  it(`answers ${REQUESTS}+ malformed requests with 4xx problem details and changes nothing`, async () => {
    const fuzzer = new OpenApiFuzzer(api.openApi, pathValue);
    const requests = fuzzer.requests(REQUESTS, SEED);
    expect(requests.length).toBeGreaterThanOrEqual(2000);
    const operations = new Set(requests.map((request) => request.label.split(' — ')[0]));
    expect(operations.size).toBe(Object.values(api.openApi.paths).flatMap((item) => Object.keys(item)).length);

    const before = await settledDigest(api.database.url);
    const responses = await sendAll(requests);
    const after = await digestTables(api.database.url);

    const failures = requests.flatMap((request, index) => {
      const problem = whatIsWrong(request, responses[index]);
      return problem ? [`${request.label} (${request.url.slice(0, 120)}) → ${responses[index].status}: ${problem}`] : [];
    });
    const statuses = countBy(responses.map((response) => response.status));
    expect({ failures: failures.slice(0, REPORTED_FAILURES), failureCount: failures.length, statuses }).toEqual({ failures: [], failureCount: 0, statuses });
    expect(after).toEqual(before);
  });

  async function sendAll(requests: FuzzRequest[]): Promise<RawResponse[]> {
    const responses: RawResponse[] = new Array(requests.length);
    let next = 0;
    const sender = async () => {
      for (let index = next++; index < requests.length; index = next++) {
        const request = requests[index];
        responses[index] = await sendRaw(baseUrl, { ...request, headers: { ...bearer(), ...request.headers } });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, sender));
    return responses;
  }
});

/** Why an answer to a malformed request is wrong, or undefined when it is right. */
function whatIsWrong(request: FuzzRequest, response: RawResponse): string | undefined {
  if (response.status >= 500) return `server error ${response.text.slice(0, 200)}`;
  if (response.status < 400) return request.method === 'GET' ? undefined : 'a malformed request to a route that writes was accepted';
  if (!response.contentType.startsWith('application/problem+json')) return `content type ${response.contentType || 'none'}: ${response.text.slice(0, 200)}`;
  let problem: { status?: unknown; title?: unknown; detail?: unknown; errors?: { field?: unknown }[] };
  try {
    problem = JSON.parse(response.text);
  } catch {
    return `body is not JSON: ${response.text.slice(0, 200)}`;
  }
  if (problem.status !== response.status) return `problem status ${String(problem.status)}`;
  if (typeof problem.title !== 'string' || !problem.title) return 'problem without a title';
  if (typeof problem.detail !== 'string' || !problem.detail) return 'problem without a detail';
  if (response.status === 400 && request.kind === 'field' && !problem.errors?.some((error) => namesOneOf(error.field, request.fields))) {
    return `errors should name ${request.fields.join(' or ') || 'a field'}: ${response.text.slice(0, 300)}`;
  }
  const message = request.message;
  if (response.status === 400 && message && !problem.errors?.some((error) => namesOneOf(error.field, request.fields) && message.test(String((error as { message?: unknown }).message)))) {
    return `the message should say ${message.source}: ${response.text.slice(0, 300)}`;
  }
  return undefined;
}

/** `weights.region` and `gemeenten[1]` name `weights` and `gemeenten`; with nothing expected, any name will do. */
function namesOneOf(field: unknown, expected: string[]): boolean {
  if (typeof field !== 'string' || !field) return false;
  return expected.length === 0 || expected.some((name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
}

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
