import { WrittenKeys } from './written-keys';

describe('WrittenKeys: what a rebuild knows its tables hold', () => {
  it('Given tables just emptied, When nothing is written yet, Then no key needs a lookup', () => {
    expect(WrittenKeys.sinceEmptied().mayBeStored('case', ['a', 'b'])).toEqual([]);
  });

  it('Given keys written by earlier batches, When a batch asks, Then only those are looked up, kind by kind', () => {
    const written = WrittenKeys.sinceEmptied();
    written.record('case', ['a', null, undefined]);
    written.record('family', ['b']);
    expect(written.mayBeStored('case', ['a', 'b', 'c'])).toEqual(['a']);
    expect(written.mayBeStored('family', ['a', 'b'])).toEqual(['b']);
  });

  it('Given another runner wrote meanwhile, When the rebuild forgets, Then every key may be stored', () => {
    const written = WrittenKeys.sinceEmptied();
    written.record('case', ['a']);
    written.forget();
    expect(written.mayBeStored('case', ['a', 'b'])).toEqual(['a', 'b']);
    written.record('case', ['c']);
    expect(written.mayBeStored('case', ['d'])).toEqual(['d']);
  });

  it('Given a live runner (nothing known), When it asks, Then every key may be stored and nothing is kept', () => {
    WrittenKeys.UNKNOWN.record('case', ['a']);
    expect(WrittenKeys.UNKNOWN.mayBeStored('case', new Set(['a', 'b']))).toEqual(['a', 'b']);
  });
});
