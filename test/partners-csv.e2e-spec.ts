import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessDriver, MatchingJobProducer } from '@app/queue';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
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

/** The rows below are in this layout, which leaves out the verandertheorie column: such files import as they did. */
const HEADER = 'name,sector,scope,gemeenten,leefdomeinen,opgaven,kennisbronnen,offers,needs,description,website,contactEmail,matchingOptOut';
/** What the export writes: every column, verandertheorie beside kennisbronnen. */
const EXPORT_HEADER = 'slug,name,sector,scope,gemeenten,leefdomeinen,opgaven,kennisbronnen,verandertheorie,offers,needs,description,website,contactEmail,matchingOptOut';
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
    expect(response.body).toEqual({
      dryRun: false,
      created: 3,
      slugs: ['voedselbank-utrecht', 'jeugdfonds-sport-en-cultuur', 'bibliotheek-zwolle'],
      changed: 0,
      changedSlugs: [],
      unchanged: 0,
    });
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

  it('imports the verandertheorie column as kennisbronnen is imported, `;` between levels, and refuses an unknown level naming the column', async () => {
    const header = 'name,sector,scope,gemeenten,kennisbronnen,verandertheorie';
    const bad = await upload([header, 'Gemeente Deventer,gemeente,local,GM0150,praktijk,versterken;verbeteren'].join('\n')).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'rows[0].verandertheorie', value: ['versterken', 'verbeteren'], message: expect.stringContaining('"verbeteren"') })]);
    await upload([header, 'Gemeente Deventer,gemeente,local,GM0150,praktijk,versterken; Veranderen', 'Kledingbank Deventer,maatschappelijke-organisatie,local,GM0150,ervaring,'].join('\n')).expect(201);
    expect((await api.http().get('/v1/partners/gemeente-deventer').expect(200)).body).toMatchObject({ kennisbronnen: ['praktijk'], verandertheorie: ['versterken', 'veranderen'] });
    expect((await api.http().get('/v1/partners/kledingbank-deventer').expect(200)).body.verandertheorie).toEqual([]);
    // An update row: a changed cell changes the levels, an emptied one clears them, a file without the column keeps them.
    const update = (cell: string) => upload(['slug,verandertheorie,name,sector,scope', `gemeente-deventer,${cell},Gemeente Deventer,gemeente,local`].join('\n'));
    expect((await update('versterken;veranderen').expect(201)).body).toMatchObject({ changed: 0, unchanged: 1 });
    expect((await update('veranderen').expect(201)).body).toMatchObject({ changed: 1, changedSlugs: ['gemeente-deventer'] });
    await upload(['slug,name,sector,scope', 'gemeente-deventer,Gemeente Deventer,gemeente,local'].join('\n')).expect(201);
    expect((await api.http().get('/v1/partners/gemeente-deventer').expect(200)).body.verandertheorie).toEqual(['veranderen']);
    await update('').expect(201);
    expect((await api.http().get('/v1/partners/gemeente-deventer').expect(200)).body.verandertheorie).toEqual([]);
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
    await api.http().post('/v1/partners').send(partnerBody({ name: 'Speelotheek Arnhem', gemeenten: ['GM0202'], kennisbronnen: ['praktijk', 'ervaring'], verandertheorie: ['verzachten', 'versterken'] })).expect(201);
    const exported = await api.http().get('/v1/partners/export.csv').expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    // The byte-order mark makes Excel read the file as UTF-8.
    expect(exported.text.split('\n')[0]).toBe(`\uFEFF${EXPORT_HEADER}`);
    expect(exported.text).toContain('info@voedselbank.example.org');
    expect(exported.text).toContain(',materieel-welzijn;gezondheid,meedoen,praktijk;ervaring,verzachten;versterken,');

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

