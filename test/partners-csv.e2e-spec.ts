import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessDriver, MatchingJobProducer } from '@app/queue';
import { OutboxRelayService } from '../apps/api/src/outbox/outbox-relay.service';
import { TEST_ADMIN_API_KEY } from './support/api-keys';
import { BUILT_API, freePort, getJson, startBuiltService, type BuiltService } from './support/built-service';
import { partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Lets the recomputes the imports recorded reach the queue and finish before the database goes away. */
const settle = async (app: TestApp): Promise<void> => {
  await app.app.get(OutboxRelayService).idle();
  await app.app.get<MatchingJobProducer, InProcessDriver>(MatchingJobProducer).drain();
};

const HEADER = 'name,sector,scope,gemeenten,leefdomeinen,opgaven,kennisbronnen,offers,needs,description,website,contactEmail,matchingOptOut';
const GOOD_ROWS = [
  'Voedselbank Utrecht,maatschappelijke-organisatie,local,GM0344,materieel-welzijn;gezondheid,meedoen,praktijk,voedsel;vrijwilligers,locatie,"Pakketten, elke week",https://voedselbank.example.org,info@voedselbank.example.org,false',
  'Jeugdfonds Sport & Cultuur,maatschappelijke-organisatie,national,,,,,,,"Contributie en lesgeld\nvoor kinderen",,,true',
  'Bibliotheek Zwolle,maatschappelijke-organisatie,regional,GM0193;GM0148,,,,,,,,,',
];

describe('partners CSV import and export (PostgreSQL)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('partners-csv');
    // A Nest app with every module: well past jest's 5 s on a busy 2-core machine.
  }, 120_000);

  afterAll(async () => {
    await settle(api);
    await api.close();
  });

  const countPartners = async (app: TestApp = api): Promise<number> => (await app.http().get('/v1/partners?limit=1').expect(200)).body.total;
  const upload = (csv: string, app: TestApp = api, filename = 'partners.csv') =>
    app.http().post('/v1/partners/import').attach('file', Buffer.from(csv), { filename, contentType: 'text/csv' });

  it('imports every row of a good file, slugs derived as for POST', async () => {
    const response = await upload([HEADER, ...GOOD_ROWS].join('\n')).expect(201);
    expect(response.body).toEqual({ created: 3, slugs: ['voedselbank-utrecht', 'jeugdfonds-sport-en-cultuur', 'bibliotheek-zwolle'] });
    const { body: fonds } = await api.http().get('/v1/partners/jeugdfonds-sport-en-cultuur').expect(200);
    expect(fonds).toMatchObject({ scope: 'national', gemeenten: [], description: 'Contributie en lesgeld\nvoor kinderen', matchingOptOut: true });
    const { body: bank } = await api.http().get('/v1/partners/voedselbank-utrecht').expect(200);
    expect(bank).toMatchObject({ leefdomeinen: ['materieel-welzijn', 'gezondheid'], offers: ['voedsel', 'vrijwilligers'], description: 'Pakketten, elke week' });
  });

  it('stores nothing when one row is bad, naming the row, field and value', async () => {
    const before = await countPartners();
    const rows = [
      'Stichting Leergeld Delft,maatschappelijke-organisatie,local,GM0503,,,,,,,,,',
      'Bakker Delft,bakkerij,local,GM0503,,,,,,,,,',
      'Buurthuis Delft,maatschappelijke-organisatie,local,,,,,,,,,,',
    ];
    const response = await upload([HEADER, ...rows].join('\n')).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toBe('2 of 3 rows are invalid; nothing was stored');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'rows[1].sector', value: 'bakkerij', message: expect.stringContaining('line 3') }),
      expect.objectContaining({ field: 'rows[2].gemeenten', value: [] }),
    ]);
    expect(await countPartners()).toBe(before);
  });

  it('rejects names that repeat within the file or match a stored partner', async () => {
    const rows = ['Huiswerkklas Gouda,onderwijs,local,GM0513,,,,,,,,,', 'Huiswerkklas  Gouda,onderwijs,local,GM0513,,,,,,,,,', GOOD_ROWS[2]];
    const response = await upload([HEADER, ...rows].join('\n')).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['rows[1].name', 'rows[2].name']);
  });

  it.each([
    ['an unknown column', 'name,sector,scope,kleur\nA b,onderwijs,national,rood'],
    ['a missing required column', 'name,scope\nAb,national'],
    ['unbalanced quotes', `${HEADER}\n"Open,onderwijs,national,,,,,,,,,,`],
    ['no rows', HEADER],
  ])('answers a file with %s with a 400 naming file', async (_, csv) => {
    const response = await upload(csv).expect(400);
    expect(response.body.errors[0].field).toBe('file');
  });

  it('answers a missing file or a non-CSV upload with a 400 naming file', async () => {
    const missing = await api.http().post('/v1/partners/import').send(partnerBody()).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const image = await api
      .http()
      .post('/v1/partners/import')
      .attach('file', Buffer.from('GIF89a'), { filename: 'logo.gif', contentType: 'image/gif' })
      .expect(400);
    expect(image.body.errors).toEqual([expect.objectContaining({ field: 'file', value: 'image/gif' })]);
  });

  it('answers a file over 5 MB with 413', async () => {
    const response = await upload(`${HEADER}\n${'x'.repeat(5 * 1024 * 1024 + 1)}`).expect(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('exports every partner as CSV that imports again into an empty database', async () => {
    await api.http().post('/v1/partners').send(partnerBody({ name: 'Speelotheek Arnhem', gemeenten: ['GM0202'] })).expect(201);
    const exported = await api.http().get('/v1/partners/export.csv').expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.text.split('\n')[0]).toBe(HEADER);
    expect(exported.text).toContain('info@voedselbank.example.org');

    const fresh = await startTestApp('partners-csv-fresh');
    try {
      const imported = await upload(exported.text, fresh).expect(201);
      expect(imported.body.created).toBe(await countPartners());
      const again = await fresh.http().get('/v1/partners/export.csv').expect(200);
      expect(again.text).toBe(exported.text);
    } finally {
      await settle(fresh);
      await fresh.close();
    }
  });
});

