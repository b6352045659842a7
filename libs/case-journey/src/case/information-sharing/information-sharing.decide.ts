import { Command, DomainEvent } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import type { ErrorCode } from '../../domain/error-codes';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import type { CaseState } from '../case.state';
import type { ConsentDecision, ConsentScope } from '../consent/consent.decide';
import type { BragRating } from '../mash/mash.decide';
import type { AbuseCategory } from '../child-protection-plan/child-protection-plan.decide';

export const SHARING_DECISIONS = ['share', 'not_share'] as const;
export type SharingDecision = (typeof SHARING_DECISIONS)[number];
export const SHARING_BASES = ['consent', 'without_consent'] as const;
export type SharingBasis = (typeof SHARING_BASES)[number];

/** What an event written before a field existed says of that field. */
export const NOT_RECORDED = 'not_recorded';
export type NotRecorded = typeof NOT_RECORDED;

/** UK GDPR Article 6(1): the lawful basis for processing personal data. */
export const ARTICLE_6_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export type Article6Basis = (typeof ARTICLE_6_BASES)[number];

/** UK GDPR Article 9(2): the condition for processing special-category data (health, ethnicity, sex life...). */
export const ARTICLE_9_CONDITIONS = [
  'explicit_consent',
  'social_protection',
  'vital_interests',
  'legal_claims',
  'substantial_public_interest',
  'health_or_social_care',
] as const;
export type Article9Condition = (typeof ARTICLE_9_CONDITIONS)[number];

/** DPA 2018 Schedule 1: the condition that Articles 9(2)(b), (g) and (h) need beside them. */
export const SCHEDULE_1_CONDITIONS = [
  'para_1_employment_social_security_social_protection',
  'para_2_health_or_social_care',
  'para_6_statutory_and_government_purposes',
  'para_10_preventing_or_detecting_unlawful_acts',
  'para_18_safeguarding_of_children_and_individuals_at_risk',
] as const;
export type Schedule1Condition = (typeof SCHEDULE_1_CONDITIONS)[number];

/** Which Schedule 1 conditions each Article 9 condition may rest on (DPA 2018 s10); absent: none is needed. */
export const SCHEDULE_1_FOR_ARTICLE_9: Partial<Record<Article9Condition, readonly Schedule1Condition[]>> = {
  social_protection: ['para_1_employment_social_security_social_protection'],
  health_or_social_care: ['para_2_health_or_social_care'],
  substantial_public_interest: [
    'para_6_statutory_and_government_purposes',
    'para_10_preventing_or_detecting_unlawful_acts',
    'para_18_safeguarding_of_children_and_individuals_at_risk',
  ],
};

/** The common-law duty of confidence: what sets it aside (or that the information was not confidential). */
export const CONFIDENTIALITY_BASES = ['consent', 'public_interest', 'legal_duty', 'not_confidential'] as const;
export type ConfidentialityBasis = (typeof CONFIDENTIALITY_BASES)[number];
/** The public interest that outweighs the duty of confidence (golden rules 4-5). */
export const PUBLIC_INTEREST_GROUNDS = ['risk_of_significant_harm', 'prevention_or_detection_of_crime'] as const;
export type PublicInterestGround = (typeof PUBLIC_INTEREST_GROUNDS)[number];

/** Whose information it is. */
export const DATA_SUBJECTS = ['child', 'parent_carer', 'sibling', 'other_child', 'other_adult'] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

/** Golden rule 2: why the person was not told that their information would be shared. */
export const NOT_TOLD_REASONS = [
  'would_place_child_at_increased_risk',
  'would_prejudice_prevention_or_detection_of_crime',
  'would_cause_undue_delay',
  'could_not_be_contacted',
  'lacks_capacity',
  'other',
] as const;
export type NotToldReason = (typeof NOT_TOLD_REASONS)[number];

/** Golden rule 3: whose advice was sought. */
export const ADVICE_SOURCES = [
  'manager',
  'designated_safeguarding_lead',
  'caldicott_guardian',
  'data_protection_officer',
  'information_governance',
  'legal_services',
  'other',
] as const;
export type AdviceSource = (typeof ADVICE_SOURCES)[number];

