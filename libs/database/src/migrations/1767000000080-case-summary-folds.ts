import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_summaries` holds only the columns its reads serve. The case's folded state, which the
 * summary projection needs to carry on from one batch to the next, moves to its own table, which
 * no read touches; the correction index it used to carry (every entry's data) is dropped from it,
 * as the aggregate no longer keeps one for the summary.
 */
export class CaseSummaryFolds1767000000080 implements MigrationInterface {
  name = 'CaseSummaryFolds1767000000080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create table case_summary_folds (case_id uuid primary key, state jsonb not null)`);
    await queryRunner.query(
      `insert into case_summary_folds (case_id, state) select case_id, state - 'entries' from case_summaries`,
    );
    await queryRunner.query(`alter table case_summaries drop column state`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table case_summaries add column state jsonb not null default '{}'`);
    await queryRunner.query(
      `update case_summaries c set state = f.state from case_summary_folds f where f.case_id = c.case_id`,
    );
    await queryRunner.query(`drop table case_summary_folds`);
  }
}
