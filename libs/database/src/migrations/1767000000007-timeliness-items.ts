import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read model: every item with a timescale (R10, R11, R13, s17, ICPC, TAF reviews), when it fell
 * due and when it was done or stopped being needed.
 */
export class TimelinessItems1767000000007 implements MigrationInterface {
  name = 'TimelinessItems1767000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table timeliness_items (
        item_id text primary key,
        case_id uuid,
        family_id uuid not null,
        rule text not null,
        brag text,
        label text not null,
        area text not null,
        team text not null,
        started_at timestamptz not null,
        due_at timestamptz not null,
        done_at timestamptz,
        cancelled_at timestamptz,
        position bigint not null
      )`);
    await queryRunner.query(
      `create index timeliness_items_open_idx on timeliness_items (due_at) where done_at is null and cancelled_at is null`,
    );
    await queryRunner.query(`create index timeliness_items_case_idx on timeliness_items (case_id)`);
    await queryRunner.query(`create index timeliness_items_family_idx on timeliness_items (family_id)`);
    await queryRunner.query(`create index timeliness_items_due_idx on timeliness_items (rule, due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table timeliness_items`);
  }
}
