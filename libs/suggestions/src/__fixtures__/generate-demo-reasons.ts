/**
 * Wrote demo-reasons.json.gz: every suggestion of the demo network as the code of commit
 * 561cceb stored it (code, params, Dutch and English sentence and share of each reason), for
 * the default profile and for one with the network component on and more diversity.
 * Partner ids are written as `@<place in buildDemoData()>`, sentences once each. Kept
 * to show how the fixture was made; run against today's code it would test nothing.
 *   npx ts-node -r tsconfig-paths/register libs/suggestions/src/__fixtures__/generate-demo-reasons.ts
 */
import { writeFileSync } from 'fs';
import { gzipSync } from 'zlib';
import { join } from 'path';
import { buildDemoData } from '@app/demo-data';
import { buildMatchContext, buildSuggestions, COMPONENT_NAMES, DEFAULT_MATCHING_PROFILE, referenceList, type MatchingProfile, type PartnerProfile } from '@app/matching';
import { toPartnerProfile, toSuggestionRows } from '../partner-profiles';

const demo = buildDemoData();
const profiles: PartnerProfile[] = demo.partners.map((partner) => toPartnerProfile(partner as never));
const connections = demo.connections.map((c) => ({ a: c.first, b: c.second }));
const index = new Map(profiles.map((p, i) => [p.id, i]));
const byId = new Map(profiles.map((p) => [p.id, p]));
const variants: { name: string; profile: MatchingProfile }[] = [
  { name: 'default', profile: DEFAULT_MATCHING_PROFILE },
  { name: 'network', profile: { ...DEFAULT_MATCHING_PROFILE, version: 7, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.2 }, diversity: 0.6 } },
];
// Sentences repeat across rows: each is stored once and rows name it by its place.
const sentences: string[] = [];
const sentenceIndex = new Map<string, number>();
const sentence = (text: string) => {
  if (!sentenceIndex.has(text)) sentenceIndex.set(text, sentences.push(text) - 1);
  return sentenceIndex.get(text)!;
};
const rows: unknown[] = [];
variants.forEach(({ profile }, variant) => {
  const context = buildMatchContext({ profile, connections });
  // The second variant adds common-partners and more diversity reasons; 60 lists show them.
  for (const viewer of variant === 0 ? profiles : profiles.slice(0, 60)) {
    const suggestions = buildSuggestions(viewer, referenceList(viewer, profiles, context), (id) => byId.get(id), context);
    for (const row of toSuggestionRows('run', viewer, suggestions, (id) => byId.get(id), profile.version)) {
      rows.push([
        variant,
        index.get(row.partnerId),
        index.get(row.candidateId),
        row.rank,
        row.distanceKm,
        COMPONENT_NAMES.map((name) => row.components[name]),
        row.reasons.map((r) => [r.code, JSON.parse(JSON.stringify(r.params, (_key, value) => (index.has(value) ? `@${index.get(value)}` : value))), sentence(r.nl), sentence(r.en), r.share]),
      ]);
    }
  }
});
const out = JSON.stringify({ commit: '561cceb', variants, sentences, rows });
writeFileSync(join(__dirname, 'demo-reasons.json.gz'), gzipSync(out, { level: 9 }));
console.log(`${rows.length} rows, ${out.length} bytes of JSON`);
