import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDatabase, migrate } from '@windscreen/database';
import { aContact } from '@windscreen/testing';
import {
  AppProcess,
  call,
  caseWorkerToken,
  DedicatedPostgres,
  HttpAnswer,
  startApi,
  startDedicatedPostgres,
  startProjector,
  waitFor,
  withApplicationName,
  withClient,
} from './fault-support';

interface Outcome {
  token: string;
  kind: 'open' | 'level';
  /** Which restart it was sent around (0, 1, ...) and whether PostgreSQL was up then. */
  phase: string;
  answer?: HttpAnswer;
  transportError?: string;
}

const LOAD_CLIENTS = 8;

/**
 * The PostgreSQL server stops and starts again while clients send commands. A dedicated server in
 * its own folder, on a fixed port so the same connection strings work after the restart; the
 * suite's shared server stays up. The api (PROJECTIONS=off) and the projector are child processes
 * that must find their way back to the database on their own.
 */
describe('Fault: PostgreSQL restarted under load', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-faults-restart-'));
  let server: DedicatedPostgres | undefined;
  let url: string;
  let api: (AppProcess & { baseUrl: string }) | undefined;
  let projector: AppProcess | undefined;

  beforeAll(async () => {
    server = await startDedicatedPostgres(dataDir);
    url = await ensureDatabase(server.url, 'windscreen');
    await migrate(url);
    [api, projector] = await Promise.all([
      startApi(withApplicationName(url, 'fault-api'), { PROJECTIONS: 'off' }),
      startProjector(withApplicationName(url, 'fault-projector')),
    ]);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await projector?.stop();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('Given clients sending commands, When PostgreSQL stops and starts again (once with commands in flight, once with the projector idle), Then every 2xx is in the log exactly once, no command got a false success, and the api and the projector reconnect by themselves', async () => {
    const token = caseWorkerToken();
    const outcomes: Outcome[] = [];
    let phase = 'up-0';
    let stopping = false;
    // Clients wait here while the load is paused.
    let paused: Promise<void> | undefined;
    let resume: () => void = () => undefined;
    let sequence = 0;

    const send = async (
      kind: Outcome['kind'],
      route: string,
      body: Record<string, unknown>,
      commandToken: string,
    ): Promise<Outcome> => {
      await paused;
      const outcome: Outcome = { token: commandToken, kind, phase };
      try {
        outcome.answer = await call(api!.baseUrl, 'POST', route, token, body);
      } catch (error) {
        outcome.transportError = String(error);
      }
      outcomes.push(outcome);
      return outcome;
    };
    const succeeded = (outcome: Outcome) =>
      outcome.answer !== undefined && outcome.answer.status >= 200 && outcome.answer.status < 300;

    // Each client opens a case and moves its level back and forth; after any failure it starts
    // over with a new case, since it cannot know whether the failed command was recorded.
    const client = async (n: number) => {
      while (!stopping) {
        const openToken = `restart-${n}-${sequence++}`;
        const opened = await send('open', '/cases', aContact({ concerns: openToken }), openToken);
        if (!succeeded(opened)) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          continue;
        }
        const caseId = opened.answer!.body.caseId as string;
        for (let step = 0; !stopping; step++) {
          const levelToken = `restart-${n}-${sequence++}`;
          const changed = await send(
            'level',
            `/cases/${caseId}/level-of-need`,
            { level: step % 2 === 0 ? 'emerging' : 'complex', reason: levelToken },
            levelToken,
          );
          if (!succeeded(changed)) break;
        }
      }
    };

    const describeState = () => {
      const recent = outcomes
        .slice(-5)
        .map((o) => o.transportError ?? `${o.answer!.status} ${JSON.stringify(o.answer!.body).slice(0, 200)}`);
      const exit = projector!.child.exitCode ?? projector!.child.signalCode;
      return (
        `\nrecent answers:\n${recent.join('\n')}\napi output:\n${api!.output().slice(-3000)}\n` +
        `projector ${exit === null ? 'running' : `exited (${exit})`}, output:\n${projector!.output().slice(-2000)}`
      );
    };
    const projectorCaughtUp = () =>
      withClient(url, async (db) => {
        const { rows } = await db.query(
          `select bool_and(c.position = h.head) as caught_up from projection_checkpoints c, (select max(position) as head from events) h`,
        );
        return rows[0].caught_up === true;
      });
    const restart = async (round: number) => {
      phase = `down-${round}`;
      await server!.stop();
      paused = undefined;
      resume();
      await waitFor(
        'commands to fail while PostgreSQL is down',
        async () => outcomes.filter((o) => o.phase === phase && !succeeded(o)).length >= 20,
        30_000,
      );
      server = await startDedicatedPostgres(dataDir, server!.port);
      phase = `up-${round + 1}`;
      await waitFor(
        'commands to succeed again after the restart',
        async () => outcomes.filter((o) => o.phase === phase && succeeded(o)).length >= 50,
        30_000,
        100,
      ).catch((error: Error) => {
        throw new Error(`${error.message}${describeState()}`);
      });
    };

    const load = Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, n) => client(n)));
    try {
      // First restart: in the middle of the load, commands in flight.
      await waitFor(
        'commands to succeed before the restart',
        async () => outcomes.filter(succeeded).length >= 100,
        30_000,
      );
      await restart(0);
      // Second restart: the load paused until the projector has caught up and waits for appends.
      paused = new Promise<void>((resolve) => (resume = resolve));
      await waitFor('the projector to catch up before the second restart', projectorCaughtUp, 30_000, 100).catch(
        (error: Error) => {
          throw new Error(`${error.message}${describeState()}`);
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await restart(1);
    } finally {
      stopping = true;
      paused = undefined;
      resume();
      await load;
    }
    expect(projector!.child.exitCode ?? projector!.child.signalCode).toBeNull();

    // The api reconnected: a new command is recorded; the projector reconnected: it catches up
    // to it (read-your-writes answers fresh) and listens for appends again.
    const opened = await call(api!.baseUrl, 'POST', '/cases', token, aContact({ concerns: 'after-restart' }));
    expect(opened.status).toBe(201);
    const read = await waitFor(
      'the projector to catch up to a command sent after the restart',
      async () => {
        const answer = await call(
          api!.baseUrl,
          'GET',
          `/cases/${opened.body.caseId as string}?minPosition=${opened.body.position as string}`,
          token,
        );
        return answer.headers.get('x-read-model-stale') === 'false' && answer;
      },
      30_000,
    ).catch(async (error: Error) => {
      const [checkpoints, sessions] = await withClient(url, async (db) => [
        (await db.query(`select name, position from projection_checkpoints`)).rows,
        (
          await db.query(
            `select application_name, state, xact_start, backend_xid, backend_xmin, left(query, 80) as query from pg_stat_activity where datname = current_database()`,
          )
        ).rows,
      ]);
      throw new Error(
        `${error.message}\ncheckpoints: ${JSON.stringify(checkpoints)} (command at ${String(opened.body.position)})\nsessions: ${JSON.stringify(sessions, null, 1)}${describeState()}`,
      );
    });
    expect(read.status).toBe(200);
    await waitFor('the projector to LISTEN again', () =>
      withClient(url, async (db) => {
        const { rows } = await db.query(
          `select 1 from pg_stat_activity where application_name = 'fault-projector' and query ilike 'listen %'`,
        );
        return rows.length > 0;
      }),
    );
    const health = await call(api!.baseUrl, 'GET', '/health', token);
    expect(health.status).toBe(200);

    const logged = await withClient(url, async (db) => {
      // A new case's answer names the later of its two events, the case's and its new family's.
      const { rows } = await db.query<{
        token: string;
        stream_id: string;
        position: string;
        copies: number;
        family_apart: boolean | null;
      }>(
        `select coalesce(e.data->>'reason', e.data->>'concerns') as token, min(e.stream_id) as stream_id,
                max(greatest(e.position, f.position))::text as position, count(*)::int as copies,
                bool_or(f.position >> 20 <> e.position >> 20) as family_apart
           from events e
           left join events f on e.event_type = 'CaseOpened' and f.event_type = 'FamilyRegistered' and f.data->>'firstCaseId' = substr(e.stream_id, 6)
          where e.event_type in ('CaseOpened', 'LevelOfNeedAssessed', 'SteppedUp', 'SteppedDown')
            and coalesce(e.data->>'reason', e.data->>'concerns') like 'restart-%'
          group by 1`,
      );
      return new Map(rows.map((row) => [row.token, row]));
    });
    const byToken = new Map(outcomes.map((outcome) => [outcome.token, outcome]));

    const successes = outcomes.filter(succeeded);
    const failures = outcomes.filter((outcome) => !succeeded(outcome));
    // The outage really hit the load: commands failed, some of them in flight, others refused at once.
    expect(failures.length).toBeGreaterThan(0);
    for (const up of ['up-0', 'up-1', 'up-2'])
      expect(successes.filter((o) => o.phase === up).length).toBeGreaterThan(0);

    // A failure is a 5xx or a broken connection: never a rule's refusal (4xx) for a valid command.
    const refusals = failures.filter((outcome) => outcome.answer !== undefined && outcome.answer.status < 500);
    expect(refusals.map((o) => `${o.token}: ${o.answer!.status} ${JSON.stringify(o.answer!.body)}`)).toEqual([]);

    // Every success is in the log exactly once, where the answer said it was.
    const missingOrWrong = successes.filter((outcome) => {
      const row = logged.get(outcome.token);
      if (!row || row.copies !== 1 || row.position !== outcome.answer!.body.position) return true;
      // A new family and its first case are one append: one transaction (a position's high bits).
      if (outcome.kind === 'open' && row.family_apart !== false) return true;
      return outcome.kind === 'open' && row.stream_id !== `case-${outcome.answer!.body.caseId as string}`;
    });
    expect(missingOrWrong.map((o) => o.token)).toEqual([]);

    // Nothing in the log that no client sent, nothing twice; a failed command may or may not have
    // been recorded (its commit may have happened before the connection broke), but at most once.
    for (const [loggedToken, row] of logged) {
      expect(byToken.has(loggedToken)).toBe(true);
      expect(row.copies).toBe(1);
    }
    const recordedDespiteError = failures.filter((outcome) => logged.has(outcome.token)).length;
    process.stdout.write(
      `postgres restart: ${successes.length} commands succeeded, ${failures.length} failed ` +
        `(${failures.filter((o) => o.transportError).length} transport errors, ${recordedDespiteError} recorded although answered with an error)\n`,
    );
  }, 180_000);
});
