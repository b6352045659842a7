import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claimed Idempotency-Key is leased: should the attempt that claimed it die before answering,
 * a retry takes the key over once the lease has run out, instead of finding it in progress forever.
 * Keys already claimed and unanswered are leased from now.
 */
export class IdempotencyLeases1767000000019 implements MigrationInterface {
  name = 'IdempotencyLeases1767000000019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table idempotency_keys add column lease_expires_at timestamptz`);
    await queryRunner.query(`update idempotency_keys set lease_expires_at = now() where status_code is null`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table idempotency_keys drop column lease_expires_at`);
  }
}
