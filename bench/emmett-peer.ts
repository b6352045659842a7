import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { CommandHandler, ExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';

/**
 * The peer of the API benchmark (bench/api.bench.ts): the same commands over HTTP, recorded as the
 * same events by Emmett's PostgreSQL event store, through the thinnest handler that still reads
 * the stream, decides and appends with the expected version (Emmett's CommandHandler). It does
 * not authenticate, validate bodies, keep read models, hash-chain events or handle idempotency
 * keys: it is the baseline of an event-sourced command over HTTP on the same PostgreSQL.
 * Env: DATABASE_URL, PORT. Prints "listening" once it accepts requests.
 */

type CaseEvent = (
  | { type: 'CaseOpened'; data: Record<string, unknown> & { caseId: string; familyId: string } }
  | { type: 'ConsentRecorded'; data: Record<string, unknown> }
  | { type: 'LevelOfNeedAssessed'; data: { level: string; reason: string } }
  | { type: 'SteppedUp' | 'SteppedDown'; data: { from: string; to: string; reason: string; whatChanged?: string } }
  | { type: 'InformationSharingDecisionRecorded'; data: Record<string, unknown> }
) & { metadata?: Record<string, unknown> };

interface CaseState {
  exists: boolean;
  level: string | null;
}

const LEVELS = ['universal', 'emerging', 'complex', 'specialist'];
const initialState = (): CaseState => ({ exists: false, level: null });
const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'CaseOpened':
      return { ...state, exists: true };
    case 'LevelOfNeedAssessed':
      return { ...state, level: event.data.level };
    case 'SteppedUp':
    case 'SteppedDown':
      return { ...state, level: event.data.to };
    default:
      return state;
  }
};
const handle = CommandHandler<CaseState, CaseEvent>({ evolve, initialState });

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The metadata the api records with every event: who, when, correlation. */
const metadata = () => ({
  actor: { id: 'bench', name: 'Bench Worker', role: 'case_worker', agency: 'Early Help', team: 'north' },
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
});
const withMetadata = (event: CaseEvent): CaseEvent => ({ ...event, metadata: metadata() });

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  // The same pool size as the api's event store pool.
  const pool = new Pool({ connectionString: url, max: 20 });
  pool.on('error', () => undefined);
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();

  const existing = (state: CaseState) => {
    if (!state.exists) throw new Refused(404, 'case not found');
  };

  const routes: Record<string, (caseId: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    consents: async (caseId, body) => {
      const result = await handle(store, `case-${caseId}`, (state) => {
        existing(state);
        return withMetadata({ type: 'ConsentRecorded', data: body });
      });
      return { revision: String(result.nextExpectedStreamVersion), position: String(result.lastEventGlobalPosition) };
    },
    'level-of-need': async (caseId, body) => {
      const level = String(body.level);
      const reason = String(body.reason);
      const result = await handle(store, `case-${caseId}`, (state): CaseEvent => {
        existing(state);
        if (state.level === null) return withMetadata({ type: 'LevelOfNeedAssessed', data: { level, reason } });
        const direction = LEVELS.indexOf(level) - LEVELS.indexOf(state.level);
        if (direction === 0) throw new Refused(409, 'level unchanged');
        return withMetadata(
          direction > 0
            ? { type: 'SteppedUp', data: { from: state.level, to: level, reason } }
            : {
                type: 'SteppedDown',
                data: {
                  from: state.level,
                  to: level,
                  reason,
                  whatChanged: typeof body.whatChanged === 'string' ? body.whatChanged : reason,
                },
              },
        );
      });
      return { revision: String(result.nextExpectedStreamVersion), position: String(result.lastEventGlobalPosition) };
    },
    'information-sharing-decisions': async (caseId, body) => {
      const result = await handle(store, `case-${caseId}`, (state) => {
        existing(state);
        return withMetadata({ type: 'InformationSharingDecisionRecorded', data: body });
      });
      return { revision: String(result.nextExpectedStreamVersion), position: String(result.lastEventGlobalPosition) };
    },
  };

  /** A new family and its first case: two streams, two appends (Emmett appends to one stream at a time). */
  const openCase = async (body: Record<string, unknown>) => {
    const caseId = randomUUID();
    const familyId = randomUUID();
    await store.appendToStream(
      `family-${familyId}`,
      [{ type: 'FamilyRegistered', data: { familyId, area: body.area, firstCaseId: caseId }, metadata: metadata() }],
      { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
    );
    const opened = await store.appendToStream(
      `case-${caseId}`,
      [{ type: 'CaseOpened', data: { ...body, caseId, familyId }, metadata: metadata() }],
      {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      },
    );
    return {
      caseId,
      familyId,
      revision: String(opened.nextExpectedStreamVersion),
      position: String(opened.lastEventGlobalPosition),
    };
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const run = async () => {
        if (request.method === 'GET' && request.url === '/health') return answer(200, { status: 'ok' });
        const route =
          request.method === 'POST' ? /^\/cases(?:\/([0-9a-f-]{36})\/([a-z-]+))?$/.exec(request.url ?? '') : null;
        if (!route) return answer(404, { title: 'not found' });
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return answer(400, { title: 'malformed JSON' });
        }
        const [, caseId, action] = route;
        if (!caseId) return answer(201, await openCase(body));
        const command = routes[action];
        if (!command) return answer(404, { title: 'not found' });
        return answer(201, await command(caseId, body));
      };
      run().catch((error: unknown) => {
        if (error instanceof Refused) return answer(error.status, { title: error.message });
        if (error instanceof ExpectedVersionConflictError) return answer(409, { title: 'concurrency' });
        answer(500, { title: error instanceof Error ? error.message : String(error) });
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => process.stdout.write('listening\n'));
  const stop = () =>
    server.close(
      () =>
        void store
          .close()
          .then(() => pool.end())
          .then(() => process.exit(0)),
    );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`emmett peer could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
