import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes that no query reads, and that every write paid for: `events (event_type)` (the log
 * is read by stream and by position only) on every append, and `timeliness_items (rule, due_at)`
 * (lists and reports reach items by due time, case or family) on every item a projection writes.
 */
export class DropUnusedIndexes1767000000016 implements MigrationInterface {
  name = 'DropUnusedIndexes1767000000016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index events_type_idx`);
    await queryRunner.query(`drop index timeliness_items_due_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create index timeliness_items_due_idx on timeliness_items (rule, due_at)`);
    await queryRunner.query(`create index events_type_idx on events (event_type)`);
  }
}