/** Golden rule 6: how information was sent, securely or not. */
export const SENDING_METHODS = [
  'secure_email',
  'secure_portal',
  'in_person',
  'telephone',
  'recorded_post',
  'meeting',
  'unsecured_email',
] as const;
export type SendingMethod = (typeof SENDING_METHODS)[number];
export const SECURE_SENDING_METHODS: readonly SendingMethod[] = [
  'secure_email',
  'secure_portal',
  'in_person',
  'telephone',
  'recorded_post',
  'meeting',
];

export interface Recipient {
  agency: string;
  role?: string;
  name?: string;
}

export interface InformationSharingDecision {
  /** Names the decision for what follows it: the information sent, the audit. */
  decisionId: string;
  decision: SharingDecision;
  /** What was (or would have been) shared. */
  information: string;
  recipients: Recipient[];
  purpose: string;
  /** Overall: with the person's consent, or without it. */
  basis: SharingBasis;
  consentSought: boolean;
  consentAnswer?: 'given' | 'refused';
  dataSubjects: DataSubject[] | NotRecorded;
  article6Basis: Article6Basis | NotRecorded;
  /** Whether the information includes special-category data (UK GDPR Article 9). */
  specialCategoryData: boolean | NotRecorded;
  article9Condition?: Article9Condition;
  schedule1Condition?: Schedule1Condition;
  confidentialityBasis: ConfidentialityBasis | NotRecorded;
  publicInterestGround?: PublicInterestGround;
  /** Without consent: the judgement that overrode consent or did not seek it. */
  judgement?: string;
  /** Golden rule 2. */
  personInformed: { told: boolean; notToldReason?: NotToldReason; notToldDetails?: string } | NotRecorded;
  /** Golden rule 3. */
  advice: { sought: boolean; from?: AdviceSource; name?: string } | NotRecorded;
  /** The request this decision answers; null when the practitioner decided to share unasked. */
  request: { from: string; receivedAt: string } | null | NotRecorded;
  /** A Gillick competent young person objected to sharing with their parents. */
  youngPersonObjection?: { overridden: boolean; why: string };
  reasons: string;
}

/** What the case record said when the decision was made, as it was known then. */
export interface KnownAtDecision {
  level: LevelOfNeed | null;
  bragRating: BragRating | null;
  section47Open: boolean;
  childProtectionPlan: AbuseCategory | null;
  consents: Partial<Record<ConsentScope, ConsentDecision>>;
}

export type RecordInformationSharingDecision = Command<
  'RecordInformationSharingDecision',
  { caseId: string } & InformationSharingDecision
>;
export type InformationSharingDecisionRecorded = DomainEvent<
  'InformationSharingDecisionRecorded',
  InformationSharingDecision & {
    consentInForce: ConsentDecision | null;
    knownAtDecision: KnownAtDecision | NotRecorded;
    /** The fields an event written before they existed does not answer. */
    notRecorded?: string[];
  }
>;

export interface InformationSending {
  decisionId: string;
  sentAt: string;
  method: SendingMethod;
  recipients: Recipient[];
  information: string;
  /** Why an insecure method was used (golden rule 6). */
  insecureMethodReason?: string;
}
export type RecordInformationSent = Command<'RecordInformationSent', { caseId: string } & InformationSending>;
export type InformationSent = DomainEvent<'InformationSent', InformationSending>;

const oneOf =
  (values: readonly unknown[], orNotRecorded = false) =>
  (value: unknown) =>
    values.includes(value) || (orNotRecorded && value === NOT_RECORDED);
