import type { RecordedEvent } from '@windscreen/event-store';
import { projectionUnderTest } from '@windscreen/testing';
import { caseDecider, CaseCommand } from '../case/case.decider';
import type { CaseState } from '../case/case.state';
import type { ChangeLevelOfNeed } from '../case/change-level-of-need/change-level-of-need.decide';
import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../domain/command';
import type { LevelOfNeed } from '../domain/levels-of-need';
import { streamName } from '../domain/stream-name';
import { TrendReportsProjection } from './trend-reports.projection';

const actor: Actor = {
  id: 'alice',
  name: 'Alice',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const caseId = '77777777-7777-4777-8777-777777777777';
const familyId = '88888888-8888-4888-8888-888888888888';
const context = (occurredAt: string): CommandContext => ({
  actor,
  occurredAt,
  now: occurredAt,
  correlationId: 'c',
  causationId: 'c',
});
const eventId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const opened: CaseCommand = {
  type: 'OpenCase',
  context: context('2026-03-02T10:00:00.000Z'),
  data: {
    caseId,
    familyId,
    childId: caseId,
    laChildId: 'C000000000001',
    area: 'peterborough',
    concerns: 'Missed school',
    child: { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02', sex: 'female', disabilities: ['NONE'] },
    contact: {
      receivedAt: '2026-03-02T09:00:00.000Z',
      route: 'written',
      source: '2A',
      referrer: { name: 'R. Patel', anonymous: false },
    },
  },
};
const level = (
  occurredAt: string,
  to: LevelOfNeed,
  reasonCategory?: ChangeLevelOfNeed['data']['reasonCategory'],
): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  context: context(occurredAt),
  data: {
    caseId,
    level: to,
    reason: `to ${to}`,
    familyHasEarlyHelpAssessment: false,
    ...(reasonCategory && { reasonCategory }),
    ...(to === 'specialist' && { immediateRisk: { justification: 'Disclosure at school' }, parentsInformed: true }),
  },
});

/**
 * The commands' events as the store records them (ids `...0001` on, positions from 101), each
 * correction given the entry it names, as its handler reads it from the stream.
 */
function recordedEvents(commands: readonly CaseCommand[]): RecordedEvent[] {
  let state: CaseState = caseDecider.initialState();
  const recorded: RecordedEvent[] = [];
  for (const command of commands) {
    const handled: CaseCommand =
      command.type === 'CorrectEntry'
        ? {
            ...command,
            data: {
              ...command.data,
              entry: recorded.find((event) => event.id === command.data.correctsEventId) as {
                type: string;
                data: Record<string, unknown>;
              },
            },
          }
        : command;
    for (const event of caseDecider.decide(handled, state)) {
      const revision = BigInt(recorded.length);
      const metadata = {
        actor,
        occurredAt: command.context.occurredAt,
        recordedAt: command.context.occurredAt,
        correlationId: 'c',
        causationId: 'c',
      };
      const stored: RecordedEvent = {
        ...event,
        id: eventId(recorded.length + 1),
        streamId: streamName.case(caseId),
        revision,
        position: 101n + revision,
        metadata,
      };
      recorded.push(stored);
      state = caseDecider.evolve(state, { ...event, id: stored.id, metadata });
    }
  }
  return recorded;
}

/** Assessed complex, referred at specialist, stepped down and back up within three months. */
const journey: CaseCommand[] = [
  opened,
  level('2026-03-03T10:00:00.000Z', 'complex', 'new_information'),
  level('2026-03-04T10:00:00.000Z', 'specialist', 'risk_of_significant_harm'),
  level('2026-03-10T10:00:00.000Z', 'complex'),
  level('2026-04-01T10:00:00.000Z', 'specialist'),
];

