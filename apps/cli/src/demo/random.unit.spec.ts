import { Random, seedFrom } from './random';

describe('the demo generator’s uuids', () => {
  it('Given 200,000 family generators, When each makes its family id, Then no two are the same (32-bit seeds alone collide long before)', () => {
    const ids = new Set<string>();
    for (let index = 0; index < 200_000; index++) {
      ids.add(
        new Random(seedFrom('windscreen', 'family', index), ['windscreen', 'family', index].join('\u0000')).uuid(),
      );
    }
    expect(ids.size).toBe(200_000);
  });

  it('Given the same identity, When uuids are drawn again, Then they are the same ones, in the same order', () => {
    const draw = () => {
      const random = new Random(7, 'family 7');
      return [random.uuid(), random.next(), random.uuid()];
    };
    expect(draw()).toEqual(draw());
    expect(draw()[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
