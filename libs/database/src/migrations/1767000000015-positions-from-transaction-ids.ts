import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendEventsFunction } from './1767000000011-append-events-plain-insert';

/**
 * Positions come from the appending transaction's own id: `(transaction id << 20) + index of the
 * event in its append`. Transaction ids already order what a reader may pass (only rows older
 * than every running transaction are read), so positions taken from them rise in the same order
 * without the lock that used to hand out a sequence number and a transaction id together; at 32
 * appenders that lock was a tenth of an append's cost. Positions are ordered and unique, not
 * contiguous (as on EventStoreDB): how far a reader is behind is a count of events, not a
 * difference of positions.
 *
 * The append is now one statement in the adapter (`postgres-event-store.ts`), so the PL/pgSQL
 * function and the sequence go. Existing events keep their positions; the check below proves
 * every later position is above them.
 */
export class PositionsFromTransactionIds1767000000015 implements MigrationInterface {
  name = 'PositionsFromTransactionIds1767000000015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      do $$
      declare
        highest bigint := (select max(position) from events);
        first_new bigint := (pg_current_xact_id()::text::bigint << 20);
      begin
        if highest >= first_new then
          raise exception 'events already reach position %, above the first position taken from a transaction id (%): positions would not rise',
            highest, first_new;
        end if;
      end $$`);
    await queryRunner.query(`alter table events alter column position drop default`);
    await queryRunner.query(`drop function append_events`);
    await queryRunner.query(`drop sequence events_position_seq`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Numbering resumes above every position taken so far, so positions keep rising.
    await queryRunner.query(`create sequence events_position_seq`);
    await queryRunner.query(`select setval('events_position_seq', greatest((select max(position) from events), 1))`);
    await queryRunner.query(`alter table events alter column position set default nextval('events_position_seq')`);
    await queryRunner.query(appendEventsFunction('plain'));
  }
}
