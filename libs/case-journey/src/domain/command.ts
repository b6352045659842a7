import type { Actor } from '@windscreen/identity';

/**
 * Everything a decision needs that is not in the state: who, when, and the ids that tie it
 * to the request. Time arrives here, so `decide` stays a pure function.
 */
export interface CommandContext {
  actor: Actor;
  /** When it happened (from the request, or now). */
  occurredAt: string;
  /** The server's clock when the command was received. */
  now: string;
  correlationId: string;
  causationId: string;
  /**
   * The actor and the request's Idempotency-Key, when it carries one: the ids of what the command
   * records are derived from it, so a retry records nothing twice.
   */
  idempotencyKey?: string;
}

export interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  context: CommandContext;
}

/** A domain event before it is recorded: the store adds ids, revision, position and metadata. */
export interface DomainEvent<Type extends string, Data> {
  type: Type;
  schemaVersion: number;
  data: Data;
}
