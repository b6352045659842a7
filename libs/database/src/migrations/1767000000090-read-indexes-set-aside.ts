import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes a rebuild has dropped while it replays the log (only the read side uses them), with
 * their definitions: a rebuild that stops part way leaves them here, and the next start-up (or
 * rebuild) builds them again.
 */
export class ReadIndexesSetAside1767000000090 implements MigrationInterface {
  name = 'ReadIndexesSetAside1767000000090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table read_indexes_set_aside (
        index_name text primary key,
        table_name text not null,
        definition text not null,
        set_aside_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table read_indexes_set_aside`);
  }
}
