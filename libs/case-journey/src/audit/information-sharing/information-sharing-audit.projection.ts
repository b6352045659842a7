import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import { ColumnSpec, Projection, upsertRows } from '@windscreen/projections';
import { decode } from '../../events/decode';

const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', type: 'uuid' },
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
];

/** A decision's own columns; its family and area come from the case it was recorded on. */
const DECISION_COLUMNS: ColumnSpec[] = [
  { name: 'event_id', type: 'uuid' },
  { name: 'position', type: 'bigint' },
  { name: 'case_id', type: 'uuid' },
  { name: 'decided_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
  { name: 'decided_by', type: 'jsonb' },
  { name: 'decided_by_id', type: 'text' },
  { name: 'decision', type: 'text' },
  { name: 'basis', type: 'text' },
  { name: 'lawful_basis', type: 'text' },
  { name: 'judgement', type: 'text' },
  { name: 'consent_sought', type: 'boolean' },
  { name: 'consent_answer', type: 'text' },
  { name: 'consent_in_force', type: 'text' },
  { name: 'information', type: 'text' },
  { name: 'purpose', type: 'text' },
  { name: 'reasons', type: 'text' },
  { name: 'recipients', type: 'jsonb' },
  { name: 'recipient_agencies', type: 'text[]' },
  { name: 'young_person_objection', type: 'jsonb' },
];

/**
 * R19: one row per decision to share or not, with everything the golden rules ask to be recorded.
 * A batch is written in two statements whatever its size: the cases it opened, then its decisions.
 */
@Injectable()
export class InformationSharingAuditProjection implements Projection {
  readonly name = 'information_sharing_audit';
  readonly tables = ['information_sharing_decisions', 'information_sharing_cases'];

  async apply(events: RecordedEvent[], manager: EntityManager): Promise<void> {
    const cases: Record<string, unknown>[] = [];
    const decisions: Record<string, unknown>[] = [];
    for (const decoded of events.map(decode)) {
      if (decoded?.kind !== 'case') continue;
      const { event } = decoded;
      if (event.type === 'CaseOpened') {
        const { caseId, familyId, area } = event.data;
        cases.push({ case_id: caseId, family_id: familyId, area });
      } else if (event.type === 'InformationSharingDecisionRecorded') {
        const d = event.data;
        const { id, name, role, agency, team } = event.metadata.actor;
        decisions.push({
          event_id: event.id,
          position: event.position.toString(),
          case_id: decoded.id,
          decided_at: event.metadata.occurredAt,
          recorded_at: event.metadata.recordedAt,
          decided_by: { id, name, role, agency, team },
          decided_by_id: id,
          decision: d.decision,
          basis: d.basis,
          lawful_basis: d.lawfulBasis ?? null,
          judgement: d.judgement ?? null,
          consent_sought: d.consentSought,
          consent_answer: d.consentAnswer ?? null,
          consent_in_force: d.consentInForce,
          information: d.information,
          purpose: d.purpose,
          reasons: d.reasons,
          recipients: d.recipients,
          recipient_agencies: d.recipients.map((recipient) => recipient.agency),
          young_person_objection: d.youngPersonObjection ?? null,
        });
      }
    }
    // Cases first: a decision may be on a case opened earlier in the same batch.
    await upsertRows(manager, 'information_sharing_cases', 'case_id', CASE_COLUMNS, cases);
    if (decisions.length === 0) return;
    const names = DECISION_COLUMNS.map((column) => `"${column.name}"`).join(', ');
    await manager.query(
      `insert into information_sharing_decisions (${names}, family_id, area)
       select ${DECISION_COLUMNS.map((column) => `d."${column.name}"`).join(', ')}, c.family_id, c.area
         from jsonb_to_recordset($1::jsonb) as d(${DECISION_COLUMNS.map((column) => `"${column.name}" ${column.type}`).join(', ')})
         left join information_sharing_cases c on c.case_id = d.case_id`,
      [JSON.stringify(decisions)],
    );
  }
}
