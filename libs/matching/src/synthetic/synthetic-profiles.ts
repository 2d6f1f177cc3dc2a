import { KENNISBRON_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, TAG_VOCABULARY, taxonomy } from '@app/taxonomy';
import type { Scope } from '@app/taxonomy';
import { mulberry32, pick, pickDistinct, randomInt, Random } from './random';
import type { Connection, PartnerProfile } from '../types';

/** A generated partner: a profile plus what a demo seed needs to give it a realistic name. */
export interface SyntheticPartner extends PartnerProfile {
  /** Codes of `KENNISBRON_CODES`. */
  kennisbronnen: string[];
  /** The kind of organisation, e.g. `basisschool`, `voedselbank`, `ggd`; see `SYNTHETIC_KINDS`. */
  kind: string;
  /** The gemeente it is based in; absent for national partners. */
  homeGemeente?: string;
}

interface KindSpec {
  kind: string;
  weight: number;
  offers: string[];
  needs?: string[];
}

interface SectorSpec {
  sector: string;
  /** Share of all partners in a national network. */
  weight: number;
  /** Probabilities of local / regional / national. */
  scopes: [number, number, number];
  kinds: KindSpec[];
  opgaven: string[];
  leefdomeinen: string[];
  needs: string[];
  kennisbronnen: string[];
}

