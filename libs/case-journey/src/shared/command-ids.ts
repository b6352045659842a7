import { createHash, randomUUID } from 'node:crypto';
import type { CommandContext } from '../domain/command';

/**
 * An id this command makes (an event's, a new case's): derived from the request's
 * Idempotency-Key when it has one, so that a retry of the command makes the same ids and the
 * store refuses what was already recorded; random otherwise. A UUIDv5-style hash (version 5,
 * RFC 4122 variant) of the actor, the key and what the id is for.
 */
export function commandScopedId(context: Pick<CommandContext, 'idempotencyKey'>, purpose: string): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  const bytes = createHash('sha256')
    .update(`windscreen-idempotent-id\n${context.idempotencyKey}\n${purpose}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`th event a command appends to `stream`. */
export const commandEventId = (context: Pick<CommandContext, 'idempotencyKey'>, stream: string, index: number) =>
  commandScopedId(context, `event ${stream} ${index}`);
