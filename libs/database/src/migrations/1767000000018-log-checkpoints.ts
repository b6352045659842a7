import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the event log (see libs/event-store/src/checkpoints): append-only like the
 * log. The signature, not the database, is what makes a checkpoint trustworthy: its key is kept
 * outside the database, and a row whose signature does not verify is reported, never used.
 */
export class LogCheckpoints1767000000018 implements MigrationInterface {
  name = 'LogCheckpoints1767000000018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table log_checkpoints (
        id bigint generated always as identity primary key,
        position bigint not null,
        statement jsonb not null,
        signature text not null,
        public_key text not null,
        -- Each stream's last event at the checkpoint, to name what changed; its hash is signed (streamsHash).
        heads jsonb not null,
        created_at timestamptz not null default clock_timestamp()
      )`);
    await queryRunner.query(`create index log_checkpoints_position_idx on log_checkpoints (position desc)`);
    await queryRunner.query(`
      create function refuse_log_checkpoint_change() returns trigger language plpgsql as $$
      begin
        raise exception 'checkpoints are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    await queryRunner.query(
      `create trigger log_checkpoints_append_only before update or delete on log_checkpoints for each row execute function refuse_log_checkpoint_change()`,
    );
    await queryRunner.query(
      `create trigger log_checkpoints_no_truncate before truncate on log_checkpoints for each statement execute function refuse_log_checkpoint_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table log_checkpoints`);
    await queryRunner.query(`drop function refuse_log_checkpoint_change`);
  }
}
