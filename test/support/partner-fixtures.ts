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
