import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pages' sign-in sessions, shared by every api process. The cookie holds a random token; only
 * its SHA-256 is stored, so a copy of this table lets no one act as the users in it.
 */
export class WebSessions1767000000041 implements MigrationInterface {
  name = 'WebSessions1767000000041';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table web_sessions (
        token_hash bytea primary key,
        actor jsonb not null,
        csrf_token text not null,
        signed_in_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null
      )`);
    await queryRunner.query(`create index web_sessions_expiry_idx on web_sessions (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table web_sessions`);
  }
}
