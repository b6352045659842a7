import type { Decider, DomainEvent } from '@windscreen/case-journey/domain';
import { deciderSpecification } from '@windscreen/testing/decider-specification';

/** A tally that counts up to a limit: just enough of a decider to show the specification fail. */
class Refused extends Error {
  constructor(
    readonly rule: string | undefined,
    readonly code: string,
  ) {
    super(`refused: ${code}`);
  }
}
class Missing extends Error {
  readonly code = 'TALLY.NOT_FOUND';
}

type TallyCommand = { type: 'Open' } | { type: 'Add'; amount: number } | { type: 'Report' };
type Opened = DomainEvent<'Opened', Record<string, never>>;
type Added = DomainEvent<'Added', { amount: number }>;
type Full = DomainEvent<'Full', { total: number }>;
type Reported = DomainEvent<'Reported', { total: number; lastAt: string | null; lastBy: string | null }>;
/** An event evolve cannot fold: a spec that gives it fails in Given, not in Then. */
type Corrupt = DomainEvent<'Corrupt', Record<string, never>>;
type TallyEvent = Opened | Added | Full | Reported | Corrupt;
interface Tally {
  open: boolean;
  total: number;
  lastAt: string | null;
  lastBy: string | null;
  ids: string[];
}

const LIMIT = 10;
const tally: Decider<TallyCommand, TallyEvent, Tally> = {
  initialState: () => ({ open: false, total: 0, lastAt: null, lastBy: null, ids: [] }),
  decide: (command, state) => {
    if (command.type === 'Open') return state.open ? [] : [{ type: 'Opened', schemaVersion: 1, data: {} }];
    if (!state.open) throw new Missing('no tally');
    if (command.type === 'Report') {
      const { total, lastAt, lastBy } = state;
      return [{ type: 'Reported', schemaVersion: 1, data: { total, lastAt, lastBy } }];
    }
    if (command.amount <= 0) throw new Refused('R1', 'TALLY.NOT_POSITIVE');
    if (state.total >= LIMIT) throw new Refused('R2', 'TALLY.FULL');
    const added: Added = { type: 'Added', schemaVersion: 1, data: { amount: command.amount } };
    const total = state.total + command.amount;
    return total >= LIMIT ? [added, { type: 'Full', schemaVersion: 1, data: { total } }] : [added];
  },
  evolve: (state, event) => {
    const recorded = { lastAt: event.metadata.occurredAt, lastBy: event.metadata.actor.id };
    const ids = event.id ? [...state.ids, event.id] : state.ids;
    switch (event.type) {
      case 'Opened':
        return { ...state, ...recorded, ids, open: true };
      case 'Added':
        return { ...state, ...recorded, ids, total: state.total + event.data.amount };
      case 'Corrupt':
        throw new Refused('R2', 'TALLY.FULL');
      default:
        return { ...state, ...recorded, ids };
    }
  },
};

const actor = { id: 'alice', name: 'Alice', role: 'case_worker' as const };
const spec = deciderSpecification(tally, { occurredAt: '2026-03-02T10:00:00Z', actor });
const opened: Opened = { type: 'Opened', schemaVersion: 1, data: {} };
const added = (amount: number): Added => ({ type: 'Added', schemaVersion: 1, data: { amount } });
const full = (total: number): Full => ({ type: 'Full', schemaVersion: 1, data: { total } });

describe('deciderSpecification: Then the decided events', () => {
  it('Given events, When a command, Then the exact events pass', () => {
    spec.given(opened, added(3)).when({ type: 'Add', amount: 7 }).then(added(7), full(10));
  });

  it('Given no events, When a command, Then it is decided on the initial state', () => {
    spec.given().when({ type: 'Open' }).then(opened);
    spec.given(opened).when({ type: 'Open' }).then();
  });

  it('Given a command deciding other events, When Then names different data, Then the spec fails', () => {
    expect(() => spec.given(opened).when({ type: 'Add', amount: 2 }).then(added(3))).toThrow(/toStrictEqual/);
  });

  it('Given a command deciding two events, When Then names only the first, Then the spec fails', () => {
    expect(() => spec.given(opened, added(3)).when({ type: 'Add', amount: 7 }).then(added(7))).toThrow(/toStrictEqual/);
  });

  it('Given a command deciding one event, When Then names one more, Then the spec fails', () => {
    expect(() => spec.given(opened).when({ type: 'Add', amount: 2 }).then(added(2), full(2))).toThrow(/toStrictEqual/);
  });

  it('Given a command deciding none, When Then names one, Then the spec fails', () => {
    expect(() => spec.given(opened).when({ type: 'Open' }).then(opened)).toThrow(/toStrictEqual/);
  });

  it('Given the events in another order, When Then names them, Then the spec fails', () => {
    expect(() => spec.given(opened, added(3)).when({ type: 'Add', amount: 7 }).then(full(10), added(7))).toThrow(
      /toStrictEqual/,
    );
  });

  it('Given an event with a field Then does not name, When compared, Then the spec fails (not a partial match)', () => {
    const withExtra = { ...added(2), data: { amount: 2, note: 'extra' } } as unknown as Added;
    expect(() => spec.given(opened).when({ type: 'Add', amount: 2 }).then(withExtra)).toThrow(/toStrictEqual/);
    const lessThanDecided = { type: 'Added', data: { amount: 2 } } as unknown as Added;
    expect(() => spec.given(opened).when({ type: 'Add', amount: 2 }).then(lessThanDecided)).toThrow(/toStrictEqual/);
  });

  it('Given a command that is refused, When Then names events, Then the spec fails naming the refusal', () => {
    expect(() => spec.given(opened).when({ type: 'Add', amount: 0 }).then(added(0))).toThrow(
      'Expected the command to decide events, but it was refused: Error R1 TALLY.NOT_POSITIVE refused: TALLY.NOT_POSITIVE',
    );
  });
});