describe('npm run import (the built CLI against the built API)', () => {
  const cli = join(__dirname, '../dist/apps/api/apps/api/src/cli/import-partners.js');
  let database: TestDatabase;
  let service: BuiltService;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('partners_csv_cli');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = startBuiltService(BUILT_API, { DATABASE_URL: database.url, PORT: String(port), ADMIN_API_KEY: TEST_ADMIN_API_KEY });
    await service.waitForOutput('API on', 120_000);
  }, 150_000);

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const runCli = (
    csv: string,
    apiKey: string | null = TEST_ADMIN_API_KEY,
    target: { args: string[]; env: Record<string, string> } = { args: ['--url', url], env: {} },
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    const file = join(mkdtempSync(join(tmpdir(), 'partners-csv-')), 'partners.csv');
    writeFileSync(file, csv);
    const env = { ...process.env, PORT: '', HOST: '', ...target.env, PARTNERMATCH_API_KEY: apiKey ?? '' };
    return new Promise((resolve) =>
      execFile(process.execPath, [cli, file, ...target.args], { env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr })),
    );
  };

  it('without --url, tries the server of PORT and HOST and says which URL it could not reach', async () => {
    const nothing = await freePort();
    const result = await runCli([HEADER, ...GOOD_ROWS].join('\n'), TEST_ADMIN_API_KEY, { args: [], env: { PORT: String(nothing), HOST: '0.0.0.0' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not reach the API at http://127.0.0.1:${nothing} (ECONNREFUSED)`);
  });

  it('needs an admin key from PARTNERMATCH_API_KEY and stores nothing without one', async () => {
    expect(await runCli([HEADER, ...GOOD_ROWS].join('\n'), null)).toMatchObject({ code: 1, stderr: expect.stringContaining('PARTNERMATCH_API_KEY') });
    const wrong = await runCli([HEADER, ...GOOD_ROWS].join('\n'), 'pm_not-a-key-of-this-installation-000');
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('HTTP 401') });
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(0);
  });

  it('imports a good file with exit code 0, to the PORT the server runs on by default', async () => {
    const result = await runCli([HEADER, ...GOOD_ROWS].join('\n'), TEST_ADMIN_API_KEY, { args: [], env: { PORT: new URL(url).port } });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 3 partners: voedselbank-utrecht') });
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(3);
  });

  it('prints the per-row errors and exits 1 when a row is bad', async () => {
    const result = await runCli([HEADER, GOOD_ROWS[0].replace('Voedselbank Utrecht', 'Voedselbank Houten'), 'Bakker,bakkerij,national,,,,,,,,,,'].join('\n'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rows[1].sector: line 3: sector has an unknown code: "bakkerij"');
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(3);
  });
});