// The mix mirrors the alliance's partner list: many gemeenten and civil society
// organisations, fewer schools and businesses, a handful of national bodies.
const SECTORS: SectorSpec[] = [
  {
    sector: 'gemeente',
    weight: 22,
    scopes: [1, 0, 0],
    kinds: [{ kind: 'gemeente', weight: 1, offers: ['financiering', 'beleidskennis', 'toegang-wijkteams', 'schuldhulp', 'data-en-monitoring', 'locatie'] }],
    opgaven: ['meedoen', 'bestaanszekerheid', 'vroegsignalering', 'een-fijn-thuis', 'systeemverandering'],
    leefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving', 'maatschappelijke-participatie', 'risico-veiligheid'],
    needs: ['bereik-gezinnen', 'ervaringsdeskundigen', 'vrijwilligers', 'signalering-scholen', 'netwerk-bedrijven', 'onderzoek', 'evaluatie'],
    kennisbronnen: ['praktijk', 'wetenschap'],
  },
  {
    sector: 'maatschappelijke-organisatie',
    weight: 30,
    scopes: [0.7, 0.2, 0.1],
    kinds: [
      { kind: 'voedselbank', weight: 3, offers: ['voedsel', 'vrijwilligers'] },
      { kind: 'jeugdfonds-sport-cultuur', weight: 2, offers: ['sportaanbod', 'cultuuraanbod', 'financiering'] },
      { kind: 'leergeld', weight: 2, offers: ['laptops', 'kleding', 'financiering'] },
      { kind: 'schuldhulpmaatje', weight: 2, offers: ['schuldhulp', 'vrijwilligers'] },
      { kind: 'rode-kruis', weight: 1, offers: ['vrijwilligers', 'vervoer', 'voedsel'] },
      { kind: 'buurthuis', weight: 3, offers: ['locatie', 'huiswerkbegeleiding', 'taalles'] },
      { kind: 'kledingbank', weight: 1, offers: ['kleding', 'speelgoed'] },
      { kind: 'speelgoedbank', weight: 1, offers: ['speelgoed', 'vrijwilligers'] },
      { kind: 'ervaringsdeskundigen-collectief', weight: 1, offers: ['ervaringsdeskundigen', 'training-professionals', 'belangenbehartiging'] },
      { kind: 'sportvereniging', weight: 2, offers: ['sportaanbod', 'zwemlessen', 'locatie'] },
    ],
    opgaven: ['meedoen', 'bestaanszekerheid', 'ervaringsdeskundigheid', 'een-fijn-thuis', 'beeldvorming'],
    leefdomeinen: ['materieel-welzijn', 'maatschappelijke-participatie', 'relaties', 'subjectief-welbevinden'],
    needs: ['financiering', 'vrijwilligers', 'locatie', 'bereik-gezinnen', 'vervoer', 'communicatie', 'netwerk-bedrijven', 'voedsel'],
    kennisbronnen: ['ervaring', 'praktijk'],
  },
  {
    sector: 'onderwijs',
    weight: 14,
    scopes: [0.85, 0.15, 0],
    kinds: [
      { kind: 'basisschool', weight: 5, offers: ['locatie', 'bereik-gezinnen', 'signalering-scholen'] },
      { kind: 'middelbare-school', weight: 2, offers: ['locatie', 'bereik-gezinnen', 'signalering-scholen'] },
      { kind: 'mbo', weight: 1, offers: ['stageplekken', 'locatie', 'vrijwilligers'] },
      { kind: 'kinderopvang', weight: 2, offers: ['kinderopvang', 'bereik-gezinnen', 'signalering-scholen'] },
    ],
    opgaven: ['kansengelijkheid-onderwijs', 'gezond-opgroeien', 'vroegsignalering', 'meedoen'],
    leefdomeinen: ['onderwijs', 'gezondheid', 'relaties', 'subjectief-welbevinden'],
    needs: ['schoolontbijt', 'laptops', 'sportaanbod', 'cultuuraanbod', 'financiering', 'vrijwilligers', 'kleding', 'menstruatieproducten', 'huiswerkbegeleiding'],
    kennisbronnen: ['praktijk'],
  },
  {
    sector: 'jeugdgezondheidszorg',
    weight: 8,
    scopes: [0.3, 0.7, 0],
    kinds: [
      { kind: 'ggd', weight: 1, offers: ['gezondheidsvoorlichting', 'data-en-monitoring', 'training-professionals'] },
      { kind: 'consultatiebureau', weight: 2, offers: ['opvoedondersteuning', 'bereik-gezinnen', 'gezondheidsvoorlichting'] },
    ],
    opgaven: ['gezond-opgroeien', 'vroegsignalering', 'ouderschap-veerkracht'],
    leefdomeinen: ['gezondheid', 'relaties', 'subjectief-welbevinden', 'risico-veiligheid'],
    needs: ['locatie', 'vrijwilligers', 'ervaringsdeskundigen', 'voedsel', 'sportaanbod', 'zwemlessen'],
    kennisbronnen: ['praktijk', 'wetenschap'],
  },
  {
    sector: 'bedrijfsleven',
    weight: 12,
    scopes: [0.5, 0.25, 0.25],
    kinds: [
      { kind: 'supermarkt', weight: 3, offers: ['voedsel', 'financiering', 'vrijwilligers', 'menstruatieproducten', 'schoolontbijt'] },
      { kind: 'woningcorporatie', weight: 2, offers: ['woonadvies', 'locatie', 'energiebesparing', 'financiering'] },
      { kind: 'energiebedrijf', weight: 1, offers: ['energiebesparing', 'financiering'] },
      { kind: 'bank', weight: 1, offers: ['financiering', 'schuldhulp', 'vrijwilligers'] },
      { kind: 'zorgverzekeraar', weight: 1, offers: ['financiering', 'gezondheidsvoorlichting', 'data-en-monitoring'] },
    ],
    opgaven: ['meedoen', 'een-fijn-thuis', 'bestaanszekerheid', 'gezond-opgroeien'],
    leefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving', 'gezondheid'],
    needs: ['bereik-gezinnen', 'communicatie', 'evaluatie', 'ervaringsdeskundigen', 'toegang-wijkteams'],
    kennisbronnen: ['praktijk'],
  },
  {
    sector: 'kennisinstelling',
    weight: 7,
    scopes: [0.1, 0.5, 0.4],
    kinds: [
      { kind: 'hogeschool', weight: 2, offers: ['onderzoek', 'stageplekken', 'evaluatie'] },
      { kind: 'universiteit', weight: 1, offers: ['onderzoek', 'data-en-monitoring', 'evaluatie'] },
      { kind: 'kenniscentrum', weight: 1, offers: ['training-professionals', 'onderzoek', 'beleidskennis'] },
    ],
    opgaven: ['systeemverandering', 'beeldvorming', 'kansengelijkheid-onderwijs', 'ervaringsdeskundigheid', 'vroegsignalering'],
    leefdomeinen: LEEFDOMEIN_CODES,
    needs: ['bereik-gezinnen', 'ervaringsdeskundigen', 'financiering', 'data-en-monitoring', 'locatie'],
    kennisbronnen: ['wetenschap'],
  },
  {
    sector: 'brancheorganisatie',
    weight: 3.5,
    scopes: [0, 0, 1],
    kinds: [{ kind: 'brancheorganisatie', weight: 1, offers: ['netwerk-bedrijven', 'communicatie', 'belangenbehartiging', 'beleidskennis'] }],
    opgaven: ['systeemverandering', 'beeldvorming', 'kansengelijkheid-onderwijs'],
    leefdomeinen: ['maatschappelijke-participatie', 'onderwijs', 'materieel-welzijn'],
    needs: ['onderzoek', 'bereik-gezinnen', 'ervaringsdeskundigen'],
    kennisbronnen: ['praktijk'],
  },
  {
    sector: 'rijksoverheid',
    weight: 1.5,
    scopes: [0, 0, 1],
    kinds: [
      { kind: 'ministerie', weight: 2, offers: ['financiering', 'beleidskennis', 'data-en-monitoring'] },
      { kind: 'uitvoeringsorganisatie', weight: 1, offers: ['data-en-monitoring', 'schuldhulp', 'communicatie'] },
    ],
    opgaven: ['systeemverandering', 'bestaanszekerheid', 'meedoen'],
    leefdomeinen: ['materieel-welzijn', 'maatschappelijke-participatie', 'huisvesting-leefomgeving'],
    needs: ['ervaringsdeskundigen', 'onderzoek', 'evaluatie', 'signalering-scholen'],
    kennisbronnen: ['wetenschap', 'praktijk'],
  },
];

