import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import { NOT_RECORDED } from '../../case/information-sharing/information-sharing.decide';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { caseAtDecision } from './case-at-decision';
import { DEFAULT_LATE_AFTER_HOURS, InformationSharingAuditRequestDto } from './information-sharing-audit.request.dto';

interface DecisionRow {
  event_id: string;
  position: string;
  decision_id: string;
  case_id: string;
  family_id: string | null;
  area: string | null;
  occasion: string | null;
  decided_at: Date;
  recorded_at: Date;
  decided_by: { id: string; name: string; role: string; agency: string; team?: string };
  decision: string;
  basis: string;
  consent_sought: boolean;
  consent_answer: string | null;
  consent_in_force: string | null;
  consent_scope: string | null;
  data_subjects: string[] | null;
  article6_basis: string;
  special_category_data: boolean | null;
  article9_condition: string | null;
  schedule1_condition: string | null;
  confidentiality_basis: string;
  public_interest_ground: string | null;
  judgement: string | null;
  person_told: boolean | null;
  not_told_reason: string | null;
  advice_sought: boolean | null;
  advice_from: string | null;
  request_from: string | null;
  request_received_at: Date | null;
  information: string;
  purpose: string;
  reasons: string;
  recipients: { agency: string; role?: string; name?: string }[];
  young_person_objection: { overridden: boolean; why: string } | null;
  known_at_decision: unknown;
  not_recorded: string[];
  decision_data: { personInformed?: { notToldDetails?: string } | string; advice?: { name?: string } | string };
  sendings: {
    sentAt: string;
    method: string;
    recipients: { agency: string }[];
    information: string;
    insecureMethodReason?: string;
  }[];
  first_sent_at: Date | null;
  corrections: { correctedValues: Record<string, unknown>; originalValues: Record<string, unknown> }[];
}

const WITHOUT_CONSENT_WITHOUT_REASON = `(decision = 'share' and basis = 'without_consent' and (coalesce(btrim(judgement), '') = ''
  or confidentiality_basis = '${NOT_RECORDED}' or (person_told = false and not_told_reason is null)))`;
const lateCondition = (hoursParameter: string) =>
  `(request_received_at is not null and decided_at - request_received_at > make_interval(hours => ${hoursParameter}::int))`;

const hoursBetween = (from: Date | null, to: Date | null) =>
  from && to ? Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10) / 10 : null;

export function toView(row: DecisionRow, lateAfterHours: number) {
  const hoursRequestToDecision = hoursBetween(row.request_received_at, row.decided_at);
  const informed = typeof row.decision_data.personInformed === 'object' ? row.decision_data.personInformed : undefined;
  const advice = typeof row.decision_data.advice === 'object' ? row.decision_data.advice : undefined;
  return {
    eventId: row.event_id,
    decisionId: row.decision_id,
    caseId: row.case_id,
    familyId: row.family_id,
    area: row.area,
    /** Set when the family's EHA reached new people: team_convened, lead_professional_changed. */
    occasion: row.occasion,
    decidedAt: row.decided_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    decidedBy: row.decided_by,
    decision: row.decision,
    basis: row.basis,
    /** At a glance: shared without consent, and on what. */
    sharedWithoutConsent: row.decision === 'share' && row.basis === 'without_consent',
    consentSought: row.consent_sought,
    consentAnswer: row.consent_answer,
    consentInForce: row.consent_in_force,
    consentScope: row.consent_scope,
    dataSubjects: row.data_subjects,
    article6Basis: row.article6_basis,
    specialCategoryData: row.special_category_data,
    article9Condition: row.article9_condition,
    schedule1Condition: row.schedule1_condition,
    confidentialityBasis: row.confidentiality_basis,
    publicInterestGround: row.public_interest_ground,
    judgement: row.judgement,
    personTold: row.person_told,
    notToldReason: row.not_told_reason,
    notToldDetails: informed?.notToldDetails ?? null,
    adviceSought: row.advice_sought,
    adviceFrom: row.advice_from,
    adviceName: advice?.name ?? null,
    requestFrom: row.request_from,
    requestReceivedAt: row.request_received_at?.toISOString() ?? null,
    hoursRequestToDecision,
    late: hoursRequestToDecision !== null && hoursRequestToDecision > lateAfterHours,
    firstSentAt: row.first_sent_at?.toISOString() ?? null,
    hoursDecisionToSending: hoursBetween(row.decided_at, row.first_sent_at),
    sendings: row.sendings,
    information: row.information,
    purpose: row.purpose,
    reasons: row.reasons,
    recipients: row.recipients,
    youngPersonObjection: row.young_person_objection,
    knownAtDecision: row.known_at_decision,
    notRecorded: row.not_recorded,
    corrections: row.corrections,
  };
}
export type DecisionView = ReturnType<typeof toView>;

