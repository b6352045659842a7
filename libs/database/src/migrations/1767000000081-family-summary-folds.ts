import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * As for the cases (1767000000080): `family_summaries` holds the columns its reads serve, and the
 * family's folded state, which only the summary projection reads, moves to its own table.
 */
export class FamilySummaryFolds1767000000081 implements MigrationInterface {
  name = 'FamilySummaryFolds1767000000081';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create table family_summary_folds (family_id uuid primary key, state jsonb not null)`);
    await queryRunner.query(
      `insert into family_summary_folds (family_id, state) select family_id, state from family_summaries`,
    );
    await queryRunner.query(`alter table family_summaries drop column state`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table family_summaries add column state jsonb not null default '{}'`);
    await queryRunner.query(
      `update family_summaries s set state = f.state from family_summary_folds f where f.family_id = s.family_id`,
    );
    await queryRunner.query(`drop table family_summary_folds`);
  }
}