/** Every `kind` the generator can produce, by sector. */
export const SYNTHETIC_KINDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  SECTORS.map((spec) => [spec.sector, spec.kinds.map((kind) => kind.kind)]),
);

// Relative weight of a gemeente as a place partners are based; the big cities hold clusters.
const CITY_WEIGHTS: Record<string, number> = {
  GM0363: 14, // Amsterdam
  GM0599: 11, // Rotterdam
  GM0518: 10, // Den Haag
  GM0344: 8, // Utrecht
  GM0772: 5, // Eindhoven
  GM0014: 5, // Groningen
  GM0855: 4, // Tilburg
  GM0034: 4, // Almere
  GM0758: 3.5, // Breda
  GM0268: 3.5, // Nijmegen
  GM0202: 3, // Arnhem
  GM0392: 3, // Haarlem
  GM0153: 3, // Enschede
  GM0193: 2.5, // Zwolle
  GM0935: 2.5, // Maastricht
  GM0546: 2.5, // Leiden
  GM0080: 2, // Leeuwarden
};

interface Geography {
  codes: string[];
  cumulative: Float64Array;
  /** Per gemeente index, the other gemeenten by increasing centroid distance (first 12). */
  nearest: number[][];
  /** Gemeenten for partners of sector `gemeente`: a weighted order without repeats. */
  gemeenteOrder: (random: Random) => number[];
}

let geography: Geography | undefined;

function loadGeography(): Geography {
  if (geography) return geography;
  const gemeenten = taxonomy.gemeenten;
  const codes = gemeenten.map((gemeente) => gemeente.code);
  const weights = codes.map((code) => CITY_WEIGHTS[code] ?? 1);
  const cumulative = new Float64Array(codes.length);
  let total = 0;
  weights.forEach((weight, index) => (cumulative[index] = total += weight));
  const nearest = gemeenten.map((from, index) =>
    gemeenten
      .map((to, other) => ({ other, d: (from.lat - to.lat) ** 2 + ((from.lon - to.lon) * 0.61) ** 2 }))
      .filter((entry) => entry.other !== index)
      .sort((x, y) => x.d - y.d)
      .slice(0, 12)
      .map((entry) => entry.other),
  );
  // Efraimidis–Spirakis keys u^(1/w): a weighted random permutation, so gemeente partners
  // cover distinct gemeenten (big cities first, likely) until all 342 are used.
  const gemeenteOrder = (random: Random) =>
    weights
      .map((weight, index) => ({ index, key: Math.pow(random(), 1 / weight) }))
      .sort((x, y) => y.key - x.key)
      .map((entry) => entry.index);
  geography = { codes, cumulative, nearest, gemeenteOrder };
  return geography;
}

function weightedGemeente(random: Random, geo: Geography): number {
  const target = random() * geo.cumulative[geo.cumulative.length - 1];
  let low = 0;
  let high = geo.cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (geo.cumulative[mid] > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = random() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item;
  }
  return items[items.length - 1];
}

