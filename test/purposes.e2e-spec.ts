import { rankKennisdelen } from '@app/matching';
import { SuggestionRepository } from '@app/persistence';
import { CATCH_UP_STALE_LISTS, InProcessDriver, MatchingJobProducer } from '@app/queue';
import { MatchInputsService, PartnerChangeHandler } from '@app/suggestions';
import { Client } from 'pg';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { coreLists, differingLists, kennisdelenReferenceLists, storedLists } from './support/lists';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The second purpose through the API: kennisdelen lists (knowledge exchange) beside the
 * samenwerken ones, read with `?purpose=kennisdelen`, reviewed and answered per purpose;
 * today's clients, which send no purpose, see the samenwerken list and queue as before.
 */
describe('suggestion purposes: samenwerken and kennisdelen (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let client: Client;
  const ids: Record<string, string> = {};
  const list = (slug: string, query: string) => api.http().get(`/v1/partners/${slug}/suggestions?${query}`);

  beforeAll(async () => {
    api = await startTestApp('purposes');
    client = new Client({ connectionString: api.database.url });
    await client.connect();
    // The example: two gemeenten with a youth council far apart, a national organisation of ervaringsdeskundigen,
    // and local partners of other sectors in Leiden to collaborate with.
    const partners = [
      { name: 'Gemeente Leiden', sector: 'gemeente', gemeenten: ['GM0546'], opgaven: ['meedoen', 'beeldvorming'], leefdomeinen: ['maatschappelijke-participatie'], kennisbronnen: ['praktijk'] },
      { name: 'Gemeente Nijmegen', sector: 'gemeente', gemeenten: ['GM0268'], opgaven: ['meedoen'], leefdomeinen: ['maatschappelijke-participatie'], kennisbronnen: ['praktijk'] },
      { name: 'Stichting Halt', scope: 'national', gemeenten: [], opgaven: ['meedoen'], leefdomeinen: ['maatschappelijke-participatie', 'risico-veiligheid'], kennisbronnen: ['ervaring'] },
      { name: 'Hogeschool Leiden', sector: 'kennisinstelling', gemeenten: ['GM0546'], opgaven: ['beeldvorming'], leefdomeinen: ['relaties'], kennisbronnen: ['wetenschap'] },
      { name: 'Voedselbank Leiden', gemeenten: ['GM0546'], opgaven: ['bestaanszekerheid', 'meedoen'], leefdomeinen: ['materieel-welzijn'] },
      { name: 'Supermarkt Leiden', sector: 'bedrijfsleven', gemeenten: ['GM0546'], opgaven: ['bestaanszekerheid'], leefdomeinen: ['materieel-welzijn'], offers: ['voedsel'] },
    ];
    for (const body of partners) {
      const created = await createPartner(api, partnerBody({ website: undefined, contactEmail: undefined, ...body }));
      ids[body.name] = created.slug;
    }
    await completeFullRun(api);
  }, 90_000);

  afterAll(async () => {
    await client?.end();
    await api?.close();
  });

  const referenceNow = async () => {
    const inputs = api.app.get(MatchInputsService);
    const { profiles, options } = await inputs.load();
    return { profiles, lists: kennisdelenReferenceLists(profiles, options.connections, { excludedPairs: (await inputs.kennisdelenExcluded()).pairs }) };
  };
  const names = (body: { items: { candidate: { name: string } }[] }) => body.items.map((item) => item.candidate.name);
  const reviews = async (query: string) => (await api.http().get(`/v1/reviews?${query}`).expect(200)).body;
  type Item = { id: string; purpose: string; status: string; score: number; components: object; reasons: { text: string }[]; partnerA: { name: string }; partnerB: { name: string } };
  const pairOf = (items: Item[], a: string, b: string) => items.find((item) => [item.partnerA.name, item.partnerB.name].sort().join() === [a, b].sort().join());

  it('stores both purposes after a full run: the kennisdelen lists as the reference ranks them', async () => {
    const { lists } = await referenceNow();
    expect(differingLists((await storedLists(client, 'kennisdelen')).lists, lists)).toEqual([]);
    expect((await storedLists(client, 'samenwerken')).lists.size).toBeGreaterThan(0);
  });

  it('answers the kennisdelen list of a gemeente with its peer far away first, reasons in the asked language, components of its own', async () => {
    const nl = (await list(ids['Gemeente Leiden'], 'purpose=kennisdelen&view=team').expect(200)).body;
    expect(nl).toMatchObject({ purpose: 'kennisdelen', view: 'team', rankedOnDemand: false });
    expect(nl.items[0].candidate.name).toBe('Gemeente Nijmegen');
    expect(nl.items[0].distanceKm).toBeGreaterThan(80);
    expect(Object.keys(nl.items[0].components).sort()).toEqual(['kennisbronnen', 'leefdomeinen', 'opgaven', 'peers', 'verandertheorie']);
    expect(nl.items[0].reasons.map((r: { text: string }) => r.text)).toContain('Vakgenoten (Gemeente): hetzelfde werk op een andere plek');
    const shares = nl.items[0].reasons.reduce((sum: number, r: { share: number }) => sum + r.share, 0);
    expect(shares).toBeCloseTo(nl.items[0].score, 12);
    const en = (await list(ids['Gemeente Leiden'], 'purpose=kennisdelen&view=team&lang=en').expect(200)).body;
    expect(en.items[0].reasons.map((r: { text: string }) => r.text)).toContain("You both work on Taking part: you can learn from each other's approach");
    // Halt brings ervaring where Leiden brings praktijk: a reason of its own.
    const halt = nl.items.find((item: { candidate: { name: string } }) => item.candidate.name === 'Stichting Halt');
    expect(halt.reasons.map((r: { code: string }) => r.code)).toContain('complementary-kennisbronnen');
    expect(nl.total).toBe(nl.items.length);
  });

  it('answers today’s list unchanged when no purpose is given, and the same with purpose=samenwerken', async () => {
    const plain = (await list(ids['Gemeente Leiden'], 'view=team').expect(200)).body;
    const samenwerken = (await list(ids['Gemeente Leiden'], 'view=team&purpose=samenwerken').expect(200)).body;
    expect(plain.purpose).toBe('samenwerken');
    expect(samenwerken).toEqual(plain);
    expect(Object.keys(plain.items[0].components)).toContain('region');
    // Local collaboration ranks the peer 100 km away last, where knowledge exchange ranks it first.
    expect(plain.items.at(-1).candidate.name).toBe('Gemeente Nijmegen');
  });

  it('refuses what a kennisdelen list does not take, naming the field, and an unknown purpose', async () => {
    const filtered = await list(ids['Gemeente Leiden'], 'purpose=kennisdelen&view=team&sector=gemeente').expect(400);
    expect(JSON.stringify(filtered.body)).toContain('sector');
    const unknown = await list(ids['Gemeente Leiden'], 'purpose=leren&view=team').expect(400);
    expect(JSON.stringify(unknown.body)).toContain('purpose');
    await list('no-such-partner', 'purpose=kennisdelen&view=team').expect(404);
  });

  it('makes a match per pair and purpose: every kennisdelen pair has one of its own, apart from its samenwerken match', async () => {
    const { rows } = await client.query(
      `SELECT s.purpose, count(DISTINCT (LEAST(s.partner_id, s.candidate_id), GREATEST(s.partner_id, s.candidate_id)))::int AS pairs, count(DISTINCT m.id)::int AS matches
         FROM suggestion s LEFT JOIN match m ON m.purpose = s.purpose AND m.partner_a_id = LEAST(s.partner_id, s.candidate_id) AND m.partner_b_id = GREATEST(s.partner_id, s.candidate_id)
        GROUP BY s.purpose ORDER BY s.purpose`,
    );
    expect(rows.map((row) => row.purpose)).toEqual(['kennisdelen', 'samenwerken']);
    for (const row of rows) expect(row.matches).toBe(row.pairs);
    const kennisdelen = await reviews('purpose=kennisdelen&limit=100');
    const samenwerken = await reviews('limit=100');
    expect(kennisdelen.total).toBe(rows[0].pairs);
    expect(samenwerken.total).toBe(rows[1].pairs);
    const peers = pairOf(kennisdelen.items, 'Gemeente Leiden', 'Gemeente Nijmegen')!;
    expect(peers).toMatchObject({ purpose: 'kennisdelen', status: 'pending' });
    expect(Object.keys(peers.components).sort()).toEqual(['kennisbronnen', 'leefdomeinen', 'opgaven', 'peers', 'verandertheorie']);
    expect(peers.reasons.map((r: { text: string }) => r.text)).toContain('Vakgenoten (Gemeente): hetzelfde werk op een andere plek');
    const local = pairOf(samenwerken.items, 'Gemeente Leiden', 'Gemeente Nijmegen')!;
    expect(local).toMatchObject({ purpose: 'samenwerken' });
    expect(local.id).not.toBe(peers.id);
    expect((await api.http().get(`/v1/reviews/${peers.id}`).expect(200)).body).toMatchObject({ id: peers.id, purpose: 'kennisdelen', score: peers.score });
    const counts = (await api.http().get('/v1/reviews/counts?purpose=kennisdelen').expect(200)).body.counts;
    expect(counts.pending).toBe(kennisdelen.total);
  });

  it('decides a pair for one purpose only: a rejection for kennisdelen takes it out of that list alone, answers and the funnel count per purpose', async () => {
    const kennisdelen = await reviews('purpose=kennisdelen&limit=100');
    const withHalt = pairOf(kennisdelen.items, 'Gemeente Leiden', 'Stichting Halt')!;
    const peers = pairOf(kennisdelen.items, 'Gemeente Leiden', 'Gemeente Nijmegen')!;
    await api.http().patch(`/v1/matches/${withHalt.id}`).send({ status: 'rejected', note: 'Geen kennisvraag' }).expect(200);
    await api.http().patch(`/v1/matches/${peers.id}`).send({ status: 'approved' }).expect(200);
    expect((await api.http().get(`/v1/matches/${peers.id}`).expect(200)).body).toMatchObject({ purpose: 'kennisdelen', status: 'approved' });

    await eventually(
      async () => names((await list(ids['Gemeente Leiden'], 'purpose=kennisdelen&view=team').expect(200)).body),
      (shown) => !shown.includes('Stichting Halt'),
      20_000,
    );
    // The repair that took Halt out may still be writing the other lists it changes.
    await eventually(
      async () => differingLists((await storedLists(client, 'kennisdelen')).lists, (await referenceNow()).lists),
      (differing) => differing.length === 0,
      20_000,
    );
    // The samenwerken list still holds Halt, and its samenwerken match is still open.
    expect(names((await list(ids['Gemeente Leiden'], 'view=team').expect(200)).body)).toContain('Stichting Halt');
    expect(pairOf((await reviews('limit=100')).items, 'Gemeente Leiden', 'Stichting Halt')).toMatchObject({ status: 'pending' });

    // The partner view of the kennisdelen list carries the partner's own answer, given for that purpose.
    await api.http().post(`/v1/partners/${ids['Gemeente Leiden']}/suggestions/${ids['Gemeente Nijmegen']}/feedback`).send({ verdict: 'interested', purpose: 'kennisdelen' }).expect(200);
    const partnerView = (await list(ids['Gemeente Leiden'], 'purpose=kennisdelen').expect(200)).body;
    expect(partnerView).toMatchObject({ purpose: 'kennisdelen', view: 'partner' });
    expect(partnerView.items.find((item: { candidate: { name: string } }) => item.candidate.name === 'Gemeente Nijmegen')).toMatchObject({ feedback: 'interested', status: 'approved' });
    const samenwerkenView = (await list(ids['Gemeente Leiden'], 'purpose=samenwerken').expect(200)).body;
    expect(samenwerkenView.items.find((item: { candidate: { name: string } }) => item.candidate.name === 'Gemeente Nijmegen')?.feedback ?? null).toBeNull();
    await api.http().post(`/v1/partners/${ids['Gemeente Leiden']}/suggestions/${ids['Gemeente Nijmegen']}/feedback`).send({ verdict: 'interested', purpose: 'leren' }).expect(400);

    // The portal widget publishes what the team approved, per purpose.
    const portal = (await api.http().post('/v1/api-keys').send({ name: 'Portaal', role: 'portal', allowedOrigins: ['https://portaal.example.org'] }).expect(201)).body.key;
    const embed = async (query: string) => (await api.as(portal).get(`/v1/embed/partners/${ids['Gemeente Leiden']}/suggestions${query}`).expect(200)).body;
    const published = await embed('?purpose=kennisdelen');
    expect(published).toMatchObject({ purpose: 'kennisdelen' });
    expect(names(published)).toEqual(['Gemeente Nijmegen']);
    expect(published.items[0].reasons.map((r: { text: string }) => r.text)).toContain('Vakgenoten (Gemeente): hetzelfde werk op een andere plek');
    expect(await embed('')).toMatchObject({ purpose: 'samenwerken', items: [] });

    // The funnel of each purpose: its own pairs, decisions and answers (a hand count of the above).
    const funnel = async (purpose: string) =>
      Object.fromEntries((await api.http().get(`/v1/insights/funnel?purpose=${purpose}`).expect(200)).body.steps.map((step: { step: string; pairs: number }) => [step.step, step.pairs]));
    const ofKennisdelen = await funnel('kennisdelen');
    expect(ofKennisdelen).toMatchObject({ suggested: kennisdelen.total, approved: 1, interested: 1 });
    expect(await funnel('samenwerken')).toMatchObject({ approved: 0, interested: 0 });
  });

  it('gives two partners stating the same verandertheorie the shared-verandertheorie reason, once the change has repaired their lists', async () => {
    type Item = { candidate: { name: string }; components: Record<string, number>; reasons: { code: string; params: Record<string, unknown>; text: string; share: number }[] };
    const itemFor = async (viewer: string, candidate: string, lang = 'nl'): Promise<Item> =>
      (await list(ids[viewer], `purpose=kennisdelen&view=team&lang=${lang}`).expect(200)).body.items.find((item: Item) => item.candidate.name === candidate);
    const before = await itemFor('Gemeente Leiden', 'Gemeente Nijmegen');
    expect(before.components.verandertheorie).toBe(0);
    expect(before.reasons.map((r) => r.code)).not.toContain('shared-verandertheorie');

    await api.http().patch(`/v1/partners/${ids['Gemeente Leiden']}`).send({ verandertheorie: ['versterken', 'veranderen'] }).expect(200);
    await api.http().patch(`/v1/partners/${ids['Gemeente Nijmegen']}`).send({ verandertheorie: ['veranderen', 'versterken'] }).expect(200);
    await eventually(
      async () => differingLists((await storedLists(client, 'kennisdelen')).lists, (await referenceNow()).lists),
      (differing) => differing.length === 0,
      20_000,
    );
    for (const [viewer, candidate] of [['Gemeente Leiden', 'Gemeente Nijmegen'], ['Gemeente Nijmegen', 'Gemeente Leiden']]) {
      const item = await itemFor(viewer, candidate);
      expect(item.components.verandertheorie).toBe(1);
      const reason = item.reasons.find((r) => r.code === 'shared-verandertheorie')!;
      expect(reason).toEqual({ code: 'shared-verandertheorie', params: { levels: ['versterken', 'veranderen'] }, text: 'Jullie werken allebei aan versterken en veranderen uit de verandertheorie', share: expect.closeTo(0.1, 12) });
    }
    expect((await itemFor('Gemeente Leiden', 'Gemeente Nijmegen', 'en')).reasons.map((r) => r.text)).toContain('You both work on strengthen and change in the theory of change');
    // Hogeschool Leiden states none: nothing shared, however much else it shares with Leiden.
    expect((await itemFor('Gemeente Leiden', 'Hogeschool Leiden')).reasons.map((r) => r.code)).not.toContain('shared-verandertheorie');
  });

  it('repairs the kennisdelen lists after a change, as the reference ranks them then', async () => {
    await api.http().patch(`/v1/partners/${ids['Gemeente Nijmegen']}`).send({ opgaven: ['bestaanszekerheid'], leefdomeinen: ['materieel-welzijn'] }).expect(200);
    await eventually(
      async () => differingLists((await storedLists(client, 'kennisdelen')).lists, (await referenceNow()).lists),
      (differing) => differing.length === 0,
      20_000,
    );
    const { profiles } = await referenceNow();
    const leiden = profiles.find((p) => p.opgaven.includes('beeldvorming') && p.sector === 'gemeente')!;
    // Nijmegen shares nothing with Leiden any more: no longer in its list.
    expect(rankKennisdelen(leiden, profiles).map((s) => s.candidateId)).not.toContain(profiles.find((p) => p.opgaven.join() === 'bestaanszekerheid' && p.sector === 'gemeente')!.id);
    const answer = (await list(ids['Gemeente Leiden'], 'purpose=kennisdelen&view=team').expect(200)).body;
    expect(answer.items.map((item: { candidate: { name: string } }) => item.candidate.name)).not.toContain('Gemeente Nijmegen');
  });

  it('mends both purposes\' lists when a repair failed past its sync: its retry compares them all', async () => {
    const lists = api.app.get(SuggestionRepository);
    const queue = api.app.get<MatchingJobProducer, InProcessDriver>(MatchingJobProducer);
    const failing = jest.spyOn(lists, 'replaceKennisdelenLists').mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    const differing = async () => {
      const { profiles, lists: kennisdelen } = await referenceNow();
      const { connections } = (await api.app.get(MatchInputsService).load()).options;
      return [
        ...differingLists((await storedLists(client, 'kennisdelen')).lists, kennisdelen).map((id) => `kennisdelen ${id}`),
        ...differingLists((await storedLists(client, 'samenwerken')).lists, await coreLists(profiles, connections)).map((id) => `samenwerken ${id}`),
      ];
    };
    try {
      // The repair syncs the index with the change, then fails before its writes commit.
      await api.http().patch(`/v1/partners/${ids['Hogeschool Leiden']}`).send({ opgaven: ['meedoen', 'bestaanszekerheid'], leefdomeinen: ['maatschappelijke-participatie'] }).expect(200);
      await eventually(async () => failing.mock.results.length, (calls) => calls >= 1, 20_000);
      await queue.drain();
      expect((await differing()).length).toBeGreaterThan(0);
      // What BullMQ does with a failed job: the same catch-up again. Its sync finds no change since.
      await queue.enqueue(CATCH_UP_STALE_LISTS);
      await queue.drain();
      expect(await differing()).toEqual([]);
      expect(failing).toHaveBeenCalledTimes(2);
    } finally {
      failing.mockRestore();
    }
  });

  it('brings a run\'s kennisdelen lists in line at its switch-in with a partner changed while the run scored', async () => {
    const lists = api.app.get(SuggestionRepository);
    const queue = api.app.get<MatchingJobProducer, InProcessDriver>(MatchingJobProducer);
    const writeShardChunk = lists.writeShardChunk.bind(lists);
    const supermarket = async () => names((await list(ids['Supermarkt Leiden'], 'purpose=kennisdelen&view=team').expect(200)).body);
    // Both work on bestaanszekerheid and materieel welzijn, for now.
    expect(await supermarket()).toContain('Voedselbank Leiden');
    let changed = false;
    // Only the switch-in may mend the lists: the change's own repair, however it is queued, does nothing here.
    const repairs = jest.spyOn(api.app.get(PartnerChangeHandler), 'catchUpStaleLists').mockResolvedValue(undefined);
    // The run has read and ranked the partners; the change comes before its first write.
    const write = jest.spyOn(lists, 'writeShardChunk').mockImplementation(async (...args) => {
      if (!changed) {
        changed = true;
        await api.http().patch(`/v1/partners/${ids['Voedselbank Leiden']}`).send({ opgaven: ['beeldvorming'], leefdomeinen: ['relaties'] }).expect(200);
      }
      return writeShardChunk(...args);
    });
    try {
      await completeFullRun(api);
      await queue.drain();
      expect(changed).toBe(true);
      const { lists: reference } = await referenceNow();
      const stored = (await storedLists(client, 'kennisdelen')).lists;
      expect(differingLists(stored, reference)).toEqual([]);
      // The change reached the lists the run had ranked before it: the two share nothing now.
      expect(await supermarket()).not.toContain('Voedselbank Leiden');
    } finally {
      write.mockRestore();
      repairs.mockRestore();
    }
  });
});