/** Excel in a Dutch locale: `;` between cells, CRLF, and either "CSV UTF-8" (with BOM) or plain "CSV" (Windows-1252). */
const EXCEL_SAVES = {
  'Windows-1252': (text: string): Buffer =>
    // Latin-1 but for 0x80–0x9F, where Windows-1252 has €, curly quotes and dashes.
    Buffer.from(
      [...text].map((char) => {
        const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'.indexOf(char);
        if (high >= 0) return 0x80 + high;
        if (char.charCodeAt(0) > 0xff) throw new Error(`${char} is not in Windows-1252`);
        return char.charCodeAt(0);
      }),
    ),
  'UTF-8 with BOM': (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
};

describe('a spreadsheet round trip: export, edit in Excel, dry run, import (PostgreSQL)', () => {
  let api: TestApp;
  const PARTNERS = 301;

  beforeAll(async () => {
    api = await startTestApp('partners-csv-excel');
    const rows = Array.from({ length: PARTNERS }, (_, i) => {
      // Cells a spreadsheet would run as a formula, and a phone number, travel through the round trip too.
      const description = i === 7 ? '=1+1' : i === 8 ? '+31 20 123 4567' : i === 9 ? 'Één plek; elke week' : `Partner ${i} in Zwolle`;
      return stringify([[`Partner ${String(i).padStart(3, '0')} Zwolle`, 'maatschappelijke-organisatie', 'local', 'GM0193', 'onderwijs;gezondheid', '', '', '', '', description, '', '', 'false']]).trim();
    });
    await api.http().post('/v1/partners/import').attach('file', Buffer.from([HEADER, ...rows].join('\n')), { filename: 'partners.csv', contentType: 'text/csv' }).expect(201);
  }, 180_000);

  afterAll(async () => {
    await settle(api);
    await api.close();
  });

  const exportCsv = async (query = ''): Promise<string> => (await api.http().get(`/v1/partners/export.csv${query}`).expect(200)).text;
  const upload = (bytes: Buffer, query = '') =>
    api.http().post(`/v1/partners/import${query}`).attach('file', bytes, { filename: 'partners.csv', contentType: 'application/vnd.ms-excel' });
  /** What Excel writes after an edit: the cells as it read them, `;` between them, CRLF. */
  const savedByExcel = (exported: string, edit: (records: Record<string, string>[]) => void): string => {
    const records: Record<string, string>[] = parse(exported, { bom: true, delimiter: ';', columns: true });
    edit(records);
    return stringify(records, { header: true, delimiter: ';', record_delimiter: 'windows' });
  };

  it('exports with a byte-order mark and, for a Dutch Excel, ; between cells', async () => {
    const exported = await exportCsv('?separator=semicolon');
    expect(exported.startsWith('\uFEFFslug;name;sector;scope;gemeenten')).toBe(true);
    // The list separator inside a cell is quoted, so Excel keeps the list in one cell.
    expect(exported).toContain('partner-009-zwolle;Partner 009 Zwolle;maatschappelijke-organisatie;local;GM0193;"onderwijs;gezondheid"');
    expect(exported).toContain(";'=1+1;");
    expect((await api.http().get('/v1/partners/export.csv?separator=pipe').expect(400)).body.errors[0].field).toBe('separator');
  });

  it.each(Object.entries(EXCEL_SAVES))('re-imports a file saved as %s with one description edited: the dry run says 1 changed, 300 unchanged; the import changes that partner only', async (_encoding, encode) => {
    const before = await exportCsv('?separator=semicolon');
    const description = `“Schoolontbijt” in café De Zon – € 2 per kind, ${_encoding}`;
    const file = encode(savedByExcel(before, (records) => (records.find((record) => record.slug === 'partner-042-zwolle')!.description = description)));

    const dry = await upload(file, '?dryRun=true').expect(200);
    expect(dry.body).toEqual({ dryRun: true, created: 0, slugs: [], changed: 1, changedSlugs: ['partner-042-zwolle'], unchanged: PARTNERS - 1 });
    expect(await exportCsv('?separator=semicolon')).toBe(before);

    const imported = await upload(file).expect(201);
    expect(imported.body).toEqual({ ...dry.body, dryRun: false });
    expect((await api.http().get('/v1/partners/partner-042-zwolle').expect(200)).body.description).toBe(description);
    const changedLines = (text: string) => new Set(text.split('\n'));
    const after = await exportCsv('?separator=semicolon');
    const gone = [...changedLines(before)].filter((line) => !changedLines(after).has(line));
    const added = [...changedLines(after)].filter((line) => !changedLines(before).has(line));
    expect(gone).toEqual([expect.stringMatching(/^partner-042-zwolle;/)]);
    expect(added).toEqual([expect.stringContaining(description)]);
    // The same file again changes nothing.
    expect((await upload(file, '?dryRun=true').expect(200)).body).toMatchObject({ changed: 0, unchanged: PARTNERS });
  });

  it('stores nothing when one row of the file is bad, naming the row, column and file line', async () => {
    const before = await exportCsv();
    const file = EXCEL_SAVES['Windows-1252'](
      savedByExcel(await exportCsv('?separator=semicolon'), (records) => {
        records[3].description = 'Gewijzigd, maar niet opgeslagen';
        records[120].sector = 'bakkerij';
      }),
    );
    const response = await upload(file).expect(400);
    expect(response.body.detail).toBe(`1 of ${PARTNERS} rows are invalid; nothing was stored`);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'rows[120].sector', value: 'bakkerij', message: expect.stringMatching(/^line 122: sector has an unknown code/) })]);
    expect((await upload(file, '?dryRun=true').expect(400)).body.errors).toEqual(response.body.errors);
    expect(await exportCsv()).toBe(before);
  });

  it('creates rows without a slug next to the updates, and refuses a new row named like a stored partner, pointing to the slug column', async () => {
    const before = await exportCsv();
    const withNew = savedByExcel(await exportCsv('?separator=semicolon'), (records) => records.push({ ...records[0], slug: '', name: 'Speeltuin Zwolle' }));
    expect((await upload(Buffer.from(withNew), '?dryRun=true').expect(200)).body).toMatchObject({ created: 1, slugs: ['speeltuin-zwolle'], changed: 0, unchanged: PARTNERS });
    const refused = await upload(Buffer.from('name;sector;scope;gemeenten\r\nPartner 001 Zwolle;onderwijs;local;GM0193\r\n')).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'rows[0].name', message: expect.stringContaining('put "partner-001-zwolle" in the slug column to update it') })]);
    expect(await exportCsv()).toBe(before);
  });

  it('says how it read a header it does not know: encoding and separator', async () => {
    const response = await upload(Buffer.from('naam|sector|scope\r\nCaf\xe9|onderwijs|national\r\n', 'latin1')).expect(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('read as Windows-1252 with "," between cells') });
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
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported: created 3 partners (voedselbank-utrecht, jeugdfonds-sport-en-cultuur, bibliotheek-zwolle); changed 0; unchanged 0') });
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(3);
  });

  it('prints the per-row errors and exits 1 when a row is bad', async () => {
    const result = await runCli([HEADER, GOOD_ROWS[0].replace('Voedselbank Utrecht', 'Voedselbank Houten'), 'Bakker,bakkerij,national,,,,,,,,,,'].join('\n'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rows[1].sector: line 3: sector has an unknown code: "bakkerij"');
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(3);
  });

  it('reports with --dry-run what an import would do and stores nothing', async () => {
    const edited = [`slug,${HEADER}`, `voedselbank-utrecht,${GOOD_ROWS[0].replace('"Pakketten, elke week"', 'Elke dag')}`, 'bieb-kampen,Bibliotheek Kampen,maatschappelijke-organisatie,national,,,,,,,,,,'];
    const result = await runCli(edited.join('\r\n'), TEST_ADMIN_API_KEY, { args: ['--url', url, '--dry-run'], env: {} });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Dry run, nothing stored: would create 1 partners (bieb-kampen); would change 1 (voedselbank-utrecht); would leave unchanged 0') });
    expect((await getJson(`${url}/v1/partners?limit=1`)).body.total).toBe(3);
    expect((await getJson(`${url}/v1/partners/voedselbank-utrecht`)).body.description).toBe('Pakketten, elke week');
  });
});
