import type { TestApp } from './test-app';

/** A valid partner body; override what a test is about. */
export function partnerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Voedselbank Utrecht',
    sector: 'maatschappelijke-organisatie',
    scope: 'local',
    gemeenten: ['GM0344'],
    leefdomeinen: ['materieel-welzijn', 'gezondheid'],
    opgaven: ['meedoen'],
    kennisbronnen: ['praktijk'],
    offers: ['voedsel', 'vrijwilligers'],
    needs: ['locatie'],
    description: 'Voedselpakketten voor gezinnen in Utrecht',
    website: 'https://voedselbank-utrecht.example.org',
    contactEmail: 'info@voedselbank-utrecht.example.org',
    ...overrides,
  };
}

/** Registers a partner through the API; a setup that cannot create it stops the file with the answer. */
export async function createPartner<Created = { id: string; slug: string }>(api: TestApp, body: Record<string, unknown>): Promise<Created> {
  const response = await api.http().post('/v1/partners').send(body);
  if (response.status !== 201) throw new Error(`could not create ${String(body.name)}: ${response.text}`);
  return response.body;
}

/** Five Utrecht partners of five sectors around one school breakfast: a local network to review and embed. */
export const UTRECHT_PARTNERS: Record<string, unknown>[] = [
  { name: 'Voedselbank Utrecht' },
  { name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie', 'bereik-gezinnen'], needs: ['voedsel'] },
  { name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven', offers: ['schoolontbijt', 'voedsel'] },
  { name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'], opgaven: ['meedoen', 'bestaanszekerheid'] },
  { name: 'GGD Regio Utrecht', sector: 'jeugdgezondheidszorg', scope: 'regional', gemeenten: ['GM0344', 'GM0307', 'GM0353'] },
];

/** Four Utrecht partners with a contact address each, for the mails about their pairs. */
export const UTRECHT_MAIL_PARTNERS: Record<string, unknown>[] = [
  { name: 'Voedselbank Utrecht', contactEmail: 'info@voedselbank-utrecht.example.org' },
  { name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie', 'bereik-gezinnen'], needs: ['voedsel'], contactEmail: 'directie@regenboog.example.org' },
  { name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven', offers: ['schoolontbijt', 'voedsel'], contactEmail: 'winkel@hoekje.example.org' },
  { name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'], contactEmail: 'armoede@utrecht.example.org' },
];

/** A national knowledge partner, in every local list's reach. */
export const NATIONAL_KNOWLEDGE_PARTNER: Record<string, unknown> = { name: 'Kenniscentrum Kansrijk Opgroeien', sector: 'kennisinstelling', scope: 'national', gemeenten: [] };

/** One PATCH per field, each to a value no other sets: after all of them every value must be there. */
export function onePatchPerField(round: number): Record<string, unknown>[] {
  return [
    { name: `Voedselbank Utrecht ronde ${round}` },
    { sector: round % 2 ? 'bedrijfsleven' : 'maatschappelijke-organisatie' },
    { description: `Beschrijving ronde ${round}` },
    { website: `https://ronde-${round}.example.org` },
    { contactEmail: `ronde-${round}@example.org` },
    { offers: [`aanbod-${round}`] },
    { needs: [`vraag-${round}`] },
    { leefdomeinen: round % 2 ? ['gezondheid'] : ['materieel-welzijn'] },
    { opgaven: round % 2 ? ['bestaanszekerheid'] : ['meedoen'] },
    { kennisbronnen: round % 2 ? ['wetenschap'] : ['ervaring'] },
    { matchingOptOut: round % 2 === 1 },
    { gemeenten: round % 2 ? ['GM0344', 'GM0307'] : ['GM0344', 'GM0353'] },
  ];
}
