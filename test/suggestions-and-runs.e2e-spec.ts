import { SuggestionRepository } from '@app/persistence';
import { MatchingJobProducer, QueueUnavailableException } from '@app/queue';
import { MatchIndexCacheService } from '@app/suggestions';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { finishFullRun } from './support/full-run';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface CreatedPartner {
  id: string;
  slug: string;
}

describe('suggestions before the first run (PostgreSQL, in-process queue)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('suggestions_before_run');
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('shows no suggestions before the first run', async () => {
    const voedselbank = await createPartner(api, partnerBody({}));
    const list = (await api.http().get(`/v1/partners/${voedselbank.slug}/suggestions?view=team`).expect(200)).body;
    expect(list).toMatchObject({ runId: null, items: [], total: 0, partner: { slug: voedselbank.slug }, view: 'team' });
  });
});

/**
 * Every case starts from the same six partners with the lists of a completed run, and a case
 * that changes them puts them back before it ends: the cases pass in any order, or alone.
 */
describe('suggestions and matching runs API (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let voedselbank: CreatedPartner;
  let school: CreatedPartner;
  let supermarket: CreatedPartner;
  let gemeente: CreatedPartner;
  let groningen: CreatedPartner;
  let ministerie: CreatedPartner;

  const create = (overrides: Record<string, unknown>): Promise<CreatedPartner> => createPartner(api, partnerBody(overrides));
  // The team's view: every open pair, before anyone reviewed it.
  const suggestionsOf = async (partner: CreatedPartner, query = '') =>
    (await api.http().get(`/v1/partners/${partner.slug}/suggestions${query ? `${query}&` : '?'}view=team`).expect(200)).body;
  const candidateSlugs = async (partner: CreatedPartner, query = '') =>
    (await suggestionsOf(partner, query)).items.map((item: { candidate: { slug: string } }) => item.candidate.slug);
  const runToCompletion = () => finishFullRun(api);
  /**
   * Waits for the repair after `gone` was deleted: its rows go with it at once (leaving gaps
   * in the ranks), the lists are ranked anew by the catch-up job that follows.
   */
  const repairedWithout = (gone: CreatedPartner) =>
    eventually(
      () => Promise.all([voedselbank, school, supermarket, gemeente, groningen, ministerie].map((partner) => suggestionsOf(partner))),
      (lists) =>
        lists.every((list) => list.items.every((item: { rank: number; candidate: { slug: string } }, index: number) => item.rank === index + 1 && item.candidate.slug !== gone.slug)),
    );

  beforeAll(async () => {
    api = await startTestApp('suggestions');
    voedselbank = await create({});
    school = await create({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie', 'bereik-gezinnen'], needs: ['voedsel'] });
    supermarket = await create({ name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven', offers: ['schoolontbijt', 'voedsel'] });
    gemeente = await create({ name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'], opgaven: ['meedoen', 'bestaanszekerheid'] });
    groningen = await create({ name: 'Voedselbank Groningen', gemeenten: ['GM0014'] });
    ministerie = await create({ name: 'Ministerie van Sociale Zaken', sector: 'rijksoverheid', scope: 'national', gemeenten: [] });
    const first = await runToCompletion();
    if (first.status !== 'completed') throw new Error(`the first run ended ${first.status}: ${first.error}`);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('starts a run with 202 and a Location, and completes it', async () => {
    const response = await api.http().post('/v1/matching/runs').expect(202);
    expect(response.headers.location).toBe(`/v1/matching/runs/${response.body.id}`);
    expect(response.body).toMatchObject({ trigger: 'manual', status: expect.stringMatching(/^(queued|running|completed)$/) });
    const run = await eventually(
      async () => (await api.http().get(response.headers.location).expect(200)).body,
      (current) => current.status === 'completed',
    );
    expect(run).toMatchObject({ progress: 100, partnerCount: 6, shardCount: 1, shardsCompleted: 1, error: null });
    expect(run.suggestionCount).toBe(6 * 5);
    const listed = await api.http().get('/v1/matching/runs').expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(run.id);
  });

  it('ranks every other partner with scores, components and reasons whose shares add up to the score', async () => {
    const list = await suggestionsOf(school);
    expect(list.total).toBe(5);
    expect(list.items.map((item: { rank: number }) => item.rank)).toEqual([1, 2, 3, 4, 5]);
    const scores = list.items.map((item: { score: number }) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const item of list.items) {
      expect(item.candidate.slug).not.toBe(school.slug);
      expect(Object.keys(item.components).sort()).toEqual(['leefdomeinen', 'network', 'opgaven', 'reciprocity', 'region', 'sector']);
      const shares = item.reasons.reduce((sum: number, reason: { share: number }) => sum + reason.share, 0);
      expect(shares).toBeCloseTo(item.score, 6);
    }
  });

  it('never shows a candidate private field', async () => {
    const response = await api.http().get(`/v1/partners/${school.slug}/suggestions`).expect(200);
    expect(response.text).not.toContain('contactEmail');
    expect(response.text).not.toContain('@voedselbank-utrecht.example.org');
  });

  it('gives the reasons in Dutch by default and in English with lang=en', async () => {
    const dutch = await suggestionsOf(school);
    const english = await suggestionsOf(school, '?lang=en');
    const textOf = (list: { items: { reasons: { code: string; text: string }[] }[] }) => list.items[0].reasons.map((reason) => reason.text);
    expect(english.items[0].reasons.map((reason: { code: string }) => reason.code)).toEqual(dutch.items[0].reasons.map((reason: { code: string }) => reason.code));
    expect(textOf(english)).not.toEqual(textOf(dutch));
  });

  it('filters by sector, opgave, leefdomein and distance', async () => {
    expect(await candidateSlugs(school, '?sector=bedrijfsleven')).toEqual([supermarket.slug]);
    expect(await candidateSlugs(school, '?opgave=bestaanszekerheid')).toEqual([gemeente.slug]);
    expect(await candidateSlugs(school, '?leefdomein=onderwijs')).toEqual([]);
    const nearby = await candidateSlugs(school, '?maxDistanceKm=50');
    expect(nearby).not.toContain(groningen.slug);
    expect(nearby).toEqual(expect.arrayContaining([voedselbank.slug, supermarket.slug, gemeente.slug, ministerie.slug]));
  });

  it('leaves national candidates out with includeNational=false, and says how deep the filters looked', async () => {
    const all = await suggestionsOf(school);
    const local = await suggestionsOf(school, '?maxDistanceKm=50&includeNational=false');
    expect(local.items.map((item: { candidate: { slug: string } }) => item.candidate.slug)).not.toContain(ministerie.slug);
    expect(local.items.map((item: { candidate: { slug: string } }) => item.candidate.slug)).toEqual(expect.arrayContaining([voedselbank.slug, supermarket.slug, gemeente.slug]));
    // Five other partners, all within k: the stored list is five deep. A filtered list is
    // ranked on demand among the candidates passing: three local ones within 50 km.
    expect(all).toMatchObject({ rankedOnDemand: false, searchedDepth: 5, searchedCandidates: 5 });
    expect(local).toMatchObject({ rankedOnDemand: true, searchedDepth: 3, searchedCandidates: 3 });
    expect(await suggestionsOf(school, '?leefdomein=onderwijs')).toMatchObject({ rankedOnDemand: true, searchedDepth: 0, searchedCandidates: 0, total: 0 });
    await api.http().get(`/v1/partners/${school.slug}/suggestions?includeNational=nee`).expect(400);
  });

  it('pages with limit and offset', async () => {
    const all = await candidateSlugs(school);
    const page = await suggestionsOf(school, '?limit=2&offset=1');
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map((item: { candidate: { slug: string } }) => item.candidate.slug)).toEqual(all.slice(1, 3));
    // The total comes with the page's rows; a page past the end has none and still tells it.
    expect(await suggestionsOf(school, '?limit=2&offset=10')).toMatchObject({ items: [], total: 5 });
    expect(await suggestionsOf(school, '?sector=rijksoverheid&limit=1&offset=1')).toMatchObject({ items: [], total: 1 });
  });

  it.each([
    ['lang', '?lang=fr'],
    ['sector', '?sector=bakkerij'],
    ['opgave', '?opgave=geluk'],
    ['leefdomein', '?leefdomein=ruimtevaart'],
    ['maxDistanceKm', '?maxDistanceKm=-5'],
    ['limit', '?limit=0'],
    ['offset', '?offset=x'],
  ])('answers 400 naming %s for a bad value', async (field, query) => {
    const response = await api.http().get(`/v1/partners/${school.slug}/suggestions${query}`).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('answers 404 for an unknown partner or run', async () => {
    await api.http().get('/v1/partners/bestaat-niet/suggestions').expect(404);
    await api.http().get('/v1/matching/runs/00000000-0000-4000-8000-000000000000').expect(404);
    await api.http().get('/v1/matching/runs/not-a-uuid').expect(404);
  });

  it('answers 409 while a run is unfinished, and changes nothing', async () => {
    const [{ id }] = await api.app.get(DataSource).query(`INSERT INTO matching_run (trigger, status, profile_version) VALUES ('manual', 'running', 1) RETURNING id`);
    try {
      const before = (await api.http().get('/v1/matching/runs').expect(200)).body.total;
      const response = await api.http().post('/v1/matching/runs').expect(409);
      expect(response.body).toMatchObject({ status: 409, type: '/problems/conflict' });
      expect(response.body.detail).toContain(id);
      expect((await api.http().get('/v1/matching/runs').expect(200)).body.total).toBe(before);
    } finally {
      await api.app.get(DataSource).query(`UPDATE matching_run SET status = 'failed', error = 'test' WHERE id = $1`, [id]);
    }
  });

  it('fails a run whose job could not be enqueued, so that it does not block the next request', async () => {
    const enqueue = jest.spyOn(api.app.get(MatchingJobProducer), 'enqueue').mockRejectedValueOnce(new QueueUnavailableException(new Error('Connection is closed.')));
    try {
      await api.http().post('/v1/matching/runs').expect(503);
    } finally {
      enqueue.mockRestore();
    }
    const [newest] = (await api.http().get('/v1/matching/runs?limit=1').expect(200)).body.items;
    expect(newest).toMatchObject({ status: 'failed', error: expect.stringContaining('could not enqueue the run: The job queue is not reachable') });
    expect((await runToCompletion()).status).toBe('completed');
  });

  it('takes an existing collaboration out of both lists once it is recorded', async () => {
    expect(await candidateSlugs(school)).toContain(supermarket.slug);
    const { body: connection } = await api.http().post('/v1/connections').send({ partnerA: school.slug, partnerB: supermarket.slug }).expect(201);
    try {
      await eventually(() => candidateSlugs(school), (slugs) => !slugs.includes(supermarket.slug));
      expect(await candidateSlugs(supermarket)).not.toContain(school.slug);
    } finally {
      await api.http().delete(`/v1/connections/${connection.id}`).expect(204);
      await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(supermarket.slug));
    }
  });

  it('removes an opted-out partner from every list, and gives it none', async () => {
    expect(await candidateSlugs(school)).toContain(gemeente.slug);
    await api.http().patch(`/v1/partners/${gemeente.slug}`).send({ matchingOptOut: true }).expect(200);
    try {
      await eventually(() => candidateSlugs(school), (slugs) => !slugs.includes(gemeente.slug));
      for (const partner of [voedselbank, supermarket, groningen, ministerie]) expect(await candidateSlugs(partner)).not.toContain(gemeente.slug);
      expect((await suggestionsOf(gemeente)).items).toEqual([]);
    } finally {
      await api.http().patch(`/v1/partners/${gemeente.slug}`).send({ matchingOptOut: false }).expect(200);
      await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(gemeente.slug));
    }
  });

  it('lists a new partner in the lists it belongs to without a full run', async () => {
    const newcomer = await create({ name: 'Jeugdfonds Sport & Cultuur Utrecht', offers: ['sportaanbod'] });
    try {
      await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(newcomer.slug));
      expect((await suggestionsOf(newcomer)).total).toBeGreaterThan(0);
    } finally {
      await api.http().delete(`/v1/partners/${newcomer.slug}`).expect(204);
    }
    await repairedWithout(newcomer);
  });

  it('keeps the lists a new full run computes equal to the incrementally repaired ones', async () => {
    const everyone = [voedselbank, school, supermarket, gemeente, groningen, ministerie];
    // A partner the incremental index added to the lists, so the run has repairs to agree with.
    const newcomer = await create({ name: 'Stichting Leergeld Utrecht', offers: ['financiering'] });
    try {
      await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(newcomer.slug));
      const before = await Promise.all([...everyone, newcomer].map((partner) => candidateSlugs(partner)));
      const run = await runToCompletion();
      expect(run.status).toBe('completed');
      const after = await Promise.all([...everyone, newcomer].map((partner) => candidateSlugs(partner)));
      expect(after).toEqual(before);
    } finally {
      await api.http().delete(`/v1/partners/${newcomer.slug}`).expect(204);
    }
    await repairedWithout(newcomer);
  });

  it('completes a run whose partner was deleted after the run ranked it, and keeps no row or match naming it', async () => {
    const doomed = await create({ name: 'Stichting Vluchtig Utrecht', offers: ['financiering'] });
    await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(doomed.slug));
    const database = api.app.get(DataSource);
    const naming = async () => {
      const [{ rows }] = await database.query(`SELECT count(*)::int AS rows FROM suggestion WHERE partner_id = $1 OR candidate_id = $1`, [doomed.id]);
      const [{ matches }] = await database.query(`SELECT count(*)::int AS matches FROM match WHERE partner_a_id = $1 OR partner_b_id = $1`, [doomed.id]);
      return { rows, matches };
    };
    // The run has read and ranked the partners; the deletion comes before its first write.
    const repository = api.app.get(SuggestionRepository);
    const writeShardChunk = repository.writeShardChunk.bind(repository);
    const written: string[][] = [];
    const write = jest.spyOn(repository, 'writeShardChunk').mockImplementation(async (runId, partnerIds, rows, kennisdelenRows) => {
      if (written.length === 0) await api.http().delete(`/v1/partners/${doomed.slug}`).expect(204);
      written.push([...partnerIds, ...rows.map((row) => row.candidateId)]);
      return writeShardChunk(runId, partnerIds, rows, kennisdelenRows);
    });
    try {
      const run = await runToCompletion();
      expect(run.status).toBe('completed');
    } finally {
      write.mockRestore();
    }
    expect(written.flat()).toContain(doomed.id);
    await repairedWithout(doomed);
    await eventually(naming, (left) => left.rows === 0 && left.matches === 0);
  });

  it('lets a partner deletion wait for the switch-in repair that has read the partners, then mends the lists', async () => {
    const doomed = await create({ name: 'Stichting Kortstondig Utrecht', offers: ['financiering'] });
    await eventually(() => candidateSlugs(school), (slugs) => slugs.includes(doomed.slug));
    const previousRun = (await suggestionsOf(school)).runId;
    const indexCache = api.app.get(MatchIndexCacheService);
    const sync = indexCache.sync.bind(indexCache);
    let deletion: Promise<number> | undefined;
    let answeredDuringRepair = false;
    let resumed!: () => void;
    const repairResumed = new Promise<void>((resolve) => (resumed = resolve));
    // The first sync for the new run is its switch-in repair's: it has read the partner as present.
    const spy = jest.spyOn(indexCache, 'sync').mockImplementation(async (runId, profile, manager) => {
      const synced = await sync(runId, profile, manager);
      if (!deletion && runId !== previousRun) {
        let answered = false;
        deletion = api
          .http()
          .delete(`/v1/partners/${doomed.slug}`)
          .then((response) => ((answered = true), response.status));
        await new Promise((resolve) => setTimeout(resolve, 300));
        answeredDuringRepair = answered;
        resumed();
      }
      return synced;
    });
    try {
      expect((await runToCompletion()).status).toBe('completed');
      await repairResumed;
      // Deleted after the repair wrote the lists naming it: a trigger removes its rows then.
      expect(await deletion).toBe(204);
    } finally {
      spy.mockRestore();
    }
    expect(answeredDuringRepair).toBe(false);
    await repairedWithout(doomed);
  });

  it('marks a run that fails as failed with its error, and leaves the previous lists in place', async () => {
    const before = await suggestionsOf(school);
    // Only the new run's shard writes fail: a repair of today's lists still catching up on an
    // earlier case's change (replaceLists) must neither take the failure nor fail itself.
    const repository = api.app.get(SuggestionRepository);
    const write = jest.spyOn(repository, 'writeShardChunk').mockRejectedValue(new Error('disk full'));
    try {
      const run = await runToCompletion();
      expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('disk full') });
    } finally {
      write.mockRestore();
    }
    const after = await suggestionsOf(school);
    expect(after.runId).toBe(before.runId);
    expect(after.items).toEqual(before.items);
  });
});
