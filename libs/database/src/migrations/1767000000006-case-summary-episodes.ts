import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case summary grows its open episodes, consents, escalations, team and allocation, and the
 * family's early help beside it. The read model is emptied and its checkpoint reset, so the
 * projection rebuilds it from the event log on the next start.
 */
export class CaseSummaryEpisodes1767000000006 implements MigrationInterface {
  name = 'CaseSummaryEpisodes1767000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from case_summaries`);
    await queryRunner.query(
      `update projection_checkpoints set position = 0, updated_at = now() where name = 'case_summaries'`,
    );
    await queryRunner.query(`
      alter table case_summaries
        add column team text not null default '',
        add column allocated_worker jsonb,
        add column allocated_worker_id text,
        add column closed_at timestamptz,
        add column open_episodes jsonb not null default '[]',
        add column consents jsonb not null default '{}',
        add column open_escalations jsonb not null default '[]',
        add column last_occurred_at timestamptz,
        add column state jsonb not null default '{}'`);
    await queryRunner.query(`create index case_summaries_team_idx on case_summaries (team, status)`);
    await queryRunner.query(`create index case_summaries_worker_idx on case_summaries (allocated_worker_id)`);
    await queryRunner.query(`create index case_summaries_caseload_idx on case_summaries (opened_at, case_id)`);
    await queryRunner.query(`
      create table family_summaries (
        family_id uuid primary key,
        area text not null,
        early_help jsonb not null,
        professional_user_ids text[] not null default '{}',
        state jsonb not null,
        position bigint not null
      )`);
    await queryRunner.query(
      `create index family_summaries_professionals_idx on family_summaries using gin (professional_user_ids)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table family_summaries`);
    await queryRunner.query(`
      alter table case_summaries
        drop column team, drop column allocated_worker, drop column allocated_worker_id, drop column closed_at,
        drop column open_episodes, drop column consents, drop column open_escalations, drop column last_occurred_at, drop column state`);
  }
}
