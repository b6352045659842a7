import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. Append-only by construction (R22): a trigger refuses UPDATE, DELETE and TRUNCATE
 * for every role, the application's included.
 *
 * Never-skip reads: each row records the id of the transaction that wrote it. `append_events`
 * takes a short session-level lock around "get a transaction id, take positions" and releases it
 * before inserting, so transaction ids and positions rise together while inserts and commits
 * still run in parallel (group commit). Readers pass only rows whose transaction is older than the oldest one
 * still running (`pg_snapshot_xmin`), so no later commit can land below a position already read.
 * No NOTIFY inside the append: a notifying transaction holds a cluster-wide lock through its
 * commit, which would serialise every append; the adapter notifies separately, coalesced.
 */
export class EventStore1767000000000 implements MigrationInterface {
  name = 'EventStore1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create sequence events_position_seq`);
    await queryRunner.query(`
      create table events (
        position bigint primary key default nextval('events_position_seq'),
        transaction_id xid8 not null,
        stream_id text not null,
        stream_revision bigint not null,
        event_id uuid not null,
        event_type text not null,
        schema_version integer not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null,
        -- Tamper evidence (R22): sha256 over the content, chained to the stream's previous event.
        content_hash text not null,
        previous_hash text,
        hash text not null,
        constraint events_stream_revision_key unique (stream_id, stream_revision),
        constraint events_event_id_key unique (event_id)
      )`);
    await queryRunner.query(`create index events_type_idx on events (event_type)`);

    await queryRunner.query(`
      create function refuse_event_change() returns trigger language plpgsql as $$
      begin
        raise exception 'events are immutable (R22): % refused; record a correcting event instead', tg_op
          using errcode = 'insufficient_privilege';
      end $$`);
    await queryRunner.query(`
      create trigger events_immutable_rows before update or delete on events
        for each row execute function refuse_event_change()`);
    await queryRunner.query(`
      create trigger events_immutable_table before truncate on events
        for each statement execute function refuse_event_change()`);

    // Returns appended = false (and the stream's current revision) when the expectation does not
    // hold. A writer racing on the same stream that passed the check too is stopped by the
    // unique (stream_id, stream_revision) key: it raises 40001 and the whole append rolls back.
    // The caller releases the session lock if anything fails (pg_advisory_unlock_all).
    await queryRunner.query(`
      create function append_events(
        p_stream text, p_expected text, p_expected_revision bigint,
        p_events jsonb, p_recorded_at timestamptz,
        out appended boolean, out last_revision bigint, out last_position bigint
      ) language plpgsql as $$
      declare
        n int := jsonb_array_length(p_events);
        current_revision bigint;
        chain text;
        positions bigint[];
        transaction_id xid8;
        unlocked boolean;
        item jsonb;
        revision bigint;
        inserted_position bigint;
        sequencing_lock constant bigint := 7301946;
      begin
        select e.stream_revision, e.hash into current_revision, chain
          from events e where e.stream_id = p_stream order by e.stream_revision desc limit 1;
        if (p_expected = 'no_stream' and current_revision is not null)
           or (p_expected = 'stream_exists' and current_revision is null)
           or (p_expected = 'exact' and current_revision is distinct from p_expected_revision) then
          appended := false;
          last_revision := current_revision;
          return;
        end if;

        -- Only this is serialised: the transaction id and the positions, taken together.
        -- (Plain assignments run as fast "simple expressions", keeping the lock short.)
        perform pg_advisory_lock(sequencing_lock);
        transaction_id := pg_current_xact_id();
        if n = 1 then
          positions := array[nextval('events_position_seq')];
        else
          positions := array(select nextval('events_position_seq') from generate_series(1, n));
        end if;
        unlocked := pg_advisory_unlock(sequencing_lock);

        -- One insert per event: each hash chains to the one before (see hash-chain.ts).
        for i in 1 .. n loop
          item := p_events -> (i - 1);
          revision := coalesce(current_revision, -1) + i;
          insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata,
                              recorded_at, content_hash, previous_hash, hash)
          values (positions[i], transaction_id, p_stream, revision, (item->>'id')::uuid, item->>'type', (item->>'schemaVersion')::int,
                  item->'data', item->'metadata', p_recorded_at, item->>'contentHash', chain,
                  encode(sha256(convert_to(coalesce(chain, '') || '|' || p_stream || '|' || revision || '|' || (item->>'id')::uuid || '|' || (item->>'contentHash'), 'UTF8')), 'hex'))
          on conflict do nothing
          returning events.position, events.hash into inserted_position, chain;
          if inserted_position is null then
            raise exception 'append to % collided with another write', p_stream using errcode = 'serialization_failure';
          end if;
          last_position := inserted_position;
          inserted_position := null;
        end loop;
        appended := true;
        last_revision := coalesce(current_revision, -1) + n;
      end $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function append_events`);
    await queryRunner.query(`drop table events`);
    await queryRunner.query(`drop sequence events_position_seq`);
    await queryRunner.query(`drop function refuse_event_change`);
  }
}
