import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caseload counts and need-to-know filters read a handful of narrow columns of every visible case.
 * The case summary rows are wide (the case's folded state), so a scan of the table costs ten
 * times a scan of an index that carries those columns: these let both be answered index-only.
 */
export class CaseloadCoveringIndexes1767000000012 implements MigrationInterface {
  name = 'CaseloadCoveringIndexes1767000000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index case_summaries_family_idx`);
    await queryRunner.query(`create index case_summaries_family_idx on case_summaries (family_id) include (case_id)`);
    await queryRunner.query(
      `create index case_summaries_filter_idx on case_summaries (area, status, level, team) include (allocated_worker_id, case_id, family_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index case_summaries_filter_idx`);
    await queryRunner.query(`drop index case_summaries_family_idx`);
    await queryRunner.query(`create index case_summaries_family_idx on case_summaries (family_id)`);
  }
}
