import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../domain/command';
import { CommandContextOf } from './command-context.decorator';

const actor: Actor = {
  id: 'w-1',
  name: 'A. Worker',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Children’s services',
  team: 'north',
  allTeams: false,
};

class Routes {
  record(@CommandContextOf() context: CommandContext) {
    return context;
  }

  sent(@CommandContextOf((body) => body.sentAt) context: CommandContext) {
    return context;
  }
}

/** The context a route's parameter receives for this request, as Nest resolves it. */
function contextFor(method: keyof Routes, request: object): CommandContext {
  const [argument] = Object.values(
    Reflect.getMetadata(ROUTE_ARGS_METADATA, Routes, method) as Record<
      string,
      { data: unknown; factory: (data: unknown, context: ExecutionContextHost) => CommandContext }
    >,
  );
  return argument.factory(argument.data, new ExecutionContextHost([request]));
}

describe('@CommandContextOf()', () => {
  const ids = { correlationId: 'corr-1', requestId: 'req-1', idempotencyKey: 'key-1' };

  it('Given a body with occurredAt, When the route runs, Then the context has the actor, the request ids and that moment', () => {
    const context = contextFor('record', { actor, requestContext: ids, body: { occurredAt: '2026-03-02T09:15:00Z' } });
    expect(context).toEqual({
      actor,
      occurredAt: '2026-03-02T09:15:00Z',
      now: expect.any(String),
      correlationId: 'corr-1',
      causationId: 'req-1',
      idempotencyKey: 'key-1',
    });
  });

  it('Given no occurredAt and a default from the body, When the route runs, Then it happened at the default', () => {
    expect(
      contextFor('sent', { actor, requestContext: ids, body: { sentAt: '2026-03-03T10:00:00Z' } }).occurredAt,
    ).toBe('2026-03-03T10:00:00Z');
    expect(
      contextFor('sent', {
        actor,
        requestContext: ids,
        body: { occurredAt: '2026-03-04T10:00:00Z', sentAt: '2026-03-03T10:00:00Z' },
      }).occurredAt,
    ).toBe('2026-03-04T10:00:00Z');
  });

  it('Given no occurredAt and no default, When the route runs, Then it happened now', () => {
    const context = contextFor('record', { actor, requestContext: ids, body: {} });
    expect(context.occurredAt).toBe(context.now);
  });

  it('Given a route no guard let an actor through, When it runs, Then it is a programming error, not a context without an actor', () => {
    expect(() => contextFor('record', { requestContext: ids, body: {} })).toThrow(
      'CommandContextOf used on a public route',
    );
  });
});
