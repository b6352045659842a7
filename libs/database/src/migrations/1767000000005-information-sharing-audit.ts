import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read model for auditors: every decision to share or not share (R19). */
export class InformationSharingAudit1767000000005 implements MigrationInterface {
  name = 'InformationSharingAudit1767000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table information_sharing_decisions (
        event_id uuid primary key,
        position bigint not null,
        case_id uuid not null,
        family_id uuid,
        area text,
        decided_at timestamptz not null,
        recorded_at timestamptz not null,
        decided_by jsonb not null,
        decided_by_id text not null,
        decision text not null,
        basis text not null,
        lawful_basis text,
        judgement text,
        consent_sought boolean not null,
        consent_answer text,
        consent_in_force text,
        information text not null,
        purpose text not null,
        reasons text not null,
        recipients jsonb not null,
        recipient_agencies text[] not null,
        young_person_objection jsonb
      )`);
    await queryRunner.query(
      `create index information_sharing_case_idx on information_sharing_decisions (case_id, decided_at)`,
    );
    await queryRunner.query(
      `create index information_sharing_decided_idx on information_sharing_decisions (decided_at)`,
    );
    await queryRunner.query(
      `create index information_sharing_agencies_idx on information_sharing_decisions using gin (recipient_agencies)`,
    );
    // The projection's own memory of each case's family and area (it must not depend on another read model).
    await queryRunner.query(
      `create table information_sharing_cases (case_id uuid primary key, family_id uuid not null, area text not null)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table information_sharing_cases`);
    await queryRunner.query(`drop table information_sharing_decisions`);
  }
}