describe('Trend reports projection', () => {
  const projection = new TrendReportsProjection();
  const { apply, query } = projectionUnderTest(projection);
  const moves = () =>
    query(
      `select position::int, day::text, area, team, direction, from_level, to_level, reason_category, days_at_level, repeat_since::text
         from report_level_moves order by position`,
    );
  const stepDowns = () =>
    query(
      `select position::int, day::text, area, to_level, back_up_at, back_up_within from report_step_downs order by position`,
    );
  const referrals = () =>
    query(`select position::int, day::text, area, kind, re_referral from report_referrals order by position`);
  /** The daily counts summed by area: what a report over the period reads. */
  const totals = () =>
    query(
      `select area, sum(step_ups)::int as step_ups, sum(step_downs)::int as step_downs, sum(referrals)::int as referrals,
              sum(stepped_down_from_specialist)::int as stepped_down, sum(back_up_within_3)::int as back_up_within_3,
              sum(flow_new_contact_to_complex)::int as assessed_complex, sum(flow_specialist_to_complex)::int as specialist_to_complex,
              sum(entries_recorded)::int as entries
         from report_daily group by area having sum(entries_recorded) <> 0 or sum(referrals) <> 0 or sum(step_ups) <> 0 order by area`,
    );
  /** Every row of every table of the projection, as text. */
  const everything = async () =>
    Object.fromEntries(
      await Promise.all(
        projection.tables.map(async (table) => [
          table,
          (await query(`select row_to_json(t)::text as row from ${table} t order by 1`)).map(
            (r: { row: string }) => r.row,
          ),
        ]),
      ),
    );

  it('Given a case assessed, referred, stepped down and back up, When projected, Then each move, the step down and the referral are facts counted on their day', async () => {
    await apply(recordedEvents(journey));

    const recorded = recordedEvents(journey);
    const positions = Object.fromEntries(
      recorded.map((event) => [event.type + '@' + event.metadata.occurredAt.slice(5, 10), Number(event.position)]),
    );
    expect(await moves()).toEqual([
      {
        position: positions['LevelOfNeedAssessed@03-03'],
        day: '2026-03-03',
        area: 'peterborough',
        team: 'north',
        direction: 'assessed',
        from_level: 'new_contact',
        to_level: 'complex',
        reason_category: 'new_information',
        days_at_level: null,
        repeat_since: null,
      },
      {
        position: positions['SteppedUp@03-04'],
        day: '2026-03-04',
        area: 'peterborough',
        team: 'north',
        direction: 'up',
        from_level: 'complex',
        to_level: 'specialist',
        reason_category: 'risk_of_significant_harm',
        days_at_level: 1,
        repeat_since: null,
      },
      {
        position: positions['SteppedDown@03-10'],
        day: '2026-03-10',
        area: 'peterborough',
        team: 'north',
        direction: 'down',
        from_level: 'specialist',
        to_level: 'complex',
        reason_category: 'not_recorded',
        days_at_level: 6,
        repeat_since: null,
      },
      {
        position: positions['SteppedUp@04-01'],
        day: '2026-04-01',
        area: 'peterborough',
        team: 'north',
        direction: 'up',
        from_level: 'complex',
        to_level: 'specialist',
        reason_category: 'not_recorded',
        days_at_level: 22,
        repeat_since: '2026-03-04',
      },
    ]);
    expect(await stepDowns()).toEqual([
      {
        position: positions['SteppedDown@03-10'],
        day: '2026-03-10',
        area: 'peterborough',
        to_level: 'complex',
        back_up_at: new Date('2026-04-01T10:00:00.000Z'),
        back_up_within: 3,
      },
    ]);
    const referralRows = await referrals();
    expect(referralRows.map((row: { day: string }) => row.day)).toEqual(['2026-03-04', '2026-04-01']);
    // The second referral of the child within twelve months is a re-referral (R28).
    expect(referralRows.map((row: { re_referral: boolean }) => row.re_referral)).toEqual([false, true]);
    expect(await totals()).toEqual([
      {
        area: 'peterborough',
        step_ups: 2,
        step_downs: 1,
        referrals: 2,
        stepped_down: 1,
        back_up_within_3: 1,
        assessed_complex: 1,
        specialist_to_complex: 1,
        entries: recorded.length,
      },
    ]);
  });

  it('Given the journey projected, When the case is corrected to another area, Then its facts and their counts move there (R22)', async () => {
    const events = recordedEvents([
      ...journey,
      {
        type: 'CorrectEntry',
        context: context('2026-04-02T10:00:00.000Z'),
        data: {
          caseId,
          correctsEventId: eventId(1),
          correctedValues: { area: 'cambridgeshire' },
          reason: 'Wrong area',
        },
      },
    ]);
    await apply(events.slice(0, -1));
    await apply(events.slice(-1));

    expect((await moves()).map((move: { area: string }) => move.area)).toEqual([
      'cambridgeshire',
      'cambridgeshire',
      'cambridgeshire',
      'cambridgeshire',
    ]);
    expect((await stepDowns()).map((stepDown: { area: string }) => stepDown.area)).toEqual(['cambridgeshire']);
    expect((await referrals()).map((referral: { area: string }) => referral.area)).toEqual([
      'cambridgeshire',
      'cambridgeshire',
    ]);
    // The entries recorded stay counted where they were recorded; what the case did moves.
    const [cambridgeshire, peterborough] = await totals();
    expect(cambridgeshire).toMatchObject({
      area: 'cambridgeshire',
      step_ups: 2,
      step_downs: 1,
      referrals: 2,
      stepped_down: 1,
      back_up_within_3: 1,
      assessed_complex: 1,
    });
    expect(peterborough).toMatchObject({
      area: 'peterborough',
      step_ups: 0,
      step_downs: 0,
      referrals: 0,
      stepped_down: 0,
      back_up_within_3: 0,
      assessed_complex: 0,
    });
  });

  it('Given a step up corrected to the level it started from, and a category corrected, When projected, Then the step never happened and its counts go (R22, R36)', async () => {
    const commands: CaseCommand[] = [
      opened,
      level('2026-03-03T10:00:00.000Z', 'emerging', 'other'),
      level('2026-03-05T10:00:00.000Z', 'complex', 'new_information'),
    ];
    const stepUp = recordedEvents(commands).find((event) => event.type === 'SteppedUp')!;
    const assessed = recordedEvents(commands).find((event) => event.type === 'LevelOfNeedAssessed')!;
    const correct = (
      occurredAt: string,
      correctsEventId: string,
      correctedValues: Record<string, unknown>,
    ): CaseCommand => ({
      type: 'CorrectEntry',
      context: context(occurredAt),
      data: { caseId, correctsEventId, correctedValues, reason: 'Mis-keyed' },
    });
    const events = recordedEvents([
      ...commands,
      correct('2026-03-06T10:00:00.000Z', assessed.id, { reasonCategory: 'needs_met' }),
      correct('2026-03-06T11:00:00.000Z', stepUp.id, { to: 'emerging' }),
    ]);
    await apply(events.slice(0, 3));
    expect(await totals()).toEqual([expect.objectContaining({ step_ups: 1 })]);

    await apply(events.slice(3));

    expect(await moves()).toEqual([
      expect.objectContaining({ direction: 'assessed', to_level: 'emerging', reason_category: 'needs_met' }),
    ]);
    const [peterborough] = await query(
      `select sum(step_ups)::int as step_ups, sum(flow_emerging_to_complex)::int as flow from report_daily`,
    );
    expect(peterborough).toEqual({ step_ups: 0, flow: 0 });
  });

  it('Given the journey with corrections, When projected one batch per event instead of in one batch, Then every table has the same rows', async () => {
    const events = recordedEvents([
      ...journey,
      {
        type: 'CorrectEntry',
        context: context('2026-04-02T10:00:00.000Z'),
        data: {
          caseId,
          correctsEventId: eventId(1),
          correctedValues: { area: 'cambridgeshire' },
          reason: 'Wrong area',
        },
      },
    ]);
    await apply(events);
    const inOneBatch = await everything();
    await query(`truncate ${projection.tables.join(', ')}`);

    for (const event of events) await apply([event]);

    expect(await everything()).toEqual(inOneBatch);
    expect(inOneBatch.report_level_moves).toHaveLength(4);
  });
});
