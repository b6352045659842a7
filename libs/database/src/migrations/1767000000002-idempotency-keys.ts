import { MigrationInterface, QueryRunner } from 'typeorm';

/** First result of each (actor, Idempotency-Key), so a retried command appends nothing new. */
export class IdempotencyKeys1767000000002 implements MigrationInterface {
  name = 'IdempotencyKeys1767000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table idempotency_keys (
        actor_id text not null,
        key text not null,
        request_hash text not null,
        status_code integer,
        response_body jsonb,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (actor_id, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table idempotency_keys`);
  }
}
