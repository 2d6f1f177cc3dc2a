/**
 * The shared vocabulary of offer/need tags (the synthetic data draws from it), with Dutch
 * and English labels for the reasons. Real partners may use other tags: those are shown
 * with their dashes turned into spaces.
 */
export const TAG_LABELS: Readonly<Record<string, { nl: string; en: string }>> = {
  vrijwilligers: { nl: 'vrijwilligers', en: 'volunteers' },
  locatie: { nl: 'een locatie', en: 'a venue' },
  voedsel: { nl: 'voedsel', en: 'food' },
  financiering: { nl: 'financiering', en: 'funding' },
  onderzoek: { nl: 'onderzoek', en: 'research' },
  'bereik-gezinnen': { nl: 'bereik onder gezinnen', en: 'reach among families' },
  ervaringsdeskundigen: { nl: 'ervaringsdeskundigen', en: 'experts by experience' },
  schoolontbijt: { nl: 'schoolontbijt', en: 'school breakfast' },
  sportaanbod: { nl: 'sportaanbod', en: 'sports activities' },
  cultuuraanbod: { nl: 'cultuuraanbod', en: 'cultural activities' },
  schuldhulp: { nl: 'schuldhulp', en: 'debt support' },
  kleding: { nl: 'kleding', en: 'clothing' },
  huiswerkbegeleiding: { nl: 'huiswerkbegeleiding', en: 'homework support' },
  vervoer: { nl: 'vervoer', en: 'transport' },
  communicatie: { nl: 'communicatie', en: 'communication' },
  'netwerk-bedrijven': { nl: 'een netwerk van bedrijven', en: 'a business network' },
  beleidskennis: { nl: 'beleidskennis', en: 'policy expertise' },
  'data-en-monitoring': { nl: 'data en monitoring', en: 'data and monitoring' },
  'training-professionals': { nl: 'training voor professionals', en: 'training for professionals' },
  opvoedondersteuning: { nl: 'opvoedondersteuning', en: 'parenting support' },
  gezondheidsvoorlichting: { nl: 'gezondheidsvoorlichting', en: 'health education' },
  woonadvies: { nl: 'woonadvies', en: 'housing advice' },
  energiebesparing: { nl: 'energiebesparing', en: 'energy saving' },
  laptops: { nl: 'laptops', en: 'laptops' },
  zwemlessen: { nl: 'zwemlessen', en: 'swimming lessons' },
  stageplekken: { nl: 'stageplekken', en: 'internships' },
  evaluatie: { nl: 'evaluatie', en: 'evaluation' },
  'belangenbehartiging': { nl: 'belangenbehartiging', en: 'advocacy' },
  'juridisch-advies': { nl: 'juridisch advies', en: 'legal advice' },
  taalles: { nl: 'taalles', en: 'language lessons' },
  menstruatieproducten: { nl: 'menstruatieproducten', en: 'period products' },
  speelgoed: { nl: 'speelgoed', en: 'toys' },
  kinderopvang: { nl: 'kinderopvang', en: 'childcare' },
  'signalering-scholen': { nl: 'signalering via scholen', en: 'early signals from schools' },
  'toegang-wijkteams': { nl: 'toegang tot wijkteams', en: 'access to neighbourhood teams' },
};

export const TAG_VOCABULARY: readonly string[] = Object.keys(TAG_LABELS);

/** A readable label for a tag in the given language. */
export function tagLabel(tag: string, lang: 'nl' | 'en'): string {
  return TAG_LABELS[tag]?.[lang] ?? tag.replace(/-/g, ' ');
}
