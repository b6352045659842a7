import type { RecordedEvent } from '@windscreen/event-store';
import {
  Article6Basis,
  ConfidentialityBasis,
  InformationSharingDecisionRecorded,
  NOT_RECORDED,
  PublicInterestGround,
} from '../case/information-sharing/information-sharing.decide';
import type { CaseOpened } from '../case/open-case/open-case.decide';
import { DEFAULT_LA_CHILD_ID_FORMAT, formatLaChildId } from '../child/la-child-id.decide';
import type { EventType } from './event-versions';
import type { Section17AssessmentCompleted } from '../case/section-17/section-17.decide';
import type { ChildProtectionPlanStarted } from '../case/child-protection-plan/child-protection-plan.decide';
import type { CaseReopened } from '../case/closure/closure.decide';

/**
 * Reads the data of one stored event type at one schema version and returns it as the next
 * version records it. Stored events are never rewritten (R22): an event written before a schema
 * changed is brought up to date each time it is read, here and nowhere else.
 */
export interface Upcaster {
  type: EventType;
  /** The version this upcaster reads; it returns the data of version `fromVersion + 1`. */
  fromVersion: number;
  /** The stored event is given whole, so that an upcaster can take what it needs from its metadata. */
  upcast(data: unknown, stored: RecordedEvent): unknown;
}

type SharingDecisionV2 = InformationSharingDecisionRecorded['data'];
/** v1 recorded one mixed list of lawful bases where the law asks three separate questions. */
type SharingDecisionV1 = Omit<
  SharingDecisionV2,
  | 'decisionId'
  | 'dataSubjects'
  | 'article6Basis'
  | 'specialCategoryData'
  | 'confidentialityBasis'
  | 'publicInterestGround'
  | 'personInformed'
  | 'advice'
  | 'request'
  | 'knownAtDecision'
  | 'notRecorded'
> & {
  lawfulBasis?:
    | 'risk_of_significant_harm'
    | 'prevention_or_detection_of_crime'
    | 'vital_interests'
    | 'public_task'
    | 'legal_obligation';
};

/** Where each v1 lawful basis belongs: an Article 6 basis, a public interest against confidentiality, or a legal duty (both). */
const V1_LAWFUL_BASIS: Record<
  NonNullable<SharingDecisionV1['lawfulBasis']>,
  { article6?: Article6Basis; confidentiality?: ConfidentialityBasis; ground?: PublicInterestGround }
> = {
  vital_interests: { article6: 'vital_interests' },
  public_task: { article6: 'public_task' },
  legal_obligation: { article6: 'legal_obligation', confidentiality: 'legal_duty' },
  risk_of_significant_harm: { confidentiality: 'public_interest', ground: 'risk_of_significant_harm' },
  prevention_or_detection_of_crime: { confidentiality: 'public_interest', ground: 'prevention_or_detection_of_crime' },
};

/**
 * InformationSharingDecisionRecorded v1 -> v2: the mixed `lawfulBasis` is split into the Article 6
 * basis and the confidentiality basis it stood for; consent as the basis is consent to set aside
 * confidentiality. What v1 never asked is `not_recorded` and listed in `notRecorded`; the decision
 * is named by its event's id.
 */
export const informationSharingDecisionFromV1: Upcaster = {
  type: 'InformationSharingDecisionRecorded',
  fromVersion: 1,
  upcast(data, stored): SharingDecisionV2 {
    const { lawfulBasis, ...v1 } = data as SharingDecisionV1;
    const mapped = lawfulBasis ? V1_LAWFUL_BASIS[lawfulBasis] : {};
    const article6Basis = mapped.article6 ?? NOT_RECORDED;
    const confidentialityBasis = v1.basis === 'consent' ? 'consent' : (mapped.confidentiality ?? NOT_RECORDED);
    const unanswered = {
      dataSubjects: NOT_RECORDED,
      specialCategoryData: NOT_RECORDED,
      personInformed: NOT_RECORDED,
      advice: NOT_RECORDED,
      request: NOT_RECORDED,
      knownAtDecision: NOT_RECORDED,
    } as const;
    return {
      ...v1,
      decisionId: stored.id,
      article6Basis,
      confidentialityBasis,
      ...(mapped.ground && { publicInterestGround: mapped.ground }),
      ...unanswered,
      notRecorded: [
        ...(article6Basis === NOT_RECORDED ? ['article6Basis'] : []),
        ...(confidentialityBasis === NOT_RECORDED ? ['confidentialityBasis'] : []),
        ...Object.keys(unanswered),
      ],
    };
  },
};

/** Section17AssessmentCompleted v1 -> v2: the authorisation date and whether the child was seen were not asked. */
export const section17CompletionFromV1: Upcaster = {
  type: 'Section17AssessmentCompleted',
  fromVersion: 1,
  upcast: (data): Section17AssessmentCompleted['data'] => ({
    ...(data as Omit<Section17AssessmentCompleted['data'], 'authorisedOn' | 'childSeen' | 'notRecorded'>),
    authorisedOn: null,
    childSeen: null,
    notRecorded: ['authorisedOn', 'childSeen'],
  }),
};

/** ChildProtectionPlanStarted v1 -> v2: plans held elsewhere were not asked. */
export const childProtectionPlanStartFromV1: Upcaster = {
  type: 'ChildProtectionPlanStarted',
  fromVersion: 1,
  upcast: (data): ChildProtectionPlanStarted['data'] => ({
    ...(data as Omit<ChildProtectionPlanStarted['data'], 'previousPlansElsewhere' | 'notRecorded'>),
    previousPlansElsewhere: null,
    notRecorded: ['previousPlansElsewhere'],
  }),
};

/** CaseReopened v1 -> v2: the new contact's source was not asked. */
export const caseReopeningFromV1: Upcaster = {
  type: 'CaseReopened',
  fromVersion: 1,
  upcast: (data): CaseReopened['data'] => ({
    ...(data as Omit<CaseReopened['data'], 'source' | 'notRecorded'>),
    source: null,
    notRecorded: ['source'],
  }),
};

type CaseOpenedV2 = CaseOpened['data'];
type CaseOpenedV1 = Omit<CaseOpenedV2, 'childId' | 'laChildId'>;

/**
 * CaseOpened v1 -> v2: before children had records of their own, each case was its own child. So
 * the child of a v1 case is named by the case id (`childId` = `caseId`), and its local authority
 * child id is made from the case id in the default format (DEFAULT_LA_CHILD_ID_FORMAT), whatever
 * format is configured now: decoding must not depend on configuration, and an old case keeps the
 * same LA child id everywhere and forever.
 */
export const caseOpenedFromV1: Upcaster = {
  type: 'CaseOpened',
  fromVersion: 1,
  upcast(data): CaseOpenedV2 {
    const v1 = data as CaseOpenedV1;
    return { ...v1, childId: v1.caseId, laChildId: formatLaChildId(DEFAULT_LA_CHILD_ID_FORMAT, v1.caseId) };
  },
};

/** Every upcaster of the system, each keyed by its type and the version it reads. */
export const UPCASTERS: readonly Upcaster[] = [
  informationSharingDecisionFromV1,
  section17CompletionFromV1,
  childProtectionPlanStartFromV1,
  caseReopeningFromV1,
  caseOpenedFromV1,
];
