import { canonicalJson, chainHash } from './hash-chain';

describe('Hash chain', () => {
  it('Given the same value with keys in another order, When made canonical, Then the text is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('Given a link, When any part of it changes, Then its hash changes', () => {
    const base = chainHash(null, 'case-1', 0n, 'id-1', 'content');
    expect(chainHash('prev', 'case-1', 0n, 'id-1', 'content')).not.toBe(base);
    expect(chainHash(null, 'case-2', 0n, 'id-1', 'content')).not.toBe(base);
    expect(chainHash(null, 'case-1', 1n, 'id-1', 'content')).not.toBe(base);
    expect(chainHash(null, 'case-1', 0n, 'id-1', 'other')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
