import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@windscreen/case-journey/domain';
import type { Actor } from '@windscreen/identity';
import type { DemoActor, DemoFamily, DemoStep } from './scenario';

/** A command the domain refused: for the generator, always a bug to fix. */
export interface Refusal {
  family: number;
  step: string;
  at: string;
  code: string;
  rule?: string;
  message: string;
}

export interface PlayResult {
  commands: number;
  events: number;
  refused: Refusal[];
}

/** Plays one family's script; different families may be played at the same time. */
export interface FamilyPlayer {
  play(family: DemoFamily): Promise<PlayResult>;
}

export function toActor(actor: DemoActor): Actor {
  const { roles, ...rest } = actor;
  return { ...rest, roles: roles ?? [actor.role], allTeams: false };
}

/** The context a controller would build: the actor, when it happened (backdated) and the clock now. */
export function contextOf(step: DemoStep, now: Date): CommandContext {
  return {
    actor: toActor(step.actor),
    occurredAt: step.at,
    now: now.toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
}

export function refusalOf(family: DemoFamily, step: DemoStep, error: unknown): Refusal {
  const known = error as { code?: string; rule?: string; name?: string; message?: string };
  return {
    family: family.index,
    step: step.command.type,
    at: step.at,
    code: known?.code ?? known?.name ?? 'ERROR',
    ...(known?.rule && { rule: known.rule }),
    message: known?.message ?? String(error),
  };
}

/**
 * Plays families with `concurrency` of them in flight at once. A family's own steps stay in order
 * (one family, one writer), so no two commands race on a stream.
 */
export async function playPopulation(
  families: Iterable<DemoFamily>,
  player: FamilyPlayer,
  concurrency: number,
  onFamily: (family: DemoFamily, result: PlayResult) => void,
): Promise<PlayResult> {
  const total: PlayResult = { commands: 0, events: 0, refused: [] };
  const iterator = families[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const result = await player.play(next.value);
      total.commands += result.commands;
      total.events += result.events;
      total.refused.push(...result.refused);
      onFamily(next.value, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return total;
}