export interface InformationSharingAudit {
  decisions: DecisionView[];
  /** Totals over the whole filter; none for an export, which is the decisions alone. */
  totals?: InformationSharingTotals;
  next: string | null;
}

export interface InformationSharingTotals {
  decisions: number;
  byDecision: Record<string, number>;
  byBasis: Record<string, number>;
  byArticle6Basis: Record<string, number>;
  byConfidentialityBasis: Record<string, number>;
  byAgency: Record<string, number>;
  late: number;
  lateAfterHours: number;
  withoutConsentWithoutReason: number;
  period: string;
  byPeriod: {
    period: string;
    agency: string;
    article6Basis: string;
    confidentialityBasis: string;
    decisions: number;
  }[];
}

/** R19 for auditors: decisions to share or not, filtered, newest first, with totals (an export: every decision, no totals). */
export class GetInformationSharingAuditQuery extends Query<InformationSharingAudit> {
  constructor(
    readonly query: InformationSharingAuditRequestDto,
    readonly exporting: boolean,
  ) {
    super();
  }
}

@QueryHandler(GetInformationSharingAuditQuery)
export class GetInformationSharingAuditHandler implements IQueryHandler<
  GetInformationSharingAuditQuery,
  InformationSharingAudit
> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ query, exporting }: GetInformationSharingAuditQuery): Promise<InformationSharingAudit> {
    const lateAfterHours = query.lateAfterHours ?? DEFAULT_LATE_AFTER_HOURS;
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.caseId) where('case_id = ?', query.caseId);
    if (query.familyId) where('family_id = ?', query.familyId);
    if (query.agency) where('? = any(recipient_agencies)', query.agency);
    if (query.decision) where('decision = ?', query.decision);
    if (query.basis) where('basis = ?', query.basis);
    if (query.article6Basis) where('article6_basis = ?', query.article6Basis);
    if (query.article9Condition) {
      if (query.article9Condition === 'none') conditions.push('article9_condition is null');
      else where('article9_condition = ?', query.article9Condition);
    }
    if (query.confidentialityBasis) where('confidentiality_basis = ?', query.confidentialityBasis);
    if (query.dataSubject) where('? = any(data_subjects)', query.dataSubject);
    if (query.told) {
      if (query.told === NOT_RECORDED) conditions.push('person_told is null');
      else where('person_told = ?', query.told === 'true');
    }
    if (query.late) where(lateCondition('?'), lateAfterHours);
    if (query.withoutConsentWithoutReason) conditions.push(WITHOUT_CONSENT_WITHOUT_REASON);
    if (query.consentInForce) {
      if (query.consentInForce === 'none') conditions.push('consent_in_force is null');
      else where('consent_in_force = ?', query.consentInForce);
    }
    if (query.decidedBy) where('decided_by_id = ?', query.decidedBy);
    if (query.from) where('decided_at >= ?', query.from);
    if (query.to) where('decided_at <= ?', query.to);
    const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';

    const limit = exporting ? 100000 : (query.limit ?? 100);
    const pageConditions = query.cursor ? [...conditions, `position < $${parameters.length + 1}`] : conditions;
    const pageParameters = query.cursor ? [...parameters, query.cursor] : parameters;
    const rows: DecisionRow[] = await this.dataSource.query(
      `select * from information_sharing_decisions ${pageConditions.length ? `where ${pageConditions.join(' and ')}` : ''}
        order by position desc limit ${limit + 1}`,
      pageParameters,
    );
    const page = rows.slice(0, limit);
    const decisions = page.map((row) => toView(row, lateAfterHours));
    const next = rows.length > limit ? page[page.length - 1].position : null;
    if (exporting) return { decisions, next };
    const countBy = (column: string): Promise<{ key: string; n: number }[]> =>
      this.dataSource.query(
        `select ${column} as key, count(*)::int as n from information_sharing_decisions ${filter} group by ${column}`,
        parameters,
      );
    const lateParameter = `$${parameters.length + 1}`;
    const [byDecision, byBasis, byArticle6Basis, byConfidentialityBasis, [flags]] = await Promise.all([
      countBy('decision'),
      countBy('basis'),
      countBy('article6_basis'),
      countBy('confidentiality_basis'),
      this.dataSource.query<{ late: number; without_consent_without_reason: number }[]>(
        `select count(*) filter (where ${lateCondition(lateParameter)})::int as late,
                count(*) filter (where ${WITHOUT_CONSENT_WITHOUT_REASON})::int as without_consent_without_reason
           from information_sharing_decisions ${filter}`,
        [...parameters, lateAfterHours],
      ),
    ]);
    const byAgency: { agency: string; n: number }[] = await this.dataSource.query(
      `select agency, count(*)::int as n from information_sharing_decisions, unnest(recipient_agencies) as agency ${filter} group by agency order by n desc, agency`,
      parameters,
    );
    const period = query.period ?? 'month';
    const byPeriod: {
      period: string;
      agency: string;
      article6Basis: string;
      confidentialityBasis: string;
      decisions: number;
    }[] = await this.dataSource.query(
      `select to_char(date_trunc('${period}', decided_at at time zone 'Europe/London'), 'YYYY-MM-DD') as period, agency,
              article6_basis as "article6Basis", confidentiality_basis as "confidentialityBasis", count(*)::int as decisions
         from information_sharing_decisions, unnest(recipient_agencies) as agency ${filter}
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      parameters,
    );
    const keyed = (counts: { key: string; n: number }[]) => Object.fromEntries(counts.map((row) => [row.key, row.n]));
    return {
      decisions,
      next,
      totals: {
        decisions: byDecision.reduce((sum, row) => sum + row.n, 0),
        byDecision: keyed(byDecision),
        byBasis: keyed(byBasis),
        byArticle6Basis: keyed(byArticle6Basis),
        byConfidentialityBasis: keyed(byConfidentialityBasis),
        byAgency: Object.fromEntries(byAgency.map((row) => [row.agency, row.n])),
        late: flags.late,
        lateAfterHours,
        withoutConsentWithoutReason: flags.without_consent_without_reason,
        period,
        byPeriod,
      },
    };
  }
}

/** One decision, with the child's case as it stood then (R22: as known then and as corrected since). */
export class GetInformationSharingDecisionQuery extends Query<
  DecisionView & { caseAtDecision: ReturnType<typeof caseAtDecision> }
> {
  constructor(
    readonly caseId: string,
    readonly decisionId: string,
    readonly lateAfterHours = DEFAULT_LATE_AFTER_HOURS,
  ) {
    super();
  }
}

@QueryHandler(GetInformationSharingDecisionQuery)
export class GetInformationSharingDecisionHandler implements IQueryHandler<GetInformationSharingDecisionQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async execute({ caseId, decisionId, lateAfterHours }: GetInformationSharingDecisionQuery) {
    const [row]: DecisionRow[] = await this.dataSource.query(
      `select * from information_sharing_decisions where decision_id = $1 and case_id = $2`,
      [decisionId, caseId],
    );
    if (!row)
      throw new NotFound('SHARING.DECISION_NOT_FOUND', `Information-sharing decision ${decisionId} was not found`);
    const stream = await this.store.readStream(streamName.case(row.case_id));
    return {
      ...toView(row, lateAfterHours),
      caseAtDecision: caseAtDecision(row.case_id, stream, {
        position: BigInt(row.position),
        recordedAt: row.recorded_at.toISOString(),
      }),
    };
  }
}

/** Names the view's fields for the CSV header, whatever the page holds (even nothing). */
export const EMPTY_ROW: DecisionRow = {
  event_id: '',
  position: '0',
  decision_id: '',
  case_id: '',
  family_id: null,
  area: null,
  occasion: null,
  decided_at: new Date(0),
  recorded_at: new Date(0),
  decided_by: { id: '', name: '', role: '', agency: '' },
  decision: '',
  basis: '',
  consent_sought: false,
  consent_answer: null,
  consent_in_force: null,
  consent_scope: null,
  data_subjects: null,
  article6_basis: '',
  special_category_data: null,
  article9_condition: null,
  schedule1_condition: null,
  confidentiality_basis: '',
  public_interest_ground: null,
  judgement: null,
  person_told: null,
  not_told_reason: null,
  advice_sought: null,
  advice_from: null,
  request_from: null,
  request_received_at: null,
  information: '',
  purpose: '',
  reasons: '',
  recipients: [],
  young_person_objection: null,
  known_at_decision: null,
  not_recorded: [],
  decision_data: {},
  sendings: [],
  first_sent_at: null,
  corrections: [],
};
