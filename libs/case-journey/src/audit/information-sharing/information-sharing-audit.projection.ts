import { Injectable } from '@nestjs/common';
import type { SqlTransaction } from '@windscreen/database';
import type { RecordedEvent } from '@windscreen/event-store';
import { ColumnSpec, Projection, upsertRows, WrittenKeys } from '@windscreen/projections';
import { decode } from '../../events/decode';
import {
  InformationSharingDecision,
  InformationSending,
  NOT_RECORDED,
} from '../../case/information-sharing/information-sharing.decide';

const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', type: 'uuid' },
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
];

const DECISION_COLUMNS: ColumnSpec[] = [
  { name: 'event_id', type: 'uuid' },
  { name: 'position', type: 'bigint' },
  { name: 'decision_id', type: 'uuid' },
  { name: 'case_id', type: 'uuid' },
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
  { name: 'occasion', type: 'text' },
  { name: 'decided_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
  { name: 'decided_by', type: 'jsonb' },
  { name: 'decided_by_id', type: 'text' },
  { name: 'decision', type: 'text' },
  { name: 'basis', type: 'text' },
  { name: 'consent_sought', type: 'boolean' },
  { name: 'consent_answer', type: 'text' },
  { name: 'consent_in_force', type: 'text' },
  { name: 'consent_scope', type: 'text' },
  { name: 'data_subjects', type: 'text[]' },
  { name: 'article6_basis', type: 'text' },
  { name: 'special_category_data', type: 'boolean' },
  { name: 'article9_condition', type: 'text' },
  { name: 'schedule1_condition', type: 'text' },
  { name: 'confidentiality_basis', type: 'text' },
  { name: 'public_interest_ground', type: 'text' },
  { name: 'judgement', type: 'text' },
  { name: 'person_told', type: 'boolean' },
  { name: 'not_told_reason', type: 'text' },
  { name: 'advice_sought', type: 'boolean' },
  { name: 'advice_from', type: 'text' },
  { name: 'request_from', type: 'text' },
  { name: 'request_received_at', type: 'timestamptz' },
  { name: 'information', type: 'text' },
  { name: 'purpose', type: 'text' },
  { name: 'reasons', type: 'text' },
  { name: 'recipients', type: 'jsonb' },
  { name: 'recipient_agencies', type: 'text[]' },
  { name: 'young_person_objection', type: 'jsonb' },
  { name: 'known_at_decision', type: 'jsonb' },
  { name: 'not_recorded', type: 'text[]' },
  { name: 'decision_data', type: 'jsonb' },
  { name: 'sendings', type: 'jsonb' },
  { name: 'first_sent_at', type: 'timestamptz' },
  { name: 'corrections', type: 'jsonb' },
];

type AuditedDecision = Omit<InformationSharingDecision, 'decisionId'>;

/** What a row keeps besides the decision itself: where and when it was made, and what followed it. */
interface DecisionRecord {
  event_id: string;
  position: string;
  decision_id: string;
  case_id: string;
  family_id: string | null;
  area: string | null;
  occasion: string | null;
  decided_at: string;
  recorded_at: string;
  decided_by: { id: string; name: string; role: string; agency: string; team?: string };
  consent_in_force: string | null;
  consent_scope: string | null;
  known_at_decision: unknown;
  not_recorded: string[];
  decision_data: AuditedDecision;
  sendings: (Omit<InformationSending, 'decisionId'> & { recordedBy: string; recordedAt: string })[];
  corrections: {
    eventId: string;
    recordedAt: string;
    by: string;
    reason: string;
    originalValues: Record<string, unknown>;
    correctedValues: Record<string, unknown>;
  }[];
}

const recorded = <T>(value: T | typeof NOT_RECORDED): T | null => (value === NOT_RECORDED ? null : value);

/** The row as stored: the decision's (corrected) fields spread into the columns auditors filter on. */
function toRow(record: DecisionRecord): Record<string, unknown> {
  const d = record.decision_data;
  const informed = recorded(d.personInformed);
  const advice = recorded(d.advice);
  const request = recorded(d.request);
  return {
    ...record,
    decided_by_id: record.decided_by.id,
    decision: d.decision,
    basis: d.basis,
    consent_sought: d.consentSought,
    consent_answer: d.consentAnswer ?? null,
    data_subjects: recorded(d.dataSubjects),
    article6_basis: d.article6Basis,
    special_category_data: recorded(d.specialCategoryData),
    article9_condition: d.article9Condition ?? null,
    schedule1_condition: d.schedule1Condition ?? null,
    confidentiality_basis: d.confidentialityBasis,
    public_interest_ground: d.publicInterestGround ?? null,
    judgement: d.judgement ?? null,
    person_told: informed?.told ?? null,
    not_told_reason: informed?.notToldReason ?? null,
    advice_sought: advice?.sought ?? null,
    advice_from: advice?.from ?? null,
    request_from: request?.from ?? null,
    request_received_at: request?.receivedAt ?? null,
    information: d.information,
    purpose: d.purpose,
    reasons: d.reasons,
    recipients: d.recipients,
    recipient_agencies: d.recipients.map((recipient) => recipient.agency),
    young_person_objection: d.youngPersonObjection ?? null,
    first_sent_at: record.sendings.map((sending) => sending.sentAt).sort()[0] ?? null,
  };
}

const RECORD_COLUMNS = `event_id, position::text as position, decision_id, case_id, family_id, area, occasion, decided_at, recorded_at, decided_by,
  consent_in_force, consent_scope, known_at_decision, not_recorded, decision_data, sendings, corrections`;

/**
 * R19: one row per decision to share or not, with everything the golden rules ask to be recorded:
 * decisions on a child's case, and the family's EHA shared with a team or a new lead professional.
 * What was sent under a decision and corrections of it (R22, both values kept) update its row.
 * A batch is written in two statements whatever its size: the cases it opened, then its decisions.
 */
@Injectable()
export class InformationSharingAuditProjection implements Projection {
  readonly name = 'information_sharing_audit';
  readonly tables = ['information_sharing_decisions', 'information_sharing_cases'];
  // A batch looks decisions up by event id or by case and decision id (both unique, so kept).
  readonly readIndexes = [
    'information_sharing_case_idx',
    'information_sharing_decided_idx',
    'information_sharing_agencies_idx',
  ];

  async apply(events: RecordedEvent[], sql: SqlTransaction, written: WrittenKeys): Promise<void> {
    const cases = new Map<string, { case_id: string; family_id: string; area: string }>();
    const decisions = new Map<string, DecisionRecord>();
    const byDecisionId = new Map<string, DecisionRecord>();
    const remember = (record: DecisionRecord) => {
      decisions.set(record.event_id, record);
      // A decision id is unique within its case (R19); two cases may name the same one.
      byDecisionId.set(`${record.case_id}/${record.decision_id}`, record);
    };
    // A decision written in an earlier batch, read back when something later in the log changes it.
    const stored = async (
      caseId: string,
      key: { eventId: string } | { decisionId: string },
    ): Promise<DecisionRecord | undefined> => {
      const known = 'eventId' in key ? decisions.get(key.eventId) : byDecisionId.get(`${caseId}/${key.decisionId}`);
      if (known) return known;
      // No decision of this case written yet: nothing to read back.
      if (written.mayBeStored('decision-case', [caseId]).length === 0) return undefined;
      const [row] = (
        'eventId' in key
          ? (
              await sql.query(`select ${RECORD_COLUMNS} from information_sharing_decisions where event_id = $1`, [
                key.eventId,
              ])
            ).rows
          : (
              await sql.query(
                `select ${RECORD_COLUMNS} from information_sharing_decisions where case_id = $1 and decision_id = $2`,
                [caseId, key.decisionId],
              )
            ).rows
      ) as DecisionRecord[];
      if (row)
        remember({
          ...row,
          decided_at: new Date(row.decided_at).toISOString(),
          recorded_at: new Date(row.recorded_at).toISOString(),
        });
      return row && decisions.get(row.event_id);
    };
    const decided = (event: RecordedEvent, caseId: string) => {
      const { id, name, role, agency, team } = event.metadata.actor;
      return {
        event_id: event.id,
        position: event.position.toString(),
        case_id: caseId,
        family_id: null,
        area: null,
        decided_at: event.metadata.occurredAt,
        recorded_at: event.metadata.recordedAt,
        decided_by: { id, name, role, agency, team },
        sendings: [],
        corrections: [],
      };
    };

    for (const decoded of events.map(decode)) {
      if (!decoded) continue;
      if (decoded.kind === 'child') continue;
      const { event } = decoded;
      if (decoded.kind === 'family') {
        if (event.type !== 'EarlyHelpAssessmentShared') continue;
        const { caseId, occasion, consentInForce, sharing } = event.data;
        remember({
          ...decided(event, caseId),
          decision_id: event.id,
          occasion,
          consent_in_force: consentInForce?.decision ?? null,
          consent_scope: consentInForce?.scope ?? null,
          known_at_decision: null,
          not_recorded: Object.entries(sharing)
            .filter(([, value]) => value === NOT_RECORDED)
            .map(([field]) => field),
          decision_data: sharing,
        });
        continue;
      }
      if (event.type === 'CaseOpened') {
        const { caseId, familyId, area } = event.data;
        cases.set(caseId, { case_id: caseId, family_id: familyId, area });
      } else if (event.type === 'InformationSharingDecisionRecorded') {
        const { decisionId, consentInForce, knownAtDecision, notRecorded, ...decision } = event.data;
        remember({
          ...decided(event, decoded.id),
          decision_id: decisionId,
          occasion: null,
          consent_in_force: consentInForce,
          consent_scope: consentInForce ? 'information_sharing' : null,
          known_at_decision: recorded(knownAtDecision),
          not_recorded: notRecorded ?? [],
          decision_data: decision,
        });
      } else if (event.type === 'InformationSent') {
        const { decisionId, ...sending } = event.data;
        const record = await stored(decoded.id, { decisionId });
        record?.sendings.push({
          ...sending,
          recordedBy: event.metadata.actor.name,
          recordedAt: event.metadata.recordedAt,
        });
      } else if (event.type === 'EntryCorrected' && event.data.correctsType === 'InformationSharingDecisionRecorded') {
        const record = await stored(decoded.id, { eventId: event.data.correctsEventId });
        if (!record) continue;
        const { correctedValues, originalValues, reason } = event.data;
        record.decision_data = { ...record.decision_data, ...(correctedValues as Partial<AuditedDecision>) };
        record.not_recorded = record.not_recorded.filter((field) => !(field in correctedValues));
        record.corrections.push({
          eventId: event.id,
          recordedAt: event.metadata.recordedAt,
          by: event.metadata.actor.name,
          reason,
          originalValues,
          correctedValues,
        });
      }
    }
    // Cases first: a decision may be on a case opened earlier in the same batch.
    await upsertRows(sql, 'information_sharing_cases', 'case_id', CASE_COLUMNS, [...cases.values()]);
    written.record('case', cases.keys());
    if (decisions.size === 0) return;
    const unplaced = written.mayBeStored('case', [
      ...new Set([...decisions.values()].filter((record) => !record.family_id).map((record) => record.case_id)),
    ]);
    const placed = unplaced.length
      ? (
          await sql.query<{ case_id: string; family_id: string; area: string }>(
            `select case_id, family_id, area from information_sharing_cases where case_id = any($1::uuid[])`,
            [unplaced],
          )
        ).rows
      : [];
    const caseOf = new Map(placed.map((row) => [row.case_id, row]));
    const rows = [...decisions.values()].map((record) => {
      const known = caseOf.get(record.case_id);
      return toRow({
        ...record,
        family_id: record.family_id ?? known?.family_id ?? null,
        area: record.area ?? known?.area ?? null,
      });
    });
    await upsertRows(sql, 'information_sharing_decisions', 'event_id', DECISION_COLUMNS, rows);
    written.record(
      'decision-case',
      rows.map((row) => row.case_id as string),
    );
  }
}
