import { printable } from './printable';

describe('printable: stored text shown by the CLI tools', () => {
  it('Given text with an escape sequence, a carriage return, a line break and a right-to-left override, Then each is shown escaped and the rest as it was', () => {
    expect(printable('Amira\u001b[2J Khan\rX\nY \u202Eevil Zoë 👩‍👧')).toBe(
      'Amira\\u001b[2J Khan\\u000dX\\u000aY \\u202eevil Zoë 👩‍👧',
    );
  });

  it('Given plain text, Then it is unchanged', () => {
    expect(printable('Case opened: telephone contact from Northfield Primary School (2A)')).toBe(
      'Case opened: telephone contact from Northfield Primary School (2A)',
    );
  });
});
