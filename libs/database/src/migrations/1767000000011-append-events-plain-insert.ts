import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `append_events` inserts plainly instead of `on conflict do nothing`: a speculative insert checks
 * every unique index before inserting, and that check cost more than the hash chain itself. A
 * writer that raced past the revision check now meets the unique key as `unique_violation`,
 * which rolls the whole append back just the same; the adapter tells a repeated event id from a
 * taken revision. Each hash is computed before its insert, so nothing is read back.
 */
export class AppendEventsPlainInsert1767000000011 implements MigrationInterface {
  name = 'AppendEventsPlainInsert1767000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendEventsFunction('plain'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendEventsFunction('speculative'));
  }
}

export function appendEventsFunction(insert: 'plain' | 'speculative'): string {
  const insertEvent =
    insert === 'plain'
      ? `
          chain_before := chain;
          chain := encode(sha256(convert_to(coalesce(chain_before, '') || '|' || p_stream || '|' || revision || '|' || (item->>'id')::uuid || '|' || (item->>'contentHash'), 'UTF8')), 'hex');
          insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata,
                              recorded_at, content_hash, previous_hash, hash)
          values (positions[i], transaction_id, p_stream, revision, (item->>'id')::uuid, item->>'type', (item->>'schemaVersion')::int,
                  item->'data', item->'metadata', p_recorded_at, item->>'contentHash', chain_before, chain);
          last_position := positions[i];`
      : `
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
          inserted_position := null;`;
  return `
      create or replace function append_events(
        p_stream text, p_expected text, p_expected_revision bigint,
        p_events jsonb, p_recorded_at timestamptz,
        out appended boolean, out last_revision bigint, out last_position bigint
      ) language plpgsql as $$
      declare
        n int := jsonb_array_length(p_events);
        current_revision bigint;
        chain text;
        chain_before text;
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
          revision := coalesce(current_revision, -1) + i;${insertEvent}
        end loop;
        appended := true;
        last_revision := coalesce(current_revision, -1) + n;
      end $$`;
}
