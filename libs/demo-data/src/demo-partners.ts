import { generateSyntheticConnections, generateSyntheticProfiles, mulberry32, pick as pickWith, type SyntheticPartner } from '@app/matching/synthetic';
import { findGemeente, labelOf, taxonomy } from '@app/taxonomy';
import type { SeedData } from '@app/persistence';
import { firstFreeSlug, slugify } from '@app/persistence';

export const DEMO_SEED = 2030;
export const DEMO_PARTNER_COUNT = 300;

type Pick = <T>(options: readonly T[]) => T;
type NameTemplate = (place: string, pick: Pick) => string;

const SCHOOL_NAMES = ['De Regenboog', 'De Zonnebloem', 'Het Kompas', 'De Wereldwijzer', 'De Vlinder', 'Het Palet', 'De Sterrenkijker', 'De Fontein', 'De Springplank', 'Het Mozaïek'];

/** Fictional but typical Dutch organisation names, by the generator's `kind`. */
const NAME_TEMPLATES: Record<string, NameTemplate> = {
  gemeente: (place) => `Gemeente ${place}`,
  voedselbank: (place) => `Voedselbank ${place}`,
  'jeugdfonds-sport-cultuur': (place) => `Jeugdfonds Sport & Cultuur ${place}`,
  leergeld: (place) => `Stichting Leergeld ${place}`,
  schuldhulpmaatje: (place) => `SchuldHulpMaatje ${place}`,
  'rode-kruis': (place) => `Rode Kruis afdeling ${place}`,
  buurthuis: (place, pick) => `Buurthuis ${pick(['De Schakel', 'Het Anker', 'De Brug', 'De Horizon', 'Ons Huis'])} ${place}`,
  kledingbank: (place) => `Kledingbank ${place}`,
  speelgoedbank: (place) => `Speelgoedbank ${place}`,
  'ervaringsdeskundigen-collectief': (place) => `Ervaringsdeskundigen Collectief ${place}`,
  sportvereniging: (place, pick) => `${pick(['Sportclub', 'Omnivereniging', 'Zwemvereniging'])} ${place}`,
  basisschool: (place, pick) => `${pick(['OBS', 'CBS', 'Kindcentrum', 'Basisschool'])} ${pick(SCHOOL_NAMES)} ${place}`,
  'middelbare-school': (place, pick) => `${pick(['Stedelijk College', 'Christelijk Lyceum', 'Scholengemeenschap Het Baken', 'Vakcollege'])} ${place}`,
  mbo: (place, pick) => `${pick(['ROC', 'Vakschool', 'MBO College'])} ${place}`,
  kinderopvang: (place, pick) => `Kinderopvang ${pick(['Dribbel', 'Kikkerland', 'De Speeltuin', 'Ukkie'])} ${place}`,
  ggd: (place) => `GGD ${place}`,
  consultatiebureau: (place) => `Jeugdgezondheidszorg ${place}`,
  supermarkt: (place, pick) => `${pick(['Buurtsuper', 'Versmarkt', 'Supermarkt'])} ${pick(['Het Hoekje', 'De Korenschoof', 'Vers & Dichtbij', 'De Markt'])} ${place}`,
  woningcorporatie: (place, pick) => `Woonstichting ${pick(['Thuis', 'Samen Wonen', 'Het Dak', 'Wonen Plus'])} ${place}`,
  energiebedrijf: (place) => `Energiecoöperatie ${place}`,
  bank: (place) => `Coöperatieve Spaarbank ${place}`,
  zorgverzekeraar: (place, pick) => `Zorgverzekeraar ${pick(['Gezond Samen', 'Zorg Dichtbij', 'Goed Verzekerd'])} ${place}`,
  hogeschool: (place) => `Hogeschool ${place}`,
  universiteit: (place) => `Universiteit ${place}`,
  kenniscentrum: (place, pick) => `Kenniscentrum ${pick(['Armoede en Jeugd', 'Kansrijk Opgroeien', 'Jeugd en Gezin'])} ${place}`,
};

