import { readCsvText } from './csv-text';

describe('readCsvText', () => {
  it('reads UTF-8 with a byte-order mark, and leaves the mark out', () => {
    const read = readCsvText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name;sector\r\nCafé;onderwijs\r\n')]));
    expect(read).toEqual({ text: 'name;sector\r\nCafé;onderwijs\r\n', encoding: 'UTF-8 with BOM', separator: ';' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252, € and curly quotes included', () => {
    const bytes = Buffer.from([...Buffer.from('name,description\nCaf'), 0xe9, ...Buffer.from(',5 '), 0x80, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x0a]);
    expect(readCsvText(bytes)).toEqual({ text: 'name,description\nCafé,5 € “ok”\n', encoding: 'Windows-1252', separator: ',' });
  });

  it('takes the separator the header line uses most outside quotes, a comma for one column', () => {
    expect(readCsvText(Buffer.from('"name;with;semicolons",sector,scope\nA,b,c')).separator).toBe(',');
    expect(readCsvText(Buffer.from('name;sector;"scope, or not"\nA;b;c')).separator).toBe(';');
    expect(readCsvText(Buffer.from('name\tsector\nA\tb')).separator).toBe('\t');
    expect(readCsvText(Buffer.from('name\nA')).separator).toBe(',');
  });

  it("follows Excel's sep= line and leaves it out", () => {
    expect(readCsvText(Buffer.from('sep=;\r\nname,sector;scope\r\n'))).toEqual({ text: 'name,sector;scope\r\n', encoding: 'UTF-8', separator: ';' });
  });
});
