import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who looked at which case, when, and which view: append-only, like the event log. */
export class AccessLog1767000000004 implements MigrationInterface {
  name = 'AccessLog1767000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table access_log (
        id bigint generated always as identity primary key,
        accessed_at timestamptz not null default clock_timestamp(),
        actor_id text not null,
        actor_name text not null,
        actor_role text not null,
        actor_agency text not null,
        actor_team text not null,
        case_id uuid not null,
        view text not null,
        query text,
        correlation_id text
      )`);
    await queryRunner.query(`create index access_log_case_idx on access_log (case_id, accessed_at)`);
    await queryRunner.query(`create index access_log_actor_idx on access_log (actor_id, accessed_at)`);
    await queryRunner.query(`
      create function refuse_access_log_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the access log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    await queryRunner.query(
      `create trigger access_log_append_only before update or delete on access_log for each row execute function refuse_access_log_change()`,
    );
    await queryRunner.query(
      `create trigger access_log_no_truncate before truncate on access_log for each statement execute function refuse_access_log_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table access_log`);
    await queryRunner.query(`drop function refuse_access_log_change`);
  }
}
