import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The information-sharing audit answers what an information-governance auditor asks: the three
 * legal answers apart (UK GDPR Article 6, Article 9 with DPA 2018 Schedule 1, the duty of
 * confidence), whose data, told or not, advice, the request, what was sent, what the case record
 * said at the time, and corrections with both values. The read model is emptied and its
 * checkpoint reset, so the projection rebuilds it from the event log on the next start.
 */
export class InformationSharingLegalBases1767000000040 implements MigrationInterface {
  name = 'InformationSharingLegalBases1767000000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from information_sharing_decisions`);
    await queryRunner.query(`delete from information_sharing_cases`);
    await queryRunner.query(
      `update projection_checkpoints set position = 0, updated_at = now() where name = 'information_sharing_audit'`,
    );
    await queryRunner.query(`
      alter table information_sharing_decisions
        drop column lawful_basis,
        add column decision_id uuid not null,
        add column occasion text,
        add column consent_scope text,
        add column data_subjects text[],
        add column article6_basis text not null,
        add column special_category_data boolean,
        add column article9_condition text,
        add column schedule1_condition text,
        add column confidentiality_basis text not null,
        add column public_interest_ground text,
        add column person_told boolean,
        add column not_told_reason text,
        add column advice_sought boolean,
        add column advice_from text,
        add column request_from text,
        add column request_received_at timestamptz,
        add column known_at_decision jsonb,
        add column not_recorded text[] not null default '{}',
        add column decision_data jsonb not null,
        add column sendings jsonb not null default '[]',
        add column first_sent_at timestamptz,
        add column corrections jsonb not null default '[]'`);
    // What is sent names its decision, which is unique within its case.
    await queryRunner.query(
      `create unique index information_sharing_decision_id_idx on information_sharing_decisions (case_id, decision_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from information_sharing_decisions`);
    await queryRunner.query(`delete from information_sharing_cases`);
    await queryRunner.query(
      `update projection_checkpoints set position = 0, updated_at = now() where name = 'information_sharing_audit'`,
    );
    await queryRunner.query(`drop index information_sharing_decision_id_idx`);
    await queryRunner.query(`
      alter table information_sharing_decisions
        add column lawful_basis text,
        drop column decision_id, drop column occasion, drop column consent_scope, drop column data_subjects, drop column article6_basis,
        drop column special_category_data, drop column article9_condition, drop column schedule1_condition, drop column confidentiality_basis,
        drop column public_interest_ground, drop column person_told, drop column not_told_reason, drop column advice_sought, drop column advice_from,
        drop column request_from, drop column request_received_at, drop column known_at_decision, drop column not_recorded, drop column decision_data,
        drop column sendings, drop column first_sent_at, drop column corrections`);
  }
}
