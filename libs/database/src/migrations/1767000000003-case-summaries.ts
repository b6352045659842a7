import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read model: one row per case with its current level of need. */
export class CaseSummaries1767000000003 implements MigrationInterface {
  name = 'CaseSummaries1767000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table case_summaries (
        case_id uuid primary key,
        family_id uuid not null,
        area text not null,
        status text not null,
        level text,
        level_since timestamptz,
        level_set_by jsonb,
        child jsonb not null,
        opened_at timestamptz not null,
        revision bigint not null,
        position bigint not null
      )`);
    await queryRunner.query(`create index case_summaries_family_idx on case_summaries (family_id)`);
    await queryRunner.query(`create index case_summaries_level_idx on case_summaries (level)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table case_summaries`);
  }
}
