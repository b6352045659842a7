import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity provider's ID token of a session signed in through it: signing out sends it back
 * to the provider (id_token_hint) so that the provider's own session ends too.
 */
export class WebSessionIdToken1767000000070 implements MigrationInterface {
  name = 'WebSessionIdToken1767000000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table web_sessions add column id_token text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table web_sessions drop column id_token`);
  }
}
