import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { buildDemoData } from '@app/demo-data';
import {
  buildMatchContext,
  COMPONENT_NAMES,
  diversityReason,
  explainPair,
  explainPairFacts,
  renderStoredReasons,
  storeExplainedFacts,
  storeReasons,
  storedReasonText,
  type ComponentName,
  type MatchingProfile,
  type Reason,
  type StoredReasonRow,
  withShareSentences,
} from '@app/matching';
import { toPartnerProfile } from './partner-profiles';

// What the code of commit 561cceb stored for the demo network (see generate-demo-reasons.ts):
// the compact form must render exactly those sentences, params and shares back.
type FixtureRow = [number, number, number, number, number | null, number[], [string, Record<string, unknown>, number, number, number][]];
const fixture: { variants: { name: string; profile: MatchingProfile }[]; sentences: string[]; rows: FixtureRow[] } = JSON.parse(
  gunzipSync(readFileSync(join(__dirname, '__fixtures__', 'demo-reasons.json.gz'))).toString('utf8'),
);
const demo = buildDemoData();
const profiles = demo.partners.map((partner) => toPartnerProfile(partner as never));
const idOf = (value: unknown): unknown => (typeof value === 'string' && /^@\d+$/.test(value) ? profiles[Number(value.slice(1))].id : value);
const restoreIds = (params: Record<string, unknown>) => JSON.parse(JSON.stringify(params), (_key, value) => (Array.isArray(value) ? value.map(idOf) : idOf(value)));

const stored = fixture.rows.map(([variant, viewer, candidate, rank, distanceKm, components, reasons]) => {
  const row: StoredReasonRow = {
    partnerId: profiles[viewer].id,
    candidateId: profiles[candidate].id,
    rank,
    distanceKm,
    components: Object.fromEntries(COMPONENT_NAMES.map((name, i) => [name, components[i]])) as Record<ComponentName, number>,
    weights: fixture.variants[variant].profile.weights,
  };
  const expected: Reason[] = reasons.map(([code, params, nl, en, share]) => ({ code, params: restoreIds(params), nl: fixture.sentences[nl], en: fixture.sentences[en], share }));
  return { variant, viewer, candidate, row, expected };
});

describe('stored reasons on the demo network', () => {
  it('covers every reason code', () => {
    const codes = new Set(stored.flatMap(({ expected }) => expected.map((reason) => reason.code)));
    expect([...codes].sort()).toEqual(
      ['both-national', 'common-partners', 'cross-sector', 'diversity-moved', 'leefdomeinen-coverage', 'national-reach', 'nearby', 'reciprocity', 'regional-reach', 'same-gemeente', 'same-sector', 'shared-opgaven'].sort(),
    );
  });

  it('renders the sentences, params and shares that the previous code stored, from compact arrays', () => {
    let bytes = 0;
    let literal = 0;
    for (const { row, expected } of stored) {
      const text = JSON.stringify(storeReasons(expected, row));
      bytes += text.length;
      const back = JSON.parse(text);
      literal += back.filter((entry: unknown) => !Array.isArray(entry)).length;
      const rendered = renderStoredReasons(back, row);
      // Exactly, key order included: the API writes these objects as they are.
      expect(JSON.stringify(rendered)).toBe(JSON.stringify(expected));
      back.forEach((entry: never, i: number) => {
        expect(storedReasonText(entry, row, 'nl')).toBe(expected[i].nl);
        expect(storedReasonText(entry, row, 'en')).toBe(expected[i].en);
      });
    }
    expect(literal).toBe(0);
    const before = stored.reduce((sum, { expected }) => sum + JSON.stringify(expected).length, 0);
    // ~1 kB of params and two sentences a row before, a few dozen bytes now.
    expect(bytes / stored.length).toBeLessThan(90);
    expect(before / stored.length).toBeGreaterThan(700);
  });

  it('explains each pair with the same sentences as the previous code', () => {
    const connections = demo.connections.map((c) => ({ a: c.first, b: c.second }));
    const contexts = fixture.variants.map(({ profile }) => buildMatchContext({ profile, connections }));
    for (const { variant, viewer, candidate, row, expected } of stored) {
      const { reasons } = explainPair(profiles[viewer], profiles[candidate], contexts[variant]);
      const diversity = expected.filter((reason) => reason.code === 'diversity-moved');
      const again = [...reasons, ...diversity.map((reason) => diversityReason(row.rank, reason.params.scoreRank as number))];
      // Codes, params and sentences exactly; a share computed afresh through Math.pow and the
      // haversine differs in its last bit between Node versions (Node 24.22 gives
      // 0.16353266744502118 where Node 20 and the fixture have 0.1635326674450212), so shares
      // are compared to 1e-12.
      const withoutShares = (list: Reason[]) => JSON.stringify(list.map(({ share: _share, ...rest }) => rest));
      expect(withoutShares(again)).toBe(withoutShares(expected));
      again.forEach((reason, i) => expect(Math.abs(reason.share - expected[i].share)).toBeLessThan(1e-12));
    }
  });

  it('stores a full run\'s explained facts exactly as the same reasons with their sentences', () => {
    const connections = demo.connections.map((c) => ({ a: c.first, b: c.second }));
    const contexts = fixture.variants.map(({ profile }) => buildMatchContext({ profile, connections }));
    let compared = 0;
    for (const { variant, viewer, candidate, row } of stored) {
      const { components, reasons } = explainPairFacts(profiles[viewer], profiles[candidate], contexts[variant]);
      // The row as a run writes it: the components it computed, not the fixture's (their last bit may differ by Node version).
      const own = { ...row, components: components as Record<ComponentName, number> };
      for (const facts of reasons) {
        expect(JSON.stringify(storeExplainedFacts(facts, own))).toBe(JSON.stringify(storeReasons([withShareSentences(facts)], own)[0]));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('stores a reason whole when its facts have no compact form, sentences included', () => {
    const row = stored[0].row;
    const facts = { code: 'shared-opgaven', params: { opgaven: ['een-opgave-van-later'] }, share: 0 };
    expect(storeExplainedFacts(facts, row)).toEqual(withShareSentences(facts));
    expect(storeExplainedFacts(facts, row)).toMatchObject({ nl: expect.stringContaining('Jullie werken allebei aan'), en: expect.stringContaining('You both work on') });
  });
});
