import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { assertNotBefore } from '../../domain/occurred-at';
import { addHours } from '../../domain/working-days';
import { ANONYMITY_PERMITTED_SOURCES, Area, ContactRoute, ReferralSource } from '../../domain/national-codes';
import type { ChildDetails } from '../../child/child.decider';
import type { CaseState } from '../case.state';

export interface Contact {
  receivedAt: string;
  route: ContactRoute;
  source: ReferralSource;
  referrer: { name?: string; agency?: string; anonymous: boolean };
  /** R33: a telephone contact about child protection concerns (added to schema version 1; absent means none stated). */
  childProtectionConcerns?: boolean;
}

/** R33 (004 Specialist Services): on a telephone contact of a child protection nature, the MASH decides the risk level within one hour. */
export const RISK_DECISION_HOURS = 1;

export type OpenCase = Command<
  'OpenCase',
  {
    caseId: string;
    familyId: string;
    childId: string;
    laChildId: string;
    child: ChildDetails;
    area: Area;
    contact: Contact;
    concerns: string;
    /** Read by the handler from the child's earlier cases: when the child was referred before (R28 counts re-referrals per child). */
    childReferralsBefore?: string[];
  }
>;

/**
 * Schema version 2 names the child the case is about (`childId`, the child's stream) and the
 * child's local authority id; `child` is what was known of the child when the contact came in.
 */
export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    caseId: string;
    familyId: string;
    childId: string;
    laChildId: string;
    child: ChildDetails;
    area: Area;
    contact: Contact;
    concerns: string;
    /** R10: a telephone contact is followed up in writing within 24 hours. */
    writtenFollowUpDueBy?: string;
    /** R33: the risk decision (the MASH's BRAG rating) on a telephone contact about child protection. */
    riskDecisionDueBy?: string;
    /** R28: the child's referrals on earlier cases, oldest first (absent: none, or a v1 case) */
    childReferralsBefore?: string[];
  }
>;

export function decideOpenCase(command: OpenCase, state: CaseState): CaseOpened[] {
  if (state.status !== 'none') {
    throw new RuleViolation(undefined, 'CASE.ALREADY_EXISTS', `Case ${command.data.caseId} already exists`);
  }
  const { contact } = command.data;
  // R9: professionals cannot make anonymous referrals; members of the public may ask to.
  if (contact.referrer.anonymous && !ANONYMITY_PERMITTED_SOURCES.includes(contact.source)) {
    throw new RuleViolation(
      'R9',
      'CONTACT.ANONYMOUS_PROFESSIONAL',
      `A referral from source ${contact.source} is from a professional and cannot be anonymous`,
      'Record the referrer’s name and agency, or use source 1A-1D (a member of the public), 9 or 10',
    );
  }
  if (!contact.referrer.anonymous && !contact.referrer.name) {
    throw new RuleViolation(
      'R9',
      'CONTACT.REFERRER_UNNAMED',
      'The referrer must be named unless they are a member of the public who asked to remain anonymous',
      'Give the referrer’s name, or mark a member of the public’s referral as anonymous',
    );
  }
  // R35: the case opens with the contact, which cannot come before the child was born.
  assertNotBefore(command.context, contact.receivedAt, 'the contact it records');
  const born = command.data.child.dateOfBirth;
  if (born && contact.receivedAt.slice(0, 10) < born) {
    throw new RuleViolation(
      'R35',
      'CONTACT.BEFORE_BIRTH',
      `The contact (${contact.receivedAt}) is before the child’s date of birth (${born})`,
      'Check receivedAt and dateOfBirth, or give expectedDateOfBirth for an unborn child',
    );
  }
  const writtenFollowUpDueBy = contact.route === 'telephone' ? addHours(contact.receivedAt, 24) : undefined;
  const riskDecisionDueBy =
    contact.route === 'telephone' && contact.childProtectionConcerns
      ? addHours(contact.receivedAt, RISK_DECISION_HOURS)
      : undefined;
  return [
    {
      type: 'CaseOpened',
      schemaVersion: 2,
      data: {
        ...command.data,
        ...(writtenFollowUpDueBy && { writtenFollowUpDueBy }),
        ...(riskDecisionDueBy && { riskDecisionDueBy }),
      },
    },
  ];
}
