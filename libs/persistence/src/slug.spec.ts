import { firstFreeSlug, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ["Stichting Leergeld 's-Hertogenbosch", 'stichting-leergeld-s-hertogenbosch'],
    ['Súdwest-Fryslân Jeugdfonds', 'sudwest-fryslan-jeugdfonds'],
    ['Sport & Cultuur', 'sport-en-cultuur'],
    ['  ---  ', 'partner'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('firstFreeSlug', () => {
  it('keeps a free slug and numbers a taken one', () => {
    expect(firstFreeSlug('voedselbank-delft', new Set())).toBe('voedselbank-delft');
    expect(firstFreeSlug('voedselbank-delft', new Set(['voedselbank-delft', 'voedselbank-delft-2']))).toBe('voedselbank-delft-3');
  });
});
