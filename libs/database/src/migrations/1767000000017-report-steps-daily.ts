import { MigrationInterface, QueryRunner } from 'typeorm';
import { createCountTriggers, dropCountTriggers } from './statement-count-triggers';

/**
 * Read model: steps up and down counted per UK day, area, team, agency, direction, levels and
 * reason category (`reason_category` is '' where none was given). The detail of transitions sums
 * these (a few times fewer rows than the steps themselves) instead of counting every step. As for
 * `timeliness_daily`, statement triggers keep the counts in step with `report_level_moves` in the
 * same statement, whatever changes the steps (new steps, a corrected area or reason category).
 */
export class ReportStepsDaily1767000000017 implements MigrationInterface {
  name = 'ReportStepsDaily1767000000017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table report_steps_daily (
        day date not null,
        area text not null,
        team text not null,
        agency text not null,
        direction text not null,
        from_level text not null,
        to_level text not null,
        reason_category text not null,
        steps integer not null,
        primary key (day, area, team, agency, direction, from_level, to_level, reason_category)
      )`);
    // Merged, so that a count that falls to 0 goes: the table is the same live or rebuilt.
    await createCountTriggers(
      queryRunner,
      'report_level_moves',
      'report_steps_daily',
      `
          merge into report_steps_daily as counted
          using (select day, area, team, agency, direction, from_level, to_level, coalesce(reason_category, '') as reason_category, sum(sign) as steps
                   from (%s) as changed
                  where direction in ('up', 'down')
                  group by 1, 2, 3, 4, 5, 6, 7, 8) as delta
             on counted.day = delta.day and counted.area = delta.area and counted.team = delta.team and counted.agency = delta.agency
                and counted.direction = delta.direction and counted.from_level = delta.from_level and counted.to_level = delta.to_level
                and counted.reason_category = delta.reason_category
          when matched and counted.steps + delta.steps = 0 then delete
          when matched then update set steps = counted.steps + delta.steps
          when not matched and delta.steps <> 0 then insert (day, area, team, agency, direction, from_level, to_level, reason_category, steps)
            values (delta.day, delta.area, delta.team, delta.agency, delta.direction, delta.from_level, delta.to_level, delta.reason_category, delta.steps)
        `,
    );
    // Steps recorded before this migration.
    await queryRunner.query(`
      insert into report_steps_daily (day, area, team, agency, direction, from_level, to_level, reason_category, steps)
      select day, area, team, agency, direction, from_level, to_level, coalesce(reason_category, ''), count(*)
        from report_level_moves where direction in ('up', 'down') group by 1, 2, 3, 4, 5, 6, 7, 8`);
    // The detail no longer reads the steps one by one.
    await queryRunner.query(`drop index report_steps_day_idx`);
    await queryRunner.query(`drop index report_steps_team_day_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const step = `where direction in ('up', 'down')`;
    const stepColumns = 'area, agency, direction, from_level, to_level, reason_category';
    await queryRunner.query(
      `create index report_steps_day_idx on report_level_moves (day) include (team, ${stepColumns}) ${step}`,
    );
    await queryRunner.query(
      `create index report_steps_team_day_idx on report_level_moves (team, day) include (${stepColumns}) ${step}`,
    );
    await dropCountTriggers(queryRunner, 'report_level_moves', 'report_steps_daily');
    await queryRunner.query(`drop table report_steps_daily`);
  }
}