/** Names of organisations that work nationally, by kind; each is used once. */
const NATIONAL_NAMES: Record<string, readonly string[]> = {
  voedselbank: ['Vereniging van Voedselbanken'],
  'jeugdfonds-sport-cultuur': ['Landelijk Jeugdfonds Sport & Cultuur'],
  leergeld: ['Stichting Leergeld Nederland'],
  schuldhulpmaatje: ['SchuldHulpMaatje Nederland'],
  'rode-kruis': ['Rode Kruis Nederland'],
  buurthuis: ['Landelijk Netwerk Buurthuizen'],
  kledingbank: ['Kledingbank Nederland'],
  speelgoedbank: ['Speelgoedbank Nederland'],
  'ervaringsdeskundigen-collectief': ['Landelijk Collectief Ervaringsdeskundigen Armoede'],
  sportvereniging: ['Sportbond Kansrijk Bewegen', 'Nationale Zwembond voor Kinderen'],
  supermarkt: ['Supermarktketen Vers & Dichtbij', 'Supermarktgroep De Korenschoof', 'Versmarkt Groep Nederland', 'Buurtsupers Nederland', 'Supermarktcoöperatie Samen Sterk', 'Discountketen Voordelig', 'Landelijke Versmarkten', 'Supermarktgroep Het Hoekje'],
  woningcorporatie: ['Woongroep Samen Wonen', 'Landelijke Woonstichting Het Dak', 'Woonconcern Thuis'],
  energiebedrijf: ['Energiemaatschappij Groen Licht', 'Nationale Energiecoöperatie', 'Energieleverancier Warm Thuis'],
  bank: ['Coöperatieve Spaarbank Nederland', 'Bankfonds Kansrijk Opgroeien', 'Spaarbank Samen'],
  zorgverzekeraar: ['Zorgverzekeraar Gezond Samen', 'Zorgverzekeraar Zorg Dichtbij', 'Zorgverzekeraar Goed Verzekerd'],
  hogeschool: ['Landelijk Lectoraat Armoede en Onderwijs', 'Hogeschoolnetwerk Kansengelijkheid'],
  universiteit: ['Onderzoeksinstituut Kinderarmoede', 'Universitair Netwerk Opgroeien in Armoede'],
  kenniscentrum: ['Kenniscentrum Armoede en Jeugd', 'Kenniscentrum Kansrijk Opgroeien', 'Kenniscentrum Jeugd en Gezin', 'Expertisecentrum Schulden en Gezin'],
  brancheorganisatie: [
    'Vereniging van Kinderopvangorganisaties',
    'Vereniging van Supermarktondernemers',
    'Vereniging van Schoolbesturen',
    'Vereniging van Sportbonden',
    'Vereniging van Woningcorporaties',
    'Vereniging van Energieleveranciers',
    'Vereniging van Zorgverzekeraars',
    'Vereniging van Banken',
    'Werkgeversvereniging Maatschappelijk Ondernemen',
    'Branchevereniging Welzijn en Sociaal Werk',
    'Platform Bedrijven tegen Armoede',
    'Vereniging van Bibliotheken',
    'Branchevereniging Jeugdzorg',
    'Vereniging van Schuldhulpverleners',
  ],
  ministerie: [
    'Ministerie van Sociale Zaken en Werkgelegenheid',
    'Ministerie van Onderwijs, Cultuur en Wetenschap',
    'Ministerie van Volksgezondheid, Welzijn en Sport',
    'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
    'Ministerie van Justitie en Veiligheid',
  ],
  uitvoeringsorganisatie: [
    'Landelijk Uitvoeringsbureau Toeslagen',
    'Landelijk Uitvoeringsbureau Inkomensondersteuning',
    'Landelijk Uitvoeringsbureau Schuldhulp',
    'Landelijk Uitvoeringsbureau Jeugd',
  ],
};

/**
 * The verandertheorie levels an organisation of each kind typically works on: emergency help
 * softens (verzachten), schools, care and neighbourhood work strengthen families (versterken),
 * gemeenten, knowledge institutions and national bodies change the system (veranderen).
 */
const VERANDERTHEORIE_BY_KIND: Record<string, readonly string[]> = {
  voedselbank: ['verzachten'],
  kledingbank: ['verzachten'],
  speelgoedbank: ['verzachten'],
  'rode-kruis': ['verzachten'],
  leergeld: ['verzachten', 'versterken'],
  'jeugdfonds-sport-cultuur': ['verzachten', 'versterken'],
  schuldhulpmaatje: ['versterken'],
  buurthuis: ['versterken'],
  sportvereniging: ['versterken'],
  'ervaringsdeskundigen-collectief': ['versterken', 'veranderen'],
  basisschool: ['versterken'],
  'middelbare-school': ['versterken'],
  mbo: ['versterken'],
  kinderopvang: ['versterken'],
  ggd: ['versterken'],
  consultatiebureau: ['versterken'],
  supermarkt: ['verzachten'],
  woningcorporatie: ['versterken'],
  energiebedrijf: ['verzachten'],
  bank: ['versterken'],
  zorgverzekeraar: ['versterken'],
  gemeente: ['versterken', 'veranderen'],
  hogeschool: ['veranderen'],
  universiteit: ['veranderen'],
  kenniscentrum: ['veranderen'],
  brancheorganisatie: ['veranderen'],
  ministerie: ['veranderen'],
  uitvoeringsorganisatie: ['veranderen'],
};

