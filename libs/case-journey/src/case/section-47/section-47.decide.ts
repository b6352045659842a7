import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { compareLevels } from '../../domain/levels-of-need';
import type { CaseState } from '../case.state';
import type { LevelOfNeedAssessed, SteppedUp } from '../change-level-of-need/change-level-of-need.decide';
import { referralIfNew, ReferralRecorded } from '../referral/referral.decide';

export type OpenSection47Enquiry = Command<
  'OpenSection47Enquiry',
  { caseId: string; reasonableCause: string; strategyDiscussionAt?: string }
>;
export type ConcludeSection47Enquiry = Command<
  'ConcludeSection47Enquiry',
  { caseId: string; concernsSubstantiated: boolean; icpcNeeded: boolean; icpcDate?: string; outcome: string }
>;

export type Section47EnquiryOpened = DomainEvent<
  'Section47EnquiryOpened',
  { reasonableCause: string; strategyDiscussionAt: string | null }
>;
export type Section47EnquiryConcluded = DomainEvent<
  'Section47EnquiryConcluded',
  { concernsSubstantiated: boolean; icpcNeeded: boolean; icpcDate: string | null; outcome: string }
>;

/**
 * R16: reasonable cause to suspect significant harm is recorded; consent is not required.
 * Opening puts the case at specialist: a case below it is stepped up first, as its own event.
 */
export function decideOpenSection47Enquiry(
  command: OpenSection47Enquiry,
  state: CaseState,
): (LevelOfNeedAssessed | SteppedUp | ReferralRecorded | Section47EnquiryOpened)[] {
  if (state.section47Open) {
    throw new RuleViolation(
      'R16',
      'S47.ALREADY_OPEN',
      'A section 47 enquiry is already open for this child',
      'Conclude it before opening another',
    );
  }
  const reason = `Section 47 enquiry opened: ${command.data.reasonableCause}`;
  const basis = { immediateRisk: { justification: command.data.reasonableCause } };
  // A case never assessed is assessed at specialist: it did not step up from a level it never had.
  const toSpecialist: (LevelOfNeedAssessed | SteppedUp)[] =
    state.level === null
      ? [
          {
            type: 'LevelOfNeedAssessed',
            schemaVersion: 1,
            data: { level: 'specialist', reason, reasonCategory: 'risk_of_significant_harm', basis },
          },
        ]
      : compareLevels(state.level, 'specialist') < 0
        ? [
            {
              type: 'SteppedUp',
              schemaVersion: 1,
              data: {
                from: state.level,
                to: 'specialist',
                reason,
                basis,
              },
            },
          ]
        : [];
  return [
    ...toSpecialist,
    ...(toSpecialist.length ? referralIfNew(state, command.context.occurredAt, 'move_to_specialist') : []),
    {
      type: 'Section47EnquiryOpened',
      schemaVersion: 1,
      // R29: the enquiry was started by the latest strategy discussion that decided on it, unless told otherwise.
      data: {
        reasonableCause: command.data.reasonableCause,
        strategyDiscussionAt:
          command.data.strategyDiscussionAt ??
          (state.strategyDiscussion?.section47 ? state.strategyDiscussion.at : null),
      },
    },
  ];
}

export function decideConcludeSection47Enquiry(
  command: ConcludeSection47Enquiry,
  state: CaseState,
): Section47EnquiryConcluded[] {
  if (!state.section47Open) {
    throw new RuleViolation('R16', 'S47.NOT_OPEN', 'There is no open section 47 enquiry to conclude');
  }
  const { concernsSubstantiated, icpcNeeded, icpcDate, outcome } = command.data;
  if (icpcNeeded && !icpcDate) {
    throw new RuleViolation(
      'R16',
      'S47.ICPC_DATE_MISSING',
      'An initial child protection conference is needed: give its date',
      'Add icpcDate',
    );
  }
  return [
    {
      type: 'Section47EnquiryConcluded',
      schemaVersion: 1,
      data: { concernsSubstantiated, icpcNeeded, icpcDate: icpcNeeded ? icpcDate! : null, outcome },
    },
  ];
}
