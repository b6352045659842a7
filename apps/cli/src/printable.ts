/**
 * Stored text as a terminal may safely show it: control characters (escape sequences, carriage
 * returns, line breaks inside a value) and bidirectional overrides are written as `\uXXXX`, so a
 * name or a note cannot recolour, rewrite or reorder what the tool prints.
 */
export function printable(text: string): string {
  return text.replace(
    // Control characters are what this finds: the rule against them in a pattern does not apply.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
