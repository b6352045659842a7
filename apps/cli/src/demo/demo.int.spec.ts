import { CommandBus } from '@nestjs/cqrs';
import { Client } from 'pg';
import { startTestApp, TestApp } from '@windscreen/testing';
import { CommandBusPlayer } from './command-bus-player';
import { journeys, playInMemory } from './demo-spec-support';
import { playPopulation, PlayResult } from './play';
import { generatePopulation } from './scenario';

/** npm run demo, small: the generated population through the API's own command handlers. */
describe('demo data through the command layer', () => {
  const apps: TestApp[] = [];
  const population = { seed: '', children: 30, end: new Date('2026-06-01T00:00:00.000Z') };
  const covers = (found: ReturnType<typeof journeys>) =>
    found.levels.length >= 3 &&
    found.stepDowns > 0 &&
    found.reReferrals > 0 &&
    found.sharedWithoutConsent > 0 &&
    found.count('CaseOpened') > found.count('ChildRegistered');

  beforeAll(async () => {
    // 30 children are few: take the first of these seeds whose population has every journey asserted below.
    for (const seed of ['windscreen', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) {
      if (covers(journeys((await playInMemory({ ...population, seed })).store.events))) {
        population.seed = seed;
        return;
      }
    }
    throw new Error('no seed covers the journeys: widen the list');
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  async function runDemo(): Promise<{
    result: PlayResult;
    events: { stream_id: string; event_type: string; data: Record<string, unknown> }[];
  }> {
    const app = await startTestApp({ projections: 'off' });
    apps.push(app);
    const result = await playPopulation(
      generatePopulation(population),
      new CommandBusPlayer(app.app.get(CommandBus)),
      4,
      () => undefined,
    );
    const client = new Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'select stream_id, event_type, data from events order by stream_id, stream_revision',
      );
      return { result, events: rows };
    } finally {
      await client.end();
    }
  }

  it('records every command with no refusal, a plausible mix, and the same event types for the same seed', async () => {
    const first = await runDemo();
    expect(first.result.refused).toEqual([]);
    expect(first.events).toHaveLength(first.result.events);

    const { events } = first;
    const found = journeys(events.map((event) => ({ type: event.event_type, data: event.data })));
    // 30 children, one of them (at least) back as a second case about the same child (R40).
    expect(found.count('ChildRegistered')).toBe(30);
    expect(found.count('CaseOpened')).toBeGreaterThan(30);
    expect(found.count('CaseLinkedToChild')).toBe(found.count('CaseOpened'));
    expect(found.count('ParentOrCarerRecorded')).toBeGreaterThanOrEqual(30);
    expect(found.levels.length).toBeGreaterThanOrEqual(3);
    expect(found.stepDowns).toBeGreaterThanOrEqual(1);
    expect(found.reReferrals).toBeGreaterThanOrEqual(1);
    expect(found.sharedWithoutConsent).toBeGreaterThanOrEqual(1);
    expect(found.count('EarlyHelpAssessmentStarted')).toBeGreaterThanOrEqual(1);
    expect(found.count('MashDecisionRecorded')).toBeGreaterThanOrEqual(1);

    // Ids differ between runs (the API chooses them); what happened to each stream does not.
    const sequences = (rows: typeof events) => {
      const byStream = new Map<string, string[]>();
      for (const row of rows) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row.event_type]);
      return [...byStream.values()].map((types) => types.join(' ')).sort();
    };
    const second = await runDemo();
    expect(second.result.refused).toEqual([]);
    expect(sequences(second.events)).toEqual(sequences(events));
  });

  it('Given the same population, When the store player plays it, Then every stream records what the command handlers record', async () => {
    const throughHandlers = await runDemo();
    const { store, result } = await playInMemory(population);
    expect(result.refused).toEqual([]);
    // Ids differ (the API chooses them): compared stream by stream, by what happened to each.
    const handlers = new Map<string, string[]>();
    for (const row of throughHandlers.events)
      handlers.set(row.stream_id, [...(handlers.get(row.stream_id) ?? []), row.event_type]);
    const played = [...store.streams.values()].map((events) => events.map((event) => event.type).join(' ')).sort();
    expect(played).toEqual([...handlers.values()].map((types) => types.join(' ')).sort());
    // Each contact is one append (the case, its child, and a new family), as the open-case handler makes it.
    expect(store.appendsTogether).toBe(played.filter((types) => types.startsWith('CaseOpened')).length);
  });
});
