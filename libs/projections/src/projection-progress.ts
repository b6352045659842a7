import type { Pool } from 'pg';
import { EventStore } from '@windscreen/event-store';
import type { Projection } from './projection';

export interface ProjectionLag {
  name: string;
  checkpoint: string;
  /** Events in the log after the checkpoint (positions are not contiguous, so they are counted). */
  lag: string;
}

/** Where the projections are: for read-your-writes waits and for /health. */
export class ProjectionProgress {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
  ) {}

  async lowestCheckpoint(): Promise<bigint> {
    const {
      rows: [row],
    } = await this.pool.query<{ position: string }>(
      `select coalesce(min(position), 0) as position from projection_checkpoints where name = any($1)`,
      [this.projections.map((projection) => projection.name)],
    );
    return BigInt(row.position);
  }

  /** Whether `position` could have been returned by a command: it is not past the last one recorded. */
  async isRecorded(position: bigint): Promise<boolean> {
    return position <= (await this.store.lastCommittedPosition());
  }

  /** Resolves true once every projection has passed `position`, false when the time is up. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.lowestCheckpoint()) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  async lag(): Promise<{ head: string; projections: ProjectionLag[] }> {
    const head = await this.store.headPosition();
    const { rows } = await this.pool.query<{ name: string; position: string }>(
      `select name, position from projection_checkpoints where name = any($1) order by name`,
      [this.projections.map((projection) => projection.name)],
    );
    const known = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
    return {
      head: head.toString(),
      projections: await Promise.all(
        this.projections.map(async (projection) => {
          const checkpoint = known.get(projection.name) ?? 0n;
          const lag = checkpoint >= head ? 0 : await this.store.countEventsAfter(checkpoint);
          return { name: projection.name, checkpoint: checkpoint.toString(), lag: lag.toString() };
        }),
      ),
    };
  }
}
