import { MigrationInterface, QueryRunner } from 'typeorm';

/** The caseload sorts by last activity and counts items still open per case and per family. */
export class CaseloadIndexes1767000000008 implements MigrationInterface {
  name = 'CaseloadIndexes1767000000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create index case_summaries_activity_idx on case_summaries (last_occurred_at, case_id)`);
    await queryRunner.query(
      `create index timeliness_items_open_case_idx on timeliness_items (case_id, due_at) where done_at is null and cancelled_at is null and case_id is not null`,
    );
    await queryRunner.query(
      `create index timeliness_items_open_family_idx on timeliness_items (family_id, due_at) where done_at is null and cancelled_at is null and case_id is null`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index timeliness_items_open_family_idx`);
    await queryRunner.query(`drop index timeliness_items_open_case_idx`);
    await queryRunner.query(`drop index case_summaries_activity_idx`);
  }
}
