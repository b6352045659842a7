import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per projection: the last global position whose effects are in its read model. */
export class Projections1767000000001 implements MigrationInterface {
  name = 'Projections1767000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table projection_checkpoints (
        name text primary key,
        position bigint not null default 0,
        updated_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table projection_checkpoints`);
  }
}
