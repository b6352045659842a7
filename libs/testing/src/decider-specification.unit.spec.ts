import { deciderSpecification } from './decider-specification';

/** A counter that may not go past 2: enough to show the specification passes and fails as it should. */
type Command = { type: 'Add'; by: number };
type Event = { type: 'Added'; by: number };
class TooMuch extends Error {
  readonly rule = 'R0';
}
const counter = {
  initialState: () => 0,
  decide: (command: Command, total: number): Event[] => {
    if (total + command.by > 2) throw new TooMuch('too much');
    return command.by === 0 ? [] : [{ type: 'Added', by: command.by }];
  },
  evolve: (total: number, event: Event & { metadata: { occurredAt: string } }) => {
    expect(event.metadata.occurredAt).toEqual(expect.any(String));
    return total + event.by;
  },
};
const spec = deciderSpecification(counter);
const add = (by: number): Command => ({ type: 'Add', by });

describe('deciderSpecification: Given events, When a command, Then events or an error', () => {
  it('Given past events, When a command, Then the state they fold to decides it', () => {
    spec.given({ type: 'Added', by: 1 }).when(add(1)).then({ type: 'Added', by: 1 });
    spec.given().when(add(0)).then();
  });

  it('Given events, When the command decides other events, more or fewer, Then the specification fails', () => {
    expect(() => spec.given().when(add(1)).then({ type: 'Added', by: 2 })).toThrow();
    expect(() => spec.given().when(add(1)).then()).toThrow();
    expect(() => spec.given().when(add(1)).then({ type: 'Added', by: 1 }, { type: 'Added', by: 1 })).toThrow();
    // Exact: an extra property is a different event.
    expect(() =>
      spec
        .given()
        .when(add(1))
        .then({ type: 'Added', by: 1, extra: true } as Event),
    ).toThrow();
  });

  it('Given events that forbid the command, When it is decided, Then thenThrows checks the class and its properties', () => {
    spec.given({ type: 'Added', by: 2 }).when(add(1)).thenThrows(TooMuch, { rule: 'R0' });
    expect(() => spec.given({ type: 'Added', by: 2 }).when(add(1)).thenThrows(TooMuch, { rule: 'R9' })).toThrow();
    expect(() => spec.given({ type: 'Added', by: 2 }).when(add(1)).thenThrows(TypeError)).toThrow();
    expect(() => spec.given().when(add(1)).thenThrows(TooMuch)).toThrow();
  });
});
