import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is due (`GET /timeliness`) counts every open item a user may see and pages through them by
 * due time. These indexes carry the columns it needs, so neither the items nor the wide case
 * summary rows are visited: the open items by due time with their rule, case, family, area and
 * team; the cases of a team, and of an allocated worker, with their case and family ids.
 */
export class DueListCoveringIndexes1767000000014 implements MigrationInterface {
  name = 'DueListCoveringIndexes1767000000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index timeliness_items_open_idx`);
    await queryRunner.query(
      `create index timeliness_items_open_idx on timeliness_items (due_at, item_id) include (rule, case_id, family_id, area, team)
        where done_at is null and cancelled_at is null`,
    );
    await queryRunner.query(`drop index case_summaries_team_idx`);
    await queryRunner.query(
      `create index case_summaries_team_idx on case_summaries (team, status) include (case_id, family_id)`,
    );
    await queryRunner.query(`drop index case_summaries_worker_idx`);
    await queryRunner.query(
      `create index case_summaries_worker_idx on case_summaries (allocated_worker_id) include (case_id, family_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index case_summaries_worker_idx`);
    await queryRunner.query(`create index case_summaries_worker_idx on case_summaries (allocated_worker_id)`);
    await queryRunner.query(`drop index case_summaries_team_idx`);
    await queryRunner.query(`create index case_summaries_team_idx on case_summaries (team, status)`);
    await queryRunner.query(`drop index timeliness_items_open_idx`);
    await queryRunner.query(
      `create index timeliness_items_open_idx on timeliness_items (due_at) where done_at is null and cancelled_at is null`,
    );
  }
}
