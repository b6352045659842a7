import type { EventStore, NewEvent } from '@windscreen/event-store';
import { playPopulation, PlayResult } from './play';
import { DemoFamily, generatePopulation, ScenarioOptions } from './scenario';
import { StorePlayer } from './store-player';

/** For the demo's tests: just enough of an event store for the StorePlayer (appends, revision checked). */
export class MemoryEventStore {
  readonly streams = new Map<string, NewEvent[]>();
  /** How many appends wrote to more than one stream at once. */
  appendsTogether = 0;

  async append(stream: string, events: NewEvent[], { expectedRevision }: { expectedRevision: bigint | 'no_stream' }) {
    const existing = this.streams.get(stream) ?? [];
    const revision = existing.length ? BigInt(existing.length - 1) : 'no_stream';
    if (revision !== expectedRevision) throw new Error(`${stream} is at ${revision}, not ${expectedRevision}`);
    existing.push(...events);
    this.streams.set(stream, existing);
    return { nextExpectedRevision: BigInt(existing.length - 1), position: 0n };
  }

  /** All or none, as the real store: every expectation is checked before anything is written. */
  async appendToStreams(appends: { stream: string; events: NewEvent[]; expectedRevision: bigint | 'no_stream' }[]) {
    for (const { stream, expectedRevision } of appends) {
      const existing = this.streams.get(stream) ?? [];
      const revision = existing.length ? BigInt(existing.length - 1) : 'no_stream';
      if (revision !== expectedRevision) throw new Error(`${stream} is at ${revision}, not ${expectedRevision}`);
    }
    if (appends.length > 1) this.appendsTogether++;
    return Promise.all(
      appends.map(({ stream, events, expectedRevision }) => this.append(stream, events, { expectedRevision })),
    );
  }

  get events(): NewEvent[] {
    return [...this.streams.values()].flat();
  }
}

/** A population played through the pure deciders into memory. */
export async function playInMemory(
  options: ScenarioOptions,
): Promise<{ store: MemoryEventStore; families: DemoFamily[]; result: PlayResult }> {
  const store = new MemoryEventStore();
  const families: DemoFamily[] = [];
  const result = await playPopulation(
    generatePopulation(options),
    new StorePlayer(store as unknown as EventStore),
    4,
    (family) => families.push(family),
  );
  return { store, families, result };
}

/** What the reports need to find in a population. */
export function journeys(events: { type: string; data: unknown }[]) {
  const count = (type: string, where: (data: Record<string, unknown>) => boolean = () => true) =>
    events.filter((event) => event.type === type && where(event.data as Record<string, unknown>)).length;
  const levels = new Set(
    events.flatMap((event) => {
      const data = event.data as { level?: string; to?: string };
      return event.type === 'LevelOfNeedAssessed'
        ? [data.level]
        : event.type === 'SteppedUp' || event.type === 'SteppedDown'
          ? [data.to]
          : [];
    }),
  );
  return {
    count,
    levels: [...levels].sort(),
    stepDowns: count('SteppedDown'),
    reReferrals: count('ReferralRecorded', (data) => data.reReferral === true),
    sharedWithoutConsent: count('InformationSharingDecisionRecorded', (data) => data.basis === 'without_consent'),
  };
}
