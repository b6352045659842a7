/**
 * Decider specs as the domain reads them: Given these past events, When this command, Then these
 * events (exactly), or Then this error. Given events are folded with the decider's own `evolve`,
 * each wrapped with the metadata evolve reads (when, and by whom). Pure: no database, no clock.
 * Its own import path (`@windscreen/testing/decider-specification`), so pure specs do not load the
 * test app.
 */
export interface SpecifiedDecider<C, E, S> {
  initialState(): S;
  decide(command: C, state: S): E[];
  // A method, so a decider whose evolve asks for more exact metadata types still fits.
  evolve(state: S, event: E & { metadata: EventMetadata }): S;
}

export interface EventMetadata {
  occurredAt: string;
  actor: { id: string; name: string; role: string };
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface WhenThen<E> {
  /** The command decides exactly these events, in this order (none: `then()`). */
  then(...expected: E[]): void;
  /** The command is refused with an error of this class, with these properties (the rule, the code). */
  thenThrows(errorClass: ErrorClass, properties?: Record<string, unknown>): void;
}

export interface GivenWhen<C, E> {
  when(command: C): WhenThen<E>;
}

export function deciderSpecification<C, E, S>(
  decider: SpecifiedDecider<C, E, S>,
  metadata: EventMetadata = {
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { id: 'given', name: 'Given', role: 'case_worker' },
  },
): { given(...events: E[]): GivenWhen<C, E> } {
  return {
    given: (...events) => ({
      when: (command) => {
        const decide = () =>
          decider.decide(
            command,
            events.reduce((state, event) => decider.evolve(state, { ...event, metadata }), decider.initialState()),
          );
        return {
          then: (...expected) => {
            expect(decide()).toStrictEqual(expected);
          },
          thenThrows: (errorClass, properties = {}) => {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            expect(thrown).toMatchObject(properties);
          },
        };
      },
    }),
  };
}