function uuidFrom(random: Random): string {
  const word = () => (Math.floor(random() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const s = word() + word() + word() + word();
  const variant = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
}

const SCOPE_ORDER: Scope[] = ['local', 'regional', 'national'];

/**
 * Generates a deterministic, realistic-looking alliance network: the same `{count, seed}`
 * always yields the same partners. Used by the tests, the benchmark and the demo seed.
 *
 * - Sector mix of a national network; national scope for rijksoverheid and brancheorganisaties.
 * - Spread over all gemeenten with clusters in the large cities. A `gemeente` partner works in
 *   exactly its own gemeente, and gemeente partners get distinct gemeenten while there are
 *   gemeenten left (so up to 342 gemeente partners are all different).
 * - 1–4 opgaven, 2–5 leefdomeinen, 1–4 offers and 1–4 needs, correlated with the sector and kind.
 * - About 3% opt out of matching.
 *
 * Linear in `count`; 100,000 partners take well under a second.
 */
export function generateSyntheticProfiles(options: { count: number; seed: number }): SyntheticPartner[] {
  const random = mulberry32(options.seed);
  const geo = loadGeography();
  let gemeenteQueue: number[] = [];
  const partners: SyntheticPartner[] = [];
  for (let index = 0; index < options.count; index++) {
    const spec = weighted(random, SECTORS);
    const kind = weighted(random, spec.kinds);
    const scope = scopeOf(random, spec);
    let gemeenten: string[] = [];
    let homeGemeente: string | undefined;
    if (spec.sector === 'gemeente') {
      if (gemeenteQueue.length === 0) gemeenteQueue = geo.gemeenteOrder(random).reverse();
      homeGemeente = geo.codes[gemeenteQueue.pop()!];
      gemeenten = [homeGemeente];
    } else if (scope !== 'national') {
      const home = weightedGemeente(random, geo);
      homeGemeente = geo.codes[home];
      const extra = scope === 'regional' ? randomInt(random, 3, 10) : random() < 0.3 ? randomInt(random, 1, 2) : 0;
      gemeenten = [homeGemeente, ...geo.nearest[home].slice(0, extra).map((other) => geo.codes[other])];
    }
    const offers = pickDistinct(random, randomInt(random, 1, 4), kind.offers, TAG_VOCABULARY, 0.85);
    const notOffered = (tag: string) => !offers.includes(tag);
    const needs = pickDistinct(random, randomInt(random, 1, 4), (kind.needs ?? spec.needs).filter(notOffered), TAG_VOCABULARY.filter(notOffered), 0.85);
    partners.push({
      id: uuidFrom(random),
      sector: spec.sector,
      kind: kind.kind,
      scope,
      gemeenten,
      homeGemeente,
      opgaven: pickDistinct(random, randomInt(random, 1, 4), spec.opgaven, OPGAVE_CODES, 0.8),
      leefdomeinen: pickDistinct(random, randomInt(random, 2, 5), spec.leefdomeinen, LEEFDOMEIN_CODES, 0.75),
      offers,
      needs,
      kennisbronnen: pickDistinct(random, randomInt(random, 1, 2), spec.kennisbronnen, KENNISBRON_CODES, 0.8),
      matchingOptOut: random() < 0.03,
    });
  }
  return partners;
}

function scopeOf(random: Random, spec: SectorSpec): Scope {
  let target = random();
  for (let index = 0; index < SCOPE_ORDER.length; index++) {
    target -= spec.scopes[index];
    if (target < 0) return SCOPE_ORDER[index];
  }
  return SCOPE_ORDER[spec.scopes.findIndex((share) => share > 0)];
}

/**
 * Existing collaborations for synthetic partners: on average `perPartner` connections each,
 * mostly with partners based in the same or a nearby gemeente (that is how real
 * collaborations start), some with national partners. Deterministic, no self-loops, no duplicates.
 */
export function generateSyntheticConnections(
  partners: readonly SyntheticPartner[],
  options: { seed: number; perPartner: number },
): Connection[] {
  const random = mulberry32(options.seed);
  const geo = loadGeography();
  const byGemeente = new Map<string, number[]>();
  partners.forEach((partner, index) => {
    if (!partner.homeGemeente) return;
    const list = byGemeente.get(partner.homeGemeente) ?? [];
    list.push(index);
    byGemeente.set(partner.homeGemeente, list);
  });
  const codeIndex = new Map(geo.codes.map((code, index) => [code, index]));
  const seen = new Set<number>();
  const connections: Connection[] = [];
  const n = partners.length;
  if (n < 2) return connections;
  // Each partner starts half of its connections; the other half come from partners that pick it.
  const perStart = options.perPartner / 2;
  for (let index = 0; index < n; index++) {
    const whole = Math.floor(perStart);
    const count = whole + (random() < perStart - whole ? 1 : 0);
    const home = partners[index].homeGemeente;
    for (let attempt = 0, made = 0; made < count && attempt < count * 4; attempt++) {
      let other: number;
      if (home && random() < 0.75) {
        const nearby = random() < 0.6 ? home : geo.codes[pick(random, geo.nearest[codeIndex.get(home)!].slice(0, 6))];
        const pool = byGemeente.get(nearby);
        if (!pool) continue;
        other = pick(random, pool);
      } else {
        other = Math.floor(random() * n);
      }
      if (other === index) continue;
      const key = Math.min(index, other) * n + Math.max(index, other);
      if (seen.has(key)) continue;
      seen.add(key);
      connections.push({ a: partners[index].id, b: partners[other].id });
      made++;
    }
  }
  return connections;
}

/**
 * A hand-written profile for a test case: a local maatschappelijke organisatie in Utrecht with
 * empty lists, with `fields` for what the case is about.
 */
export function handProfile(id: string, fields: Partial<PartnerProfile> = {}): PartnerProfile {
  return { id, sector: 'maatschappelijke-organisatie', scope: 'local', gemeenten: ['GM0344'], leefdomeinen: [], opgaven: [], offers: [], needs: [], ...fields };
}
