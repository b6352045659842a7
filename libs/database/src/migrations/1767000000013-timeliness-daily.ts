import { MigrationInterface, QueryRunner } from 'typeorm';
import { createCountTriggers, dropCountTriggers } from './statement-count-triggers';

/**
 * Read model: timeliness items counted per UK day they fall due, area, team, rule and BRAG rating
 * (`brag` is '' where an item has none). The timeliness report sums these instead of scanning every
 * item. Triggers keep the counts in step with `timeliness_items` in the same statement, whatever
 * writes the items (the projection, a rebuild's delete), so the two cannot disagree. A cancelled
 * item is counted nowhere; an item not done yet is `open`, and the report decides, against its own
 * clock, whether it is late or still outstanding.
 */
export class TimelinessDaily1767000000013 implements MigrationInterface {
  name = 'TimelinessDaily1767000000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table timeliness_daily (
        day date not null,
        area text not null,
        team text not null,
        rule text not null,
        brag text not null,
        due integer not null,
        on_time integer not null,
        late_done integer not null,
        open integer not null,
        primary key (day, area, team, rule, brag)
      )`);
    // Merged rather than upserted so that a day no item is counted on any more goes: the table
    // is then the same however it was reached (live, or by a rebuild).
    await createCountTriggers(
      queryRunner,
      'timeliness_items',
      'timeliness_daily',
      `
          merge into timeliness_daily as counted
          using (select (due_at at time zone 'Europe/London')::date as day, area, team, rule, coalesce(brag, '') as brag,
                        sum(sign) as due,
                        coalesce(sum(sign) filter (where done_at <= due_at), 0) as on_time,
                        coalesce(sum(sign) filter (where done_at > due_at), 0) as late_done,
                        coalesce(sum(sign) filter (where done_at is null), 0) as open
                   from (%s) as changed
                  where cancelled_at is null
                  group by 1, 2, 3, 4, 5) as delta
             on counted.day = delta.day and counted.area = delta.area and counted.team = delta.team
                and counted.rule = delta.rule and counted.brag = delta.brag
          when matched and counted.due + delta.due = 0 then delete
          when matched then update
            set due = counted.due + delta.due,
                on_time = counted.on_time + delta.on_time,
                late_done = counted.late_done + delta.late_done,
                open = counted.open + delta.open
          when not matched and delta.due <> 0 then insert (day, area, team, rule, brag, due, on_time, late_done, open)
            values (delta.day, delta.area, delta.team, delta.rule, delta.brag, delta.due, delta.on_time, delta.late_done, delta.open)
        `,
    );
    // The report now reads items one by one only for today, through timeliness_items_report_idx.
    await queryRunner.query(`drop index timeliness_items_report_team_idx`);
    // Items recorded before this migration.
    await queryRunner.query(`
      insert into timeliness_daily (day, area, team, rule, brag, due, on_time, late_done, open)
      select (due_at at time zone 'Europe/London')::date, area, team, rule, coalesce(brag, ''), count(*),
             count(*) filter (where done_at <= due_at), count(*) filter (where done_at > due_at), count(*) filter (where done_at is null)
        from timeliness_items where cancelled_at is null group by 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create index timeliness_items_report_team_idx on timeliness_items (team, due_at) include (rule, brag, done_at, area) where cancelled_at is null`,
    );
    await dropCountTriggers(queryRunner, 'timeliness_items', 'timeliness_daily');
    await queryRunner.query(`drop table timeliness_daily`);
  }
}
