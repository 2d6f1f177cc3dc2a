import { settledDigest } from './support/database-digest';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { createPartner, NATIONAL_KNOWLEDGE_PARTNER, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface CreatedPartner {
  id: string;
  slug: string;
}

interface ReviewItem {
  id: string;
  score: number;
  status: string;
  partnerA: CreatedPartner;
  partnerB: CreatedPartner;
  mutualInterest: boolean;
}

jest.setTimeout(30_000);

describe('team review, decisions and partner feedback (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let reviewerKey: string;
  const partners: CreatedPartner[] = [];
  /** Set by the rejection below: a pair in no list any more. */
  let rejectedPairId: string;

  const listOf = async (partner: CreatedPartner, view: 'partner' | 'team') =>
    (await api.http().get(`/v1/partners/${partner.slug}/suggestions?view=${view}`).expect(200)).body;
  const candidates = async (partner: CreatedPartner, view: 'partner' | 'team' = 'team'): Promise<string[]> =>
    (await listOf(partner, view)).items.map((item: { candidate: { id: string } }) => item.candidate.id);
  const reviews = async (query = ''): Promise<{ items: ReviewItem[]; total: number; runId: string }> =>
    (await api.http().get(`/v1/reviews${query}`).expect(200)).body;
  const decide = (id: string, status: string, note?: string) => api.as(reviewerKey).patch(`/v1/matches/${id}`).send({ status, note });
  const other = (item: ReviewItem, partner: CreatedPartner) => (item.partnerA.id === partner.id ? item.partnerB : item.partnerA);

  beforeAll(async () => {
    api = await startTestApp('reviews');
    // The history names who decided by the caller's key: this team key's name.
    reviewerKey = (await api.http().post('/v1/api-keys').send({ name: 'sardes@example.org', role: 'team' }).expect(201)).body.key;
    const fixtures = [...UTRECHT_PARTNERS, { name: 'Jeugdfonds Sport & Cultuur Zeist', gemeenten: ['GM0355'], offers: ['sportaanbod'], leefdomeinen: ['maatschappelijke-participatie', 'subjectief-welbevinden'] }, NATIONAL_KNOWLEDGE_PARTNER];
    for (const fixture of fixtures) partners.push(await createPartner(api, partnerBody(fixture)));
    await completeFullRun(api);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('queues every suggested pair once, pending, highest score first, with both partners and the reasons', async () => {
    const queue = await reviews('?limit=500');
    const pairs = queue.items.map((item) => [item.partnerA.id, item.partnerB.id].sort().join());
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(queue.total).toBe(7 * 6 / 2);
    const scores = queue.items.map((item) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(queue.items[0]).toMatchObject({ status: 'pending', nextStatuses: ['approved', 'rejected'], mutualInterest: false });
    expect(queue.items[0].partnerA.id < queue.items[0].partnerB.id).toBe(true);
    expect((queue.items[0] as unknown as { reasons: unknown[] }).reasons.length).toBeGreaterThan(0);
  });

  it('filters the queue by sector, gemeente, province, opgave, leefdomein and minimum score', async () => {
    const [school] = [partners[1]];
    const bySector = await reviews('?sector=onderwijs&limit=500');
    expect(bySector.total).toBe(6);
    expect(bySector.items.every((item) => item.partnerA.id === school.id || item.partnerB.id === school.id)).toBe(true);
    const zeist = await reviews('?gemeente=GM0355&limit=500');
    expect(zeist.items.every((item) => [item.partnerA.id, item.partnerB.id].includes(partners[5].id))).toBe(true);
    expect((await reviews('?province=PV26&limit=500')).total).toBe(21);
    expect((await reviews('?province=PV20&limit=500')).total).toBe(0);
    const byOpgave = await reviews('?opgave=bestaanszekerheid&limit=500');
    expect(byOpgave.total).toBe(6);
    // Only the Zeist fund works on participation: its six pairs. Every other partner works on health.
    const zeistFund = partners[5];
    const byLeefdomein = await reviews('?leefdomein=maatschappelijke-participatie&limit=500');
    expect(byLeefdomein.total).toBe(6);
    expect(byLeefdomein.items.every((item) => [item.partnerA.id, item.partnerB.id].includes(zeistFund.id))).toBe(true);
    expect((await reviews('?leefdomein=gezondheid&limit=500')).total).toBe(21);
    expect((await reviews('?leefdomein=onderwijs&limit=500')).total).toBe(0);
    expect((await reviews('?leefdomein=maatschappelijke-participatie&sector=onderwijs&limit=500')).items.map((item) => [item.partnerA.id, item.partnerB.id].sort().join())).toEqual([
      [zeistFund.id, school.id].sort().join(),
    ]);
    const all = await reviews('?limit=500');
    const threshold = all.items[4].score;
    expect((await reviews(`?minScore=${threshold}&limit=500`)).items.every((item) => item.score >= threshold)).toBe(true);
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [field, query] of [
      ['status', '?status=maybe'],
      ['sector', '?sector=bakkerij'],
      ['gemeente', '?gemeente=GM9999'],
      ['leefdomein', '?leefdomein=sport'],
      ['minScore', '?minScore=2'],
      ['mutualInterest', '?mutualInterest=perhaps'],
    ]) {
      const response = await api.http().get(`/v1/reviews${query}`).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('shows a partner only approved pairs; an approval survives a full run', async () => {
    const school = partners[1];
    expect(await candidates(school, 'partner')).toEqual([]);
    const schoolPairs = (await reviews(`?sector=onderwijs&limit=500`)).items;
    const approved = schoolPairs[0];
    const body = (await decide(approved.id, 'approved', 'Mooie combinatie voor het schoolontbijt').expect(200)).body;
    expect(body).toMatchObject({ id: approved.id, status: 'approved', note: 'Mooie combinatie voor het schoolontbijt' });
    const partnerView = await listOf(school, 'partner');
    expect(partnerView.statuses).toEqual(['approved', 'introduced']);
    expect(partnerView.items.map((item: { candidate: { id: string }; status: string }) => [item.candidate.id, item.status])).toEqual([
      [other(approved, school).id, 'approved'],
    ]);
    // Each item carries the partner's own answer in the partner view (null before it answered), never in the team view.
    expect(partnerView.items[0].feedback).toBeNull();
    expect((await listOf(school, 'team')).items.every((item: object) => !('feedback' in item))).toBe(true);
    await api.http().post(`/v1/partners/${school.slug}/suggestions/${other(approved, school).id}/feedback`).send({ verdict: 'interested' }).expect(200);
    expect((await listOf(school, 'partner')).items.map((item: { feedback: string | null }) => item.feedback)).toEqual(['interested']);
    expect((await listOf(other(approved, school), 'partner')).items.map((item: { feedback: string | null }) => item.feedback)).toEqual([null]);
    // The other partner sees the same approved pair, and the decision outlives a recompute.
    expect(await candidates(other(approved, school), 'partner')).toEqual([school.id]);
    await completeFullRun(api);
    expect(await candidates(school, 'partner')).toEqual([other(approved, school).id]);
    expect((await api.http().get(`/v1/matches/${approved.id}`).expect(200)).body.status).toBe('approved');
  });

  it('takes a rejected pair out of both lists at once, after the incremental repair and after a full run', async () => {
    const [first, second] = [partners[0], partners[3]];
    const pair = (await reviews('?limit=500')).items.find((item) => [item.partnerA.id, item.partnerB.id].sort().join() === [first.id, second.id].sort().join())!;
    expect(await candidates(first)).toContain(second.id);
    await decide(pair.id, 'rejected', 'Werken al samen via het wijkteam').expect(200);
    rejectedPairId = pair.id;
    expect(await candidates(first)).not.toContain(second.id);
    expect(await candidates(second)).not.toContain(first.id);
    // The incremental repair recomputes both lists without the pair (the stored rows, not a read filter).
    await eventually(() => candidates(first), (ids) => ids.length === 5);
    await completeFullRun(api);
    expect(await candidates(first)).not.toContain(second.id);
    expect(await candidates(second)).not.toContain(first.id);
    expect((await reviews('?status=rejected')).items.length).toBe(0); // rejected pairs are in no list, so in no queue
    expect((await api.http().get(`/v1/matches/${pair.id}`).expect(200)).body).toMatchObject({ status: 'rejected', nextStatuses: ['pending'] });
  });

  it('reads one pair as the queue shows it, whatever its status; 404 for an unknown id or a pair in no list', async () => {
    const [pending] = (await reviews('?limit=1')).items;
    const [approved] = (await reviews('?status=approved&limit=1')).items;
    for (const queued of [pending, approved]) {
      const single = (await api.http().get(`/v1/reviews/${queued.id}`).expect(200)).body;
      const { runId, ...item } = single;
      expect(item).toEqual(queued);
      expect(runId).toBe((await api.http().get('/v1/reviews?limit=1').expect(200)).body.runId);
    }
    const english = (await api.http().get(`/v1/reviews/${pending.id}?lang=en`).expect(200)).body;
    expect(english.reasons.map((reason: { code: string }) => reason.code)).toEqual((pending as unknown as { reasons: { code: string }[] }).reasons.map((reason) => reason.code));
    expect(english.reasons[0].text).not.toBe((pending as unknown as { reasons: { text: string }[] }).reasons[0].text);

    const unknown = await api.http().get('/v1/reviews/00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.detail).toBe('Match "00000000-0000-4000-8000-000000000000" does not exist');
    await api.http().get('/v1/reviews/not-a-uuid').expect(404);
    const rejected = await api.http().get(`/v1/reviews/${rejectedPairId}`).expect(404);
    expect(rejected.body.detail).toContain('rejected');
    const badLanguage = await api.http().get(`/v1/reviews/${pending.id}?lang=de`).expect(400);
    expect(badLanguage.body.errors[0].field).toBe('lang');
    const unknownParameter = await api.http().get(`/v1/reviews/${pending.id}?status=pending`).expect(400);
    expect(unknownParameter.body.errors[0].field).toBe('status');
  });

  it('answers 409 for a move the workflow does not allow, and 404 for an unknown match', async () => {
    const pending = (await reviews()).items[0];
    const response = await decide(pending.id, 'collaborating').expect(409);
    expect(response.body.detail).toContain('pending');
    expect((await api.http().get(`/v1/matches/${pending.id}`).expect(200)).body.status).toBe('pending');
    await decide('00000000-0000-4000-8000-000000000000', 'approved').expect(404);
    await api.http().get('/v1/matches/not-a-uuid/history').expect(404);
    const invalid = await decide(pending.id, 'maybe').expect(400);
    expect(invalid.body.errors[0].field).toBe('status');
  });

  it('decides in bulk all or nothing', async () => {
    const pending = (await reviews('?limit=3')).items.map((item) => item.id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const failed = await api.http().post('/v1/matches/bulk').send({ ids: [...pending, unknown], status: 'approved' }).expect(404);
    expect(failed.body.errors[0]).toMatchObject({ field: 'ids[3]', value: unknown });
    for (const id of pending) expect((await api.http().get(`/v1/matches/${id}`).expect(200)).body.status).toBe('pending');
    const alreadyApproved = (await reviews('?status=approved')).items[0].id;
    await api.http().post('/v1/matches/bulk').send({ ids: [...pending, alreadyApproved], status: 'approved' }).expect(409);
    for (const id of pending) expect((await api.http().get(`/v1/matches/${id}`).expect(200)).body.status).toBe('pending');
    const done = await api.http().post('/v1/matches/bulk').send({ ids: pending, status: 'approved', note: 'Ronde 1' }).expect(200);
    expect(done.body.items.map((item: { status: string }) => item.status)).toEqual(['approved', 'approved', 'approved']);
    const badIds = await api.http().post('/v1/matches/bulk').send({ ids: ['x'], status: 'approved' }).expect(400);
    expect(badIds.body.errors[0].field).toMatch(/^ids/);
  });

  it('records the caller as who decided, and refuses an actor in the body', async () => {
    const [one, two] = (await reviews('?limit=2')).items.map((item) => item.id);
    for (const send of [
      () => api.as(reviewerKey).patch(`/v1/matches/${one}`).send({ status: 'approved', actor: 'iemand anders' }),
      () => api.as(reviewerKey).post('/v1/matches/bulk').send({ ids: [one, two], status: 'approved', actor: 'iemand anders' }),
    ]) {
      const refused = await send().expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'actor', message: expect.stringContaining('taken from your sign-in') })]);
    }
    expect((await api.http().get(`/v1/matches/${one}`).expect(200)).body.status).toBe('pending');
    await api.as(reviewerKey).post('/v1/matches/bulk').send({ ids: [one], status: 'approved' }).expect(200);
    await api.http().patch(`/v1/matches/${two}`).send({ status: 'rejected' }).expect(200);
    const actors = async (id: string) => (await api.http().get(`/v1/matches/${id}/history`).expect(200)).body.items.map((event: { actor: string }) => event.actor);
    expect(await actors(one)).toEqual(['sardes@example.org']);
    expect(await actors(two)).toEqual(['admin']);
  });

  it('keeps the whole history of a match in order; a collaboration becomes a connection', async () => {
    const match = (await reviews('?status=approved')).items[0];
    await decide(match.id, 'introduced', 'Kennismaking op 3 december').expect(200);
    await decide(match.id, 'collaborating').expect(200);
    const history = (await api.http().get(`/v1/matches/${match.id}/history`).expect(200)).body;
    expect(history.items.map((event: { from: string; to: string }) => `${event.from}>${event.to}`)).toEqual([
      'pending>approved',
      'approved>introduced',
      'introduced>collaborating',
    ]);
    expect(history.items[1]).toMatchObject({ actor: 'sardes@example.org', note: 'Kennismaking op 3 december' });
    const connections = (await api.http().get(`/v1/connections?partner=${match.partnerA.id}`).expect(200)).body.items;
    expect(connections.some((connection: { partnerA: { id: string }; partnerB: { id: string } }) => connection.partnerB.id === match.partnerB.id || connection.partnerA.id === match.partnerB.id)).toBe(true);
    await eventually(() => candidates(match.partnerA), (ids) => !ids.includes(match.partnerB.id));
  });

  it('takes a candidate a partner calls not relevant out of its list only, and flags mutual interest', async () => {
    // The connection the test before made still moves lists (shared collaborators count in the
    // score): pick the pair once the repairs it set off are written, or it may leave the lists.
    await settledDigest(api.database.url);
    const viewer = partners[4];
    // Two candidates whose pairs are still pending: the tests before decided pairs by queue order,
    // which among equal scores follows the (random) ids, so any of this list's pairs may be decided.
    const pending = (await listOf(viewer, 'team')).items.filter((item: { status: string }) => item.status === 'pending');
    const [dropped, keen] = pending.map((item: { candidate: { id: string } }) => item.candidate.id);
    const feedback = await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${dropped}/feedback`).send({ verdict: 'not-relevant', reason: 'Buiten ons werkgebied' }).expect(200);
    expect(feedback.body).toMatchObject({ verdict: 'not-relevant', reason: 'Buiten ons werkgebied', mutualInterest: false });
    expect(await candidates(viewer)).not.toContain(dropped);
    expect(await candidates({ id: dropped, slug: dropped })).toContain(viewer.id);

    await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${keen}/feedback`).send({ verdict: 'interested' }).expect(200);
    const both = await api.http().post(`/v1/partners/${keen}/suggestions/${viewer.id}/feedback`).send({ verdict: 'interested' }).expect(200);
    expect(both.body.mutualInterest).toBe(true);
    const flagged = await reviews('?mutualInterest=true&status=pending');
    expect(flagged.items.map((item) => [item.partnerA.id, item.partnerB.id].sort().join())).toEqual([[viewer.id, keen].sort().join()]);
    expect(flagged.items[0].mutualInterest).toBe(true);
  });

  it('counts the pairs per status in one request, each equal to the queue\'s total for that status under the same filters', async () => {
    const statuses = ['pending', 'approved', 'rejected', 'introduced', 'collaborating', 'declined'];
    const threshold = (await reviews('?limit=500')).items[3].score;
    let decided = 0;
    for (const filters of ['', 'sector=onderwijs', 'province=PV26', 'leefdomein=maatschappelijke-participatie', `minScore=${threshold}`, 'mutualInterest=true', 'province=PV20']) {
      const { body } = await api.http().get(`/v1/reviews/counts${filters ? `?${filters}` : ''}`).expect(200);
      expect(Object.keys(body.counts).sort()).toEqual([...statuses].sort());
      expect(body.runId).toBe((await reviews()).runId);
      for (const status of statuses) {
        const { total } = await reviews(`?status=${status}&limit=1${filters ? `&${filters}` : ''}`);
        expect([filters, status, body.counts[status]]).toEqual([filters, status, total]);
      }
      if (!filters) decided = body.counts.approved + body.counts.rejected + body.counts.collaborating;
    }
    // The decisions above are counted, not only the pending pairs.
    expect(decided).toBeGreaterThan(0);
    for (const [field, query] of [
      ['sector', '?sector=bakkerij'],
      ['minScore', '?minScore=2'],
      ['mutualInterest', '?mutualInterest=perhaps'],
      ['status', '?status=pending'],
    ]) {
      const response = await api.http().get(`/v1/reviews/counts${query}`).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('rejects feedback with a bad verdict or on a partner that was never suggested', async () => {
    const [viewer, stranger] = [partners[0], partners[3]]; // rejected above: no longer suggested, but once was
    const bad = await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${stranger.slug}/feedback`).send({ verdict: 'meh' }).expect(400);
    expect(bad.body.errors[0].field).toBe('verdict');
    const newcomer = await createPartner(api, partnerBody({ name: 'Speelgoedbank Maastricht', gemeenten: ['GM0935'] }));
    await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${newcomer.slug}/feedback`).send({ verdict: 'interested' }).expect(404);
    await api.http().post(`/v1/partners/${viewer.slug}/suggestions/bestaat-niet/feedback`).send({ verdict: 'interested' }).expect(404);
  });
});
