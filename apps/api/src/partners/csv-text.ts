/**
 * What a spreadsheet saved: Excel writes "CSV UTF-8" with a byte-order mark, plain "CSV" in the
 * machine's code page (Windows-1252 in the Netherlands), and in a Dutch locale it separates
 * cells with `;` (the comma is the decimal sign there). The import reads all of these.
 */
export type CsvEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'Windows-1252';
export type CsvSeparator = ',' | ';' | '\t';

export interface CsvText {
  text: string;
  encoding: CsvEncoding;
  separator: CsvSeparator;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];
/** Excel's own way to name the separator: a first line `sep=;`. */
const SEP_LINE = /^sep=(.)\r?\n/i;

/**
 * The file as text, and the separator its header line uses. Bytes that are not valid UTF-8 are
 * read as Windows-1252, which gives every byte a character, so that step cannot fail.
 */
export function readCsvText(bytes: Buffer): CsvText {
  let text: string;
  let encoding: CsvEncoding;
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'UTF-8 with BOM';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'UTF-8';
    } catch {
      text = decodeWindows1252(bytes);
      encoding = 'Windows-1252';
    }
  }
  const sepLine = SEP_LINE.exec(text);
  if (sepLine && (SEPARATORS as readonly string[]).includes(sepLine[1])) {
    return { text: text.slice(sepLine[0].length), encoding, separator: sepLine[1] as CsvSeparator };
  }
  return { text, encoding, separator: headerSeparator(text) };
}

/**
 * Windows-1252 is Latin-1 but for 0x80–0x9F, where it has €, curly quotes, dashes and a few
 * letters. Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1's control
 * characters, so they are mapped here (the five bytes Windows-1252 leaves undefined stay as they are).
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]);
}

/** The separator that occurs most often in the header line outside quotes; `,` when there is none (a one-column file). */
function headerSeparator(text: string): CsvSeparator {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: CsvSeparator = ',';
  for (const separator of SEPARATORS) if ((counts.get(separator) ?? 0) > (counts.get(best) ?? 0)) best = separator;
  return best;
}

export function describeSeparator(separator: CsvSeparator): string {
  return separator === '\t' ? 'tabs' : `"${separator}"`;
}
