import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../../domain/command';
import { NotPermitted, RuleViolation } from '../../domain/domain-error';
import type { ErrorCode } from '../../domain/error-codes';
import type { Organisation } from '../../domain/organisation';
import { currentLeadProfessional, FamilyCommand, FamilyState } from '../../family/family.decider';
import type { CaseCommand } from '../case.decider';
import type { CaseState } from '../case.state';

/** What a duty is checked against: the case or the family the command changes, as loaded. */
export type DutySubject = { case: CaseState; family?: undefined } | { family: FamilyState; case?: undefined };

type OnCommand = CaseCommand | FamilyCommand;

/** One row of the separation of duties (mirrored in the README's table). */
export interface Duty {
  /** The step, in a practitioner's words. */
  step: string;
  commands: readonly OnCommand['type'][];
  /** Who may take it. */
  who: string;
  code: ErrorCode;
  /** Whether the row applies to this command on this subject (default: always). */
  appliesTo?: (command: OnCommand, subject: DutySubject) => boolean;
  permits: (actor: Actor, subject: DutySubject, organisation: Organisation) => boolean;
}

const isManager = (actor: Actor) => actor.roles.includes('manager');
/** 000: the MASH manager confirms the risk level; the MASH decides at the front door. */
const isMash = (actor: Actor, organisation: Organisation) =>
  actor.roles.includes('mash') || organisation.mashTeams.includes(actor.team);
const atSpecialist = (subject: DutySubject) => subject.case?.level === 'specialist';

/**
 * Separation of duties: who may take which step on a case or family they may already see
 * (need-to-know is checked first). A step not listed is open to every recording role.
 */
export const SEPARATION_OF_DUTIES: readonly Duty[] = [
  {
    step: 'Allocate a case, or move it to another team',
    commands: ['AllocateCase'],
    who: 'a manager of the team holding the case, or an all-teams manager',
    code: 'DUTY.ALLOCATION',
    permits: (actor, subject) => isManager(actor) && (actor.allTeams || subject.case?.team === actor.team),
  },
  {
    step: 'Name a new lead professional, convene a TAF/TAC with its lead and members, or add a member to it',
    commands: ['ChangeLeadProfessional', 'ConveneTeamAroundFamily', 'AddTeamAroundFamilyMember'],
    who: 'the family’s current lead professional, or a manager',
    code: 'DUTY.LEAD_PROFESSIONAL',
    permits: (actor, subject) =>
      isManager(actor) ||
      (subject.family !== undefined && currentLeadProfessional(subject.family)?.userId === actor.id),
  },
  {
    step: 'Front-door decisions: BRAG rating, MASH decision, referrer notified',
    commands: ['ApplyBragRating', 'RecordMashDecision', 'RecordReferrerNotified'],
    who: 'the MASH: the `mash` role, or a member of a team in `MASH_TEAMS`',
    code: 'DUTY.MASH',
    permits: (actor, _subject, organisation) => isMash(actor, organisation),
  },
  {
    step: 'Close a case at specialist level (directly, or by the MASH decision "advice and close")',
    commands: ['CloseCase', 'RecordMashDecision'],
    who: 'a manager',
    code: 'DUTY.SPECIALIST_CLOSURE',
    appliesTo: (command, subject) =>
      atSpecialist(subject) &&
      (command.type === 'CloseCase' ||
        (command.type === 'RecordMashDecision' && command.data.outcome === 'advice_and_close')),
    permits: (actor) => isManager(actor),
  },
];

/**
 * Refuses (403) a step the actor may not take, by the first row that forbids it; then refuses an
 * allocation to a team the authority does not have. Called once need-to-know has let the actor in.
 */
export function assertDuties(
  command: OnCommand & { context: CommandContext },
  subject: DutySubject,
  organisation: Organisation,
): void {
  const { actor } = command.context;
  for (const duty of SEPARATION_OF_DUTIES) {
    if (!duty.commands.includes(command.type) || (duty.appliesTo && !duty.appliesTo(command, subject))) continue;
    if (!duty.permits(actor, subject, organisation)) {
      throw new NotPermitted(duty.code, `${duty.step}: this is for ${duty.who}`, `Ask ${duty.who.replace(/`/g, '')}`);
    }
  }
  if (command.type === 'AllocateCase' && !organisation.teams.includes(command.data.team)) {
    throw new RuleViolation(
      undefined,
      'ALLOCATION.UNKNOWN_TEAM',
      `There is no team "${command.data.team}"`,
      `Allocate to one of: ${organisation.teams.join(', ')}`,
    );
  }
}
