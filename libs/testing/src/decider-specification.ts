import type { Decider, DomainEvent, EventEnvelope } from '@windscreen/case-journey/domain';

/** When and by whom a given event was recorded: what evolve reads of it besides the event. */
export type RecordedAs<E extends DomainEvent<string, unknown>> = EventEnvelope<E>['metadata'];

/** A past event as a spec gives it: bare, or with its id and its own time or actor. */
export type GivenEvent<E extends DomainEvent<string, unknown>> = E & {
  id?: string;
  metadata?: Partial<RecordedAs<E>>;
};

/** The error class a refusal is expected to be, and the fields it carries. */
type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export interface DecisionUnderTest<E> {
  /** The command decides exactly these events, in this order (none: it changes nothing). */
  then(...expected: E[]): void;
  /** The command is refused with an error of this class whose named fields are exactly these. */
  thenThrows<T extends Error>(errorClass: ErrorClass<T>, expected: Partial<T>): void;
}

export interface DeciderSpecification<C, E extends DomainEvent<string, unknown>, S> {
  /** The events recorded so far (none: a new stream). */
  given(...events: GivenEvent<E>[]): {
    when(command: C): DecisionUnderTest<E>;
    /** The state they fold to: only for what no decision reads (what the read side shows). */
    state(): S;
  };
}

/**
 * A decider spec that reads Given events, When a command, Then events or a refusal. The given
 * events are folded with evolve, each recorded as `recordedAs` says unless it gives its own
 * metadata (or part of it); the decided events are compared exactly.
 */
export function deciderSpecification<C, E extends DomainEvent<string, unknown>, S>(
  decider: Decider<C, E, S>,
  recordedAs: RecordedAs<E>,
): DeciderSpecification<C, E, S> {
  const fold = (history: GivenEvent<E>[]): S =>
    history.reduce(
      (current, event) => decider.evolve(current, { ...event, metadata: { ...recordedAs, ...event.metadata } }),
      decider.initialState(),
    );
  return {
    given: (...history) => ({
      state: () => fold(history),
      when: (command) => {
        // Folded before deciding, so an evolve that throws is never taken for the refusal.
        const state = fold(history);
        return {
          then: (...expected) => {
            let decided: E[];
            try {
              decided = decider.decide(command, state);
            } catch (error) {
              throw new Error(`Expected the command to decide events, but it was refused: ${refusal(error)}`, {
                cause: error,
              });
            }
            expect(decided).toStrictEqual(expected);
          },
          thenThrows: (errorClass, expected) => {
            let decided: E[];
            try {
              decided = decider.decide(command, state);
            } catch (error) {
              expect(error).toBeInstanceOf(errorClass);
              const fields = Object.fromEntries(
                Object.keys(expected).map((field) => [field, (error as Record<string, unknown>)[field]]),
              );
              expect(fields).toStrictEqual(expected);
              return;
            }
            throw new Error(
              `Expected the command to be refused with ${errorClass.name}, but it decided ${JSON.stringify(decided)}`,
            );
          },
        };
      },
    }),
  };
}

function refusal(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { rule, code } = error as Error & { rule?: string; code?: string };
  return [error.name, rule, code, error.message].filter(Boolean).join(' ');
}