describe('deciderSpecification: Given events are folded as recorded', () => {
  it('Given events, When folded, Then each is recorded at the default time by the default actor', () => {
    spec
      .given(opened, added(3))
      .when({ type: 'Report' })
      .then({
        type: 'Reported',
        schemaVersion: 1,
        data: { total: 3, lastAt: '2026-03-02T10:00:00Z', lastBy: 'alice' },
      });
  });

  it('Given an event with its own time, actor or id, When folded, Then evolve sees them', () => {
    const bob = { id: 'bob', name: 'Bob', role: 'manager' as const };
    const late = { ...added(3), id: 'event-2', metadata: { occurredAt: '2026-03-05T09:00:00Z' } };
    spec
      .given(opened, late)
      .when({ type: 'Report' })
      .then({
        type: 'Reported',
        schemaVersion: 1,
        data: { total: 3, lastAt: '2026-03-05T09:00:00Z', lastBy: 'alice' },
      });
    spec
      .given(opened, { ...added(3), metadata: { actor: bob } })
      .when({ type: 'Report' })
      .then({ type: 'Reported', schemaVersion: 1, data: { total: 3, lastAt: '2026-03-02T10:00:00Z', lastBy: 'bob' } });
    const seen: string[][] = [];
    const decide = (_: TallyCommand, state: Tally): TallyEvent[] => {
      seen.push(state.ids);
      return [];
    };
    deciderSpecification({ ...tally, decide }, { occurredAt: '2026-03-02T10:00:00Z', actor })
      .given(opened, late)
      .when({ type: 'Report' })
      .then();
    expect(seen).toEqual([['event-2']]);
  });

  it('Given events, When only their state is asked for, Then it is their fold, each as recorded', () => {
    const late = { ...added(3), id: 'event-2', metadata: { occurredAt: '2026-03-05T09:00:00Z' } };
    expect(spec.given(opened, late).state()).toStrictEqual({
      open: true,
      total: 3,
      lastAt: '2026-03-05T09:00:00Z',
      lastBy: 'alice',
      ids: ['event-2'],
    });
    expect(spec.given().state()).toStrictEqual(tally.initialState());
  });

  it('Given an event evolve cannot fold, When the command would be refused the same way, Then the spec fails', () => {
    const corrupt: Corrupt = { type: 'Corrupt', schemaVersion: 1, data: {} };
    expect(() =>
      spec
        .given(opened, added(10), corrupt)
        .when({ type: 'Add', amount: 1 })
        .thenThrows(Refused, { rule: 'R2', code: 'TALLY.FULL' }),
    ).toThrow('refused: TALLY.FULL');
  });
});

describe('deciderSpecification: Then the refusal', () => {
  it('Given a full tally, When more is added, Then the refusal with its rule and code passes', () => {
    spec
      .given(opened, added(10))
      .when({ type: 'Add', amount: 1 })
      .thenThrows(Refused, { rule: 'R2', code: 'TALLY.FULL' });
    spec.given().when({ type: 'Report' }).thenThrows(Missing, { code: 'TALLY.NOT_FOUND' });
  });

  it('Given a command that is accepted, When a refusal is expected, Then the spec fails naming what was decided', () => {
    expect(() => spec.given(opened).when({ type: 'Add', amount: 1 }).thenThrows(Refused, { rule: 'R1' })).toThrow(
      'Expected the command to be refused with Refused, but it decided [{"type":"Added","schemaVersion":1,"data":{"amount":1}}]',
    );
  });

  it('Given a refusal of another class, When Then names the class, Then the spec fails', () => {
    expect(() =>
      spec.given().when({ type: 'Add', amount: 1 }).thenThrows(Refused, { code: 'TALLY.NOT_FOUND' }),
    ).toThrow(/toBeInstanceOf/);
  });

  it('Given a refusal under one rule, When Then names another rule or code, Then the spec fails', () => {
    const when = spec.given(opened, added(10)).when({ type: 'Add', amount: 1 });
    expect(() => when.thenThrows(Refused, { rule: 'R1', code: 'TALLY.FULL' })).toThrow(/toStrictEqual/);
    expect(() => when.thenThrows(Refused, { rule: 'R2', code: 'TALLY.NOT_POSITIVE' })).toThrow(/toStrictEqual/);
    expect(() => when.thenThrows(Refused, { rule: undefined, code: 'TALLY.FULL' })).toThrow(/toStrictEqual/);
  });
});
