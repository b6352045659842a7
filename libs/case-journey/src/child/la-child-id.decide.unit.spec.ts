import { formatLaChildId, laChildIdFormatProblem } from './la-child-id.decide';

describe('LA child ids', () => {
  it('Given a digits format, When an id is made, Then it is the text with N digits, the same for the same child', () => {
    const id = formatLaChildId('PB{digits:10}', 'child-1');
    expect(id).toMatch(/^PB\d{10}$/);
    expect(formatLaChildId('PB{digits:10}', 'child-1')).toBe(id);
    expect(formatLaChildId('PB{digits:10}', 'child-2')).not.toBe(id);
  });

  it('Given a hex format, When an id is made, Then it is upper-case hexadecimal', () => {
    expect(formatLaChildId('C{hex:12}', 'child-1')).toMatch(/^C[0-9A-F]{12}$/);
  });

  it.each([
    ['no placeholder', 'CHILD'],
    ['two placeholders', '{hex:8}{hex:8}'],
    ['too few digits to stay unique', 'C{digits:6}'],
    ['longer than 20 characters', 'LONG-PREFIX-{hex:12}'],
  ])('Given a format with %s, When checked, Then it is refused', (_, format) => {
    expect(laChildIdFormatProblem(format)).toBeDefined();
    expect(() => formatLaChildId(format, 'x')).toThrow();
  });
});
