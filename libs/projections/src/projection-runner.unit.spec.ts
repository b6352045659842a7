import { delayBeforeNextBatch } from './projection-runner';

describe('delayBeforeNextBatch: how often a live batch starts', () => {
  const startedAt = 1_000_000;

  it('Given a busy log (a batch of 200 events that took 40 ms), When the next batch is due, Then it waits out the rest of 150 ms', () => {
    expect(delayBeforeNextBatch({ events: 200, batchSize: 500, startedAt, now: startedAt + 40 })).toBe(110);
  });

  it('Given a busy log and a batch that took longer than the interval, When the next batch is due, Then it starts at once', () => {
    expect(delayBeforeNextBatch({ events: 200, batchSize: 500, startedAt, now: startedAt + 180 })).toBe(0);
  });

  it.each([
    ['a quiet log (a batch of 3 events)', 3],
    ['an idle log (no events)', 0],
    ['a backlog (a full batch)', 500],
  ])('Given %s, When the next batch is due, Then it starts at once', (_case, events) => {
    expect(delayBeforeNextBatch({ events, batchSize: 500, startedAt, now: startedAt + 5 })).toBe(0);
  });

  it('Given 32 events, the least that counts as busy, When the next batch is due, Then it waits', () => {
    expect(delayBeforeNextBatch({ events: 31, batchSize: 500, startedAt, now: startedAt + 5 })).toBe(0);
    expect(delayBeforeNextBatch({ events: 32, batchSize: 500, startedAt, now: startedAt + 5 })).toBe(145);
  });
});