/** Share of demo partners that state their verandertheorie; the others leave it empty, as many real ones will. */
const VERANDERTHEORIE_SHARE = 0.6;

/**
 * The demo data set: synthetic alliance partners (the same generator the tests and
 * benchmarks use) with realistic names, descriptions and a few existing connections.
 * Deterministic: the same seed gives the same rows.
 */
export function buildDemoData(count = DEMO_PARTNER_COUNT, seed = DEMO_SEED): SeedData {
  const profiles = generateSyntheticProfiles({ count, seed });
  const random = mulberry32(seed + 1);
  // A stream of its own, so stating a verandertheorie leaves the names and everything else as they were.
  const stating = mulberry32(seed + 2);
  const pick: Pick = (options) => pickWith(random, options);
  const takenSlugs = new Set<string>();
  const takenNames = new Set<string>();
  const partners = profiles.map((profile) => {
    const place = profile.homeGemeente ? displayName(profile.homeGemeente) : 'Nederland';
    const name = uniqueName(profile, place, pick, takenNames);
    takenNames.add(name);
    const slug = firstFreeSlug(slugify(name), takenSlugs);
    takenSlugs.add(slug);
    return {
      id: profile.id,
      slug,
      name,
      sector: profile.sector,
      scope: profile.scope,
      gemeenten: profile.gemeenten,
      leefdomeinen: profile.leefdomeinen,
      opgaven: profile.opgaven,
      kennisbronnen: profile.kennisbronnen,
      verandertheorie: stating() < VERANDERTHEORIE_SHARE ? [...(VERANDERTHEORIE_BY_KIND[profile.kind] ?? [])] : [],
      offers: profile.offers,
      needs: profile.needs,
      description: describe(name, profile, place),
      website: `https://${slug}.example.org`,
      contactEmail: `contact@${slug}.example.org`,
      matchingOptOut: profile.matchingOptOut ?? false,
    };
  });
  const connections = generateSyntheticConnections(profiles, { seed, perPartner: 1.5 }).map((connection) => ({
    first: connection.a,
    second: connection.b,
    note: 'Bestaande samenwerking (demodata)',
  }));
  return { partners, connections };
}

/**
 * A name no other demo partner has: national organisations from their own list, others
 * from their kind's template (a few tries, then a second branch in another part of town).
 */
function uniqueName(profile: SyntheticPartner, place: string, pick: Pick, taken: ReadonlySet<string>): string {
  const national = profile.scope === 'national' ? NATIONAL_NAMES[profile.kind]?.find((name) => !taken.has(name)) : undefined;
  if (national) return national;
  const template = NAME_TEMPLATES[profile.kind] ?? ((where: string) => `${labelOf(taxonomy.sectors, profile.sector, 'nl')} ${where}`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const name = template(place, pick);
    if (!taken.has(name)) return name;
  }
  const base = template(place, pick);
  const branch = BRANCHES.map((part) => `${base}-${part}`).find((name) => !taken.has(name));
  return branch ?? `${base} (${taken.size})`;
}

const BRANCHES = ['Noord', 'Zuid', 'Oost', 'West', 'Centrum'];

/** "Bergen (NH.)" reads as "Bergen" in an organisation name. */
function displayName(code: string): string {
  const name = findGemeente(code)?.name ?? code;
  return name === "'s-Gravenhage" ? 'Den Haag' : name.replace(/ \([A-Z.]+\)$/, '');
}

function describe(name: string, profile: SyntheticPartner, place: string): string {
  const reach = profile.scope === 'national' ? 'landelijk' : profile.scope === 'regional' ? `in de regio rond ${place}` : `in ${place}`;
  const opgaven = profile.opgaven.map((code) => labelOf(taxonomy.opgaven, code, 'nl')).join(', ');
  return `${name} werkt ${reach} aan ${opgaven}. Fictieve demopartner van Partnermatch.`;
}
