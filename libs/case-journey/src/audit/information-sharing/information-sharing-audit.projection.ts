import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import type { Projection } from '@windscreen/projections';
import type { CaseOpened } from '../../case/open-case/open-case.decide';
import type { InformationSharingDecisionRecorded } from '../../case/information-sharing/information-sharing.decide';

/** R19: one row per decision to share or not, with everything the golden rules ask to be recorded. */
@Injectable()
export class InformationSharingAuditProjection implements Projection {
  readonly name = 'information_sharing_audit';
  readonly tables = ['information_sharing_decisions', 'information_sharing_cases'];

  async apply(events: RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.type === 'CaseOpened') {
        const { caseId, familyId, area } = (event as RecordedEvent<'CaseOpened', CaseOpened['data']>).data;
        await manager.query(`insert into information_sharing_cases (case_id, family_id, area) values ($1, $2, $3)`, [caseId, familyId, area]);
      } else if (event.type === 'InformationSharingDecisionRecorded') {
        const d = (event as RecordedEvent<string, InformationSharingDecisionRecorded['data']>).data;
        const caseId = event.streamId.slice('case-'.length);
        const { id, name, role, agency, team } = event.metadata.actor;
        await manager.query(
          `insert into information_sharing_decisions (event_id, position, case_id, family_id, area, decided_at, recorded_at, decided_by, decided_by_id,
             decision, basis, lawful_basis, judgement, consent_sought, consent_answer, consent_in_force, information, purpose, reasons,
             recipients, recipient_agencies, young_person_objection)
           select $1, $2, $3, c.family_id, c.area, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20
             from (select 1) one left join information_sharing_cases c on c.case_id = $3`,
          [
            event.id,
            event.position.toString(),
            caseId,
            event.metadata.occurredAt,
            event.metadata.recordedAt,
            JSON.stringify({ id, name, role, agency, team }),
            id,
            d.decision,
            d.basis,
            d.lawfulBasis ?? null,
            d.judgement ?? null,
            d.consentSought,
            d.consentAnswer ?? null,
            d.consentInForce,
            d.information,
            d.purpose,
            d.reasons,
            JSON.stringify(d.recipients),
            d.recipients.map((recipient) => recipient.agency),
            d.youngPersonObjection ? JSON.stringify(d.youngPersonObjection) : null,
          ],
        );
      }
    }
  }
}
