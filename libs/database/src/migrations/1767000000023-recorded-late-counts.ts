import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R35: how many entries were recorded, and how many of them late (more than the configured working
 * days after they happened), per UK day of happening, area and team, for the timeliness report.
 */
export class RecordedLateCounts1767000000023 implements MigrationInterface {
  name = 'RecordedLateCounts1767000000023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `alter table report_daily add column entries_recorded integer not null default 0, add column entries_recorded_late integer not null default 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table report_daily drop column entries_recorded, drop column entries_recorded_late`);
  }
}
