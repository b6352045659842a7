/**
 * A plausible walk of one case through the commands case workers send most: open the case, record
 * consent, assess the level of need, record an information-sharing decision, step up, step down.
 * Every body is valid and every step is one the rules accept after the ones before it, so each
 * command records an event. Used by the fault tests and by the API benchmark (bench/api.bench.ts).
 */

// Imported by file, not through @windscreen/testing, so the benchmark does not load the test app.
import { aContact } from '../../libs/testing/src/a-contact';
import { aSharingDecision } from '../../libs/testing/src/a-sharing-decision';

const GIVEN_NAMES = ['Amira', 'Yusuf', 'Olivia', 'Kacper', 'Grace', 'Tomasz', 'Leah', 'Ibrahim'];

/**
 * A new contact about a new child. `n` varies the child's name and date of birth, as a council's
 * contacts do: about 15 children share a birthday in a population of 100,000, not all of them.
 */
export function openCaseBody(tag: string, n = 0): Record<string, unknown> {
  const contact = aContact();
  const child = contact.child as { dateOfBirth: string };
  return aContact({
    child: {
      ...child,
      givenName: GIVEN_NAMES[n % GIVEN_NAMES.length],
      // n = 0 keeps the fixture's own date.
      dateOfBirth: n === 0 ? child.dateOfBirth : birthdayOf(n),
    },
    concerns: `${contact.concerns as string} (${tag})`,
  });
}

const BIRTHS_FROM = Date.UTC(2008, 0, 1);
const BIRTH_DAYS = 18 * 365;
const DAY_MS = 86_400_000;

/** One of 18 years of birthdays, spread by a prime stride. */
function birthdayOf(n: number): string {
  return new Date(BIRTHS_FROM + ((n * 7919) % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

export interface CaseCommand {
  /** Path under /cases/:caseId (empty: POST /cases itself). */
  route: string;
  body: Record<string, unknown>;
}

/** The steps after the opening, in order. */
export function stepsAfterOpening(tag: string): CaseCommand[] {
  return [
    { route: '/consents', body: { scope: 'information_sharing', givenBy: 'parent_carer', decision: 'given' } },
    { route: '/level-of-need', body: { level: 'emerging', reason: `Attendance dropping (${tag})` } },
    {
      route: '/information-sharing-decisions',
      body: aSharingDecision({ reasons: `To coordinate support for the child (${tag})` }),
    },
    { route: '/level-of-need', body: { level: 'complex', reason: `Neglect concerns growing (${tag})` } },
    {
      route: '/level-of-need',
      body: { level: 'emerging', reason: `Needs met with support (${tag})`, whatChanged: 'TAF plan in place' },
    },
  ];
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends the whole walk for one new case; stops at the first answer that is not a success. */
export async function* commandsOfOneCase(
  send: (method: string, route: string, body: Record<string, unknown>) => Promise<Answer>,
  tag: string,
): AsyncGenerator<Answer> {
  const opened = await send('POST', '/cases', openCaseBody(tag));
  yield opened;
  if (opened.status >= 300) return;
  for (const step of stepsAfterOpening(tag)) {
    const answer = await send('POST', `/cases/${String(opened.body.caseId)}${step.route}`, step.body);
    yield answer;
    if (answer.status >= 300) return;
  }
}
