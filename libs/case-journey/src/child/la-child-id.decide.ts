/**
 * The local authority's child id (the census's LAchildID), made from a format: literal text with
 * one placeholder, `{digits:N}` (N decimal digits) or `{hex:N}` (N upper-case hexadecimal digits),
 * filled from a hash (FNV-1a, 128 bits) of the id it is made for. The same child id always gives the same LA
 * child id, so a retried command and an upcast old event agree with themselves.
 */
export const DEFAULT_LA_CHILD_ID_FORMAT = 'C{hex:12}';

const PLACEHOLDER = /\{(digits|hex):(\d{1,2})\}/;

/** Why a format cannot be used, or undefined when it can. */
export function laChildIdFormatProblem(format: string): string | undefined {
  const matches = format.match(new RegExp(PLACEHOLDER.source, 'g')) ?? [];
  if (matches.length !== 1) return 'it must hold exactly one {digits:N} or {hex:N}';
  const [, kind, width] = PLACEHOLDER.exec(format)!;
  const size = Number(width);
  // Fewer would make two children of a large authority likely to draw the same id.
  const least = kind === 'digits' ? 10 : 8;
  if (size < least || size > (kind === 'digits' ? 18 : 32))
    return `{${kind}:N} needs N from ${least} to ${kind === 'digits' ? 18 : 32}`;
  if (format.replace(PLACEHOLDER, '').length + size > 20) return 'the id would be longer than 20 characters';
  return undefined;
}

export function formatLaChildId(format: string, fromId: string): string {
  const problem = laChildIdFormatProblem(format);
  if (problem) throw new Error(`LA child id format ${format}: ${problem}`);
  const [placeholder, kind, width] = PLACEHOLDER.exec(format)!;
  const hash = fnv1a64(`windscreen-la-child-id\n${fromId}`) + fnv1a64(`windscreen-la-child-id 2\n${fromId}`);
  const size = Number(width);
  const value =
    kind === 'hex'
      ? hash.slice(0, size).toUpperCase()
      : (BigInt(`0x${hash.slice(0, 16)}`) % 10n ** BigInt(size)).toString().padStart(size, '0');
  return format.replace(placeholder, value);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** A 64-bit FNV-1a hash as 16 hex digits: deterministic and pure (the domain has no crypto to call). */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, '0');
}
