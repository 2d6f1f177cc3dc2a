import { firstFreeSlug, hasIdShape, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ["Stichting Leergeld 's-Hertogenbosch", 'stichting-leergeld-s-hertogenbosch'],
    ['Súdwest-Fryslân Jeugdfonds', 'sudwest-fryslan-jeugdfonds'],
    ['Sport & Cultuur', 'sport-en-cultuur'],
    ['  ---  ', 'partner'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  // A slug equal to another partner's id would let the new partner's key pass for that partner.
  it.each([
    ['3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f', 'partner-3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f'],
    ['3F2B8C1E-5D4A-4B7E-9C1F-0A2B3C4D5E6F', 'partner-3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f'],
    [' {3f2b8c1e_5d4a 4b7e.9c1f-0a2b3c4d5e6f} ', 'partner-3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f'],
    ['00000000-0000-0000-0000-000000000000', 'partner-00000000-0000-0000-0000-000000000000'],
    // Not a valid uuid version, but still the shape the lookup reads as an id.
    ['12345678-1234-1234-1234-123456789012', 'partner-12345678-1234-1234-1234-123456789012'],
  ])('never gives the shape of an id: %s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(hasIdShape(slugify(name))).toBe(false);
  });

  it.each([
    ['3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f Utrecht', '3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f-utrecht'],
    ['3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6', '3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6'],
    ['Partner 3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f', 'partner-3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f'],
  ])('leaves a name that merely contains hex groups as it is: %s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('hasIdShape', () => {
  it('is the canonical uuid text form, in either case, and nothing else', () => {
    expect(hasIdShape('3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f')).toBe(true);
    expect(hasIdShape('3F2B8C1E-5D4A-4B7E-9C1F-0A2B3C4D5E6F')).toBe(true);
    expect(hasIdShape('3f2b8c1e5d4a4b7e9c1f0a2b3c4d5e6f')).toBe(false);
    expect(hasIdShape('partner-3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f')).toBe(false);
    expect(hasIdShape('voedselbank-utrecht')).toBe(false);
  });
});

describe('firstFreeSlug', () => {
  it('keeps a free slug and numbers a taken one', () => {
    expect(firstFreeSlug('voedselbank-delft', new Set())).toBe('voedselbank-delft');
    expect(firstFreeSlug('voedselbank-delft', new Set(['voedselbank-delft', 'voedselbank-delft-2']))).toBe('voedselbank-delft-3');
  });

  it('treats the shape of an id as taken', () => {
    expect(firstFreeSlug('3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f', new Set())).toBe('3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f-2');
  });
});
