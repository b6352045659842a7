import { toCsv } from './csv';

describe('toCsv: a spreadsheet opening the export runs nothing', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', `"'\r=cmd"`],
    ['plain, with a comma', '"plain, with a comma"'],
    ['Amira', 'Amira'],
  ])('Given a value %j, Then its cell is %j', (value, cell) => {
    expect(toCsv(['h'], [[value]])).toBe(`h\r\n${cell}\r\n`);
  });
});