const optional = (check: (value: unknown) => boolean) => (value: unknown) => value === undefined || check(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= 10000;
/** The coded and required fields of a decision, checked where values arrive other than through the request DTO (a correction). */
const FIELD_CHECKS: Partial<Record<keyof InformationSharingDecision, (value: unknown) => boolean>> = {
  decision: oneOf(SHARING_DECISIONS),
  basis: oneOf(SHARING_BASES),
  information: text,
  purpose: text,
  reasons: text,
  consentSought: (value) => typeof value === 'boolean',
  consentAnswer: optional(oneOf(['given', 'refused'])),
  dataSubjects: (value) =>
    (Array.isArray(value) && value.length > 0 && value.every(oneOf(DATA_SUBJECTS))) || value === NOT_RECORDED,
  article6Basis: oneOf(ARTICLE_6_BASES, true),
  specialCategoryData: oneOf([true, false], true),
  article9Condition: optional(oneOf(ARTICLE_9_CONDITIONS)),
  schedule1Condition: optional(oneOf(SCHEDULE_1_CONDITIONS)),
  confidentialityBasis: oneOf(CONFIDENTIALITY_BASES, true),
  publicInterestGround: optional(oneOf(PUBLIC_INTEREST_GROUNDS)),
  judgement: optional((value) => typeof value === 'string'),
  recipients: (value) =>
    Array.isArray(value) && value.every((recipient) => isRecord(recipient) && text(recipient.agency)),
  personInformed: (value) =>
    value === NOT_RECORDED ||
    (isRecord(value) && typeof value.told === 'boolean' && optional(oneOf(NOT_TOLD_REASONS))(value.notToldReason)),
  advice: (value) =>
    value === NOT_RECORDED ||
    (isRecord(value) && typeof value.sought === 'boolean' && optional(oneOf(ADVICE_SOURCES))(value.from)),
  request: (value) =>
    value === NOT_RECORDED ||
    value === null ||
    (isRecord(value) &&
      text(value.from) &&
      typeof value.receivedAt === 'string' &&
      !Number.isNaN(Date.parse(value.receivedAt))),
  youngPersonObjection: optional(
    (value) => isRecord(value) && typeof value.overridden === 'boolean' && text(value.why),
  ),
};

/** The fields of a decision whose values are not ones the law's lists allow. */
export function invalidSharingFields(decision: Record<string, unknown>): string[] {
  return Object.entries(FIELD_CHECKS)
    .filter(([field, check]) => !check(decision[field]))
    .map(([field]) => field);
}

const violation = (code: ErrorCode, message: string, howToResolve?: string) =>
  new RuleViolation('R19', code, message, howToResolve);

/**
 * R19: the combinations of legal answers the law allows. Fields an older event did not record
 * are not judged. Used when a decision is recorded and when it is corrected.
 */
export function assertLawfulSharingDecision(
  decision: InformationSharingDecision,
  consentInForce: ConsentDecision | null,
  decidedAt: string,
): void {
  const withoutConsent = decision.basis === 'without_consent';
  if (decision.consentSought && !decision.consentAnswer) {
    throw violation('SHARING.CONSENT_ANSWER_MISSING', 'Consent was sought: record the answer', 'Add consentAnswer');
  }
  if (
    withoutConsent &&
    (decision.confidentialityBasis === 'consent' ||
      decision.article6Basis === 'consent' ||
      decision.article9Condition === 'explicit_consent')
  ) {
    throw violation(
      'SHARING.CONSENT_BASIS_WITHOUT_CONSENT',
      'A decision without consent cannot rest on consent (Article 6 consent, Article 9 explicit consent, or consent as the confidentiality basis)',
      'Name the basis that applies without consent: e.g. Article 6 public task, Article 9 substantial public interest with Schedule 1 para 18, public interest',
    );
  }
  if (
    decision.personInformed !== NOT_RECORDED &&
    !decision.personInformed.told &&
    !decision.personInformed.notToldReason
  ) {
    throw violation(
      'SHARING.NOT_TOLD_WITHOUT_REASON',
      'The person was not told their information would be shared: say why (golden rule 2)',
      'Give personInformed.notToldReason',
    );
  }
  if (decision.advice !== NOT_RECORDED && decision.advice.sought && !decision.advice.from) {
    throw violation(
      'SHARING.ADVICE_SOURCE_MISSING',
      'Advice was sought: say from whom (golden rule 3)',
      'Give advice.from',
    );
  }
  if (
    decision.request !== NOT_RECORDED &&
    decision.request &&
    Date.parse(decision.request.receivedAt) > Date.parse(decidedAt)
  ) {
    throw violation(
      'SHARING.REQUEST_AFTER_DECISION',
      'The request cannot have arrived after the decision that answers it',
      'Check request.receivedAt and occurredAt',
    );
  }
  if (decision.decision !== 'share') return;
  if (decision.basis === 'consent' && consentInForce !== 'given' && decision.consentAnswer !== 'given') {
    throw violation(
      'SHARING.NO_CONSENT',
      'Sharing on the basis of consent needs consent: none is in force and none was given when sought',
      'Record the consent, or share without consent on a lawful basis with the judgement that justifies it',
    );
  }
  if (decision.specialCategoryData === true && !decision.article9Condition) {
    throw violation(
      'SHARING.SPECIAL_CATEGORY_NEEDS_CONDITION',
      'Sharing special-category data needs a UK GDPR Article 9 condition',
      'Give article9Condition, e.g. substantial_public_interest with Schedule 1 para 18 (safeguarding of children and individuals at risk)',
    );
  }
  const schedule1 = decision.article9Condition && SCHEDULE_1_FOR_ARTICLE_9[decision.article9Condition];
  if (schedule1 && (!decision.schedule1Condition || !schedule1.includes(decision.schedule1Condition))) {
    throw violation(
      'SHARING.SCHEDULE_1_CONDITION_NEEDED',
      `Article 9 ${decision.article9Condition?.replace(/_/g, ' ')} needs a DPA 2018 Schedule 1 condition: one of ${schedule1.join(', ')}`,
      'Give schedule1Condition',
    );
  }
  if (withoutConsent && !decision.judgement?.trim()) {
    throw violation(
      'SHARING.NO_LAWFUL_BASIS',
      'Sharing without consent needs the judgement that overrode consent or did not seek it',
      'Give judgement',
    );
  }
  if (decision.confidentialityBasis === 'public_interest' && !decision.publicInterestGround) {
    throw violation(
      'SHARING.NO_LAWFUL_BASIS',
      'Setting aside confidentiality in the public interest needs the public interest it serves',
      'Give publicInterestGround',
    );
  }
  if (decision.youngPersonObjection?.overridden && decision.publicInterestGround !== 'risk_of_significant_harm') {
    throw violation(
      'SHARING.OBJECTION_OVERRIDDEN',
      'A Gillick competent young person’s objection to sharing with their parents may be overridden only where not sharing would result in significant harm',
      'Respect the objection, or record publicInterestGround risk_of_significant_harm with the judgement',
    );
  }
}

export function knownAtDecision(state: CaseState): KnownAtDecision {
  return {
    level: state.level,
    bragRating: state.bragRating,
    section47Open: state.section47Open,
    childProtectionPlan: state.childProtectionPlan?.category ?? null,
    consents: Object.fromEntries(Object.entries(state.consents).map(([scope, consent]) => [scope, consent.decision])),
  };
}

/**
 * R19 (golden rules 1-7): every decision to share or not is recorded with its reasons, its legal
 * answers (UK GDPR Article 6, Article 9 with DPA 2018 Schedule 1, the duty of confidence), whose
 * information it is, whether they were told, the advice taken, the request, and what the case
 * record said at that moment.
 */
export function decideRecordInformationSharingDecision(
  command: RecordInformationSharingDecision,
  state: CaseState,
): InformationSharingDecisionRecorded[] {
  const { caseId: _caseId, ...decision } = command.data;
  const consentInForce = state.consents.information_sharing?.decision ?? null;
  if (state.sharingDecisions[decision.decisionId]) {
    throw violation(
      'SHARING.DECISION_EXISTS',
      `Decision ${decision.decisionId} is already recorded`,
      'Correct it instead (R22)',
    );
  }
  assertLawfulSharingDecision(decision, consentInForce, command.context.occurredAt);
  return [
    {
      type: 'InformationSharingDecisionRecorded',
      schemaVersion: 2,
      data: { ...decision, consentInForce, knownAtDecision: knownAtDecision(state) },
    },
  ];
}

/** R19 (golden rule 6): a share is followed by when, how, to whom and what was sent. */
export function decideRecordInformationSent(command: RecordInformationSent, state: CaseState): InformationSent[] {
  const { caseId: _caseId, ...sending } = command.data;
  const decided = state.sharingDecisions[sending.decisionId];
  if (!decided)
    throw new NotFound(
      'SHARING.DECISION_NOT_FOUND',
      `Information-sharing decision ${sending.decisionId} is not part of this case`,
    );
  if (!decided.share)
    throw violation(
      'SHARING.NOT_A_SHARE',
      'The decision was not to share: nothing can be sent under it',
      'Record a new decision to share',
    );
  if (Date.parse(sending.sentAt) < Date.parse(decided.decidedAt)) {
    throw violation(
      'SHARING.SENT_BEFORE_DECISION',
      'Information cannot be sent under a decision before the decision was made',
      'Check sentAt',
    );
  }
  if (!SECURE_SENDING_METHODS.includes(sending.method) && !sending.insecureMethodReason?.trim()) {
    throw violation(
      'SHARING.INSECURE_WITHOUT_REASON',
      'Information sent by an insecure method needs the reason (golden rule 6)',
      'Give insecureMethodReason, or use a secure method',
    );
  }
  return [{ type: 'InformationSent', schemaVersion: 1, data: sending }];
}
