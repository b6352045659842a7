import { startTestApp, TestApp } from '@windscreen/testing';
import { call, caseWorkerToken, HttpAnswer } from './fault-support';
import { openCaseBody } from './realistic-commands';

const LEVELS = ['universal', 'emerging', 'complex'] as const;

interface LevelEvent {
  type: string;
  revision: string;
  position: string;
  data: { level?: string; from?: string; to?: string; reason: string };
}

/** Many clients at once on one case, and one client retrying: real HTTP on the real app. */
describe('Fault: concurrent and retried commands', () => {
  let t: TestApp;
  let baseUrl: string;
  const token = caseWorkerToken();

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await t.close();
  });

  const history = async (caseId: string) => {
    const events: LevelEvent[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = await call(baseUrl, 'GET', `/cases/${caseId}/history${cursor ? `?cursor=${cursor}` : ''}`, token);
      events.push(...(page.body.events as LevelEvent[]));
      cursor = page.body.next as string | null;
    }
    return events;
  };

  it('Given one case, When 50 clients change its level at the same moment, three times over, Then each gets 201 or 409 and the stream holds exactly the successes, each step starting where the last ended', async () => {
    const opened = await call(baseUrl, 'POST', '/cases', token, openCaseBody('concurrent'));
    const caseId = opened.body.caseId as string;
    expect(
      (
        await call(baseUrl, 'POST', `/cases/${caseId}/level-of-need`, token, {
          level: 'emerging',
          reason: 'first assessment',
        })
      ).status,
    ).toBe(201);

    const answers: { reason: string; level: string; answer: HttpAnswer }[] = [];
    for (let round = 0; round < 3; round++) {
      const wave = await Promise.all(
        Array.from({ length: 50 }, async (_, client) => {
          const level = LEVELS[(client + round) % LEVELS.length];
          const reason = `round ${round} client ${client}`;
          return {
            reason,
            level,
            answer: await call(baseUrl, 'POST', `/cases/${caseId}/level-of-need`, token, { level, reason }),
          };
        }),
      );
      answers.push(...wave);
    }

    const unexpected = answers.filter(({ answer }) => answer.status !== 201 && answer.status !== 409);
    expect(unexpected.map(({ answer }) => `${answer.status} ${JSON.stringify(answer.body)}`)).toEqual([]);
    const refused = answers.filter(({ answer }) => answer.status === 409);
    // Refused because another client got in first, or because the case is already at that level.
    const codes = refused.map(({ answer }) => answer.body.code);
    expect(codes.filter((code) => code !== 'CONCURRENCY' && code !== 'LEVEL_OF_NEED.UNCHANGED')).toEqual([]);
    expect(codes).toContain('CONCURRENCY');
    const succeeded = answers.filter(({ answer }) => answer.status === 201);
    expect(succeeded.length).toBeGreaterThanOrEqual(3);

    const [openedEvent, assessed, ...changes] = await history(caseId);
    expect([openedEvent.type, assessed.type]).toEqual(['CaseOpened', 'LevelOfNeedAssessed']);
    // Exactly the successful commands, each once, where its answer said.
    expect(changes.map((event) => event.data.reason).sort()).toEqual(succeeded.map(({ reason }) => reason).sort());
    for (const { reason, level, answer } of succeeded) {
      const event = changes.find((candidate) => candidate.data.reason === reason)!;
      expect({ to: event.data.to, revision: event.revision, position: event.position }).toEqual({
        to: level,
        revision: answer.body.revision,
        position: answer.body.position,
      });
    }
    // A valid order: each step starts at the level the previous one left, up or down as its name says.
    let current = assessed.data.level!;
    for (const event of changes) {
      expect({ type: event.type, from: event.data.from }).toEqual({
        type:
          LEVELS.indexOf(event.data.to as (typeof LEVELS)[number]) > LEVELS.indexOf(current as (typeof LEVELS)[number])
            ? 'SteppedUp'
            : 'SteppedDown',
        from: current,
      });
      current = event.data.to!;
    }
    const summary = await call(
      baseUrl,
      'GET',
      `/cases/${caseId}?minPosition=${changes[changes.length - 1].position}`,
      token,
    );
    expect(summary.body.level).toBe(current);
  });

  it('Given a client that retries one command 100 times with the same Idempotency-Key, some retries at once, When all are answered, Then one case is opened and every answer is the first one', async () => {
    const before = await t.countEvents();
    const body = openCaseBody('retried');
    const key = `retry-${Date.now()}`;
    const send = () => call(baseUrl, 'POST', '/cases', token, body, { 'idempotency-key': key });

    // A burst (the first attempt and retries racing it), then one at a time, then another burst.
    const answers: HttpAnswer[] = [];
    answers.push(...(await Promise.all(Array.from({ length: 20 }, send))));
    for (let i = 0; i < 30; i++) answers.push(await send());
    answers.push(...(await Promise.all(Array.from({ length: 50 }, send))));

    expect(answers).toHaveLength(100);
    const first = answers.find((answer) => answer.headers.get('idempotent-replayed') !== 'true')!;
    expect(first.status).toBe(201);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(99);
    for (const answer of answers)
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: first.body });

    const caseEvents = await history(first.body.caseId as string);
    expect(caseEvents.map((event) => event.type)).toEqual(['CaseOpened']);
    // Opening a case about a new child in a new family records the family's registration, the case,
    // and the child's registration with its link to the case: nothing more.
    expect((await t.countEvents()) - before).toBe(4);
  });
});
