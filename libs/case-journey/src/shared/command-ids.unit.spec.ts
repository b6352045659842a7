import { commandEventId, commandScopedId } from './command-ids';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Ids a command makes', () => {
  it('Given an Idempotency-Key, When the same command makes its ids again, Then they are the same uuids (version 5)', () => {
    const retry = { idempotencyKey: 'alice\nkey-1' };
    expect(commandScopedId(retry, 'case')).toBe(commandScopedId({ idempotencyKey: 'alice\nkey-1' }, 'case'));
    expect(commandEventId(retry, 'case-1', 0)).toBe(commandEventId(retry, 'case-1', 0));
    expect(commandEventId(retry, 'case-1', 0)).toMatch(UUID_V5);
  });

  it('Given an Idempotency-Key, When ids are made for other purposes, streams, positions, users or keys, Then each differs', () => {
    const ids = [
      commandScopedId({ idempotencyKey: 'alice\nkey-1' }, 'case'),
      commandScopedId({ idempotencyKey: 'alice\nkey-1' }, 'family'),
      commandScopedId({ idempotencyKey: 'bob\nkey-1' }, 'case'),
      commandScopedId({ idempotencyKey: 'alice\nkey-2' }, 'case'),
      commandEventId({ idempotencyKey: 'alice\nkey-1' }, 'case-1', 0),
      commandEventId({ idempotencyKey: 'alice\nkey-1' }, 'case-1', 1),
      commandEventId({ idempotencyKey: 'alice\nkey-1' }, 'family-1', 0),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Given no Idempotency-Key, When ids are made, Then each is new', () => {
    expect(commandScopedId({}, 'case')).not.toBe(commandScopedId({}, 'case'));
  });
});
