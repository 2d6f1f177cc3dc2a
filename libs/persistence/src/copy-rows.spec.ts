import { copyLine } from './copy-rows';

describe('copyLine (COPY text format)', () => {
  it('separates fields by tabs, ends the row with a newline and writes null as \\N', () => {
    expect(copyLine(['3f1c', 12, null, 0.1 + 0.2])).toBe('3f1c\t12\t\\N\t0.30000000000000004\n');
  });

  it("escapes COPY's own characters inside a value, so a value cannot end its field or its row", () => {
    expect(copyLine(['a\tb', 'c\nd', 'e\\f', 'g\rh'])).toBe('a\\tb\tc\\nd\te\\\\f\tg\\rh\n');
    // A JSON text's own escapes are backslashes too: each is doubled, and PostgreSQL reads the text back as written.
    expect(copyLine([JSON.stringify({ note: 'regel\n"twee"' })])).toBe('{"note":"regel\\\\n\\\\"twee\\\\""}\n');
  });

  it('refuses a number PostgreSQL would store as something else', () => {
    expect(() => copyLine([Number.NaN])).toThrow(/finite/);
    expect(() => copyLine([Number.POSITIVE_INFINITY])).toThrow(/finite/);
  });
});
