import type { Actor } from '@windscreen/identity';
import type { DomainEvent } from './command';

/** What evolve sees of a recorded event: enough to know when and by whom, nothing of storage. */
export type EventEnvelope<E extends DomainEvent<string, unknown>> = E & {
  /** The recorded event's id (absent in tests that fold bare decisions). */
  id?: string;
  metadata: { occurredAt: string; actor: Pick<Actor, 'id' | 'name' | 'role'> & Partial<Actor> };
};

/** An aggregate as a pair of pure functions (plus where it starts). */
export interface Decider<C, E extends DomainEvent<string, unknown>, S> {
  initialState: () => S;
  decide: (command: C, state: S) => E[];
  evolve: (state: S, event: EventEnvelope<E>) => S;
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
