import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '@windscreen/database';

/** One look at one case (`caseId`) or at a list of cases (`caseIds`). */
export interface AccessLogRow {
  actorId: string;
  actorName: string;
  actorRole: string;
  actorAgency: string;
  actorTeam: string;
  caseId: string | null;
  caseIds: string[] | null;
  view: string;
  query: string | null;
  correlationId: string | null;
}

/** Statements writing at once; rows that arrive meanwhile wait and go together in the next one. */
const WRITES_IN_FLIGHT = 2;
/** The most rows one statement writes. */
const ROWS_PER_WRITE = 500;

const INSERT = `insert into access_log (actor_id, actor_name, actor_role, actor_agency, actor_team, case_id, case_ids, view, query, correlation_id)
  select actor_id, actor_name, actor_role, actor_agency, actor_team, case_id, case_ids, view, query, correlation_id
    from jsonb_to_recordset($1::jsonb) as r(actor_id text, actor_name text, actor_role text, actor_agency text, actor_team text,
                                           case_id uuid, case_ids uuid[], view text, query text, correlation_id text)`;

interface Waiting {
  row: AccessLogRow;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Writes the access log with group commit: each look resolves only once its row is committed (a
 * read that could not be logged shows nothing), but looks that arrive while earlier rows are being
 * written share the next statement and its commit, instead of a commit (a WAL flush) each.
 */
@Injectable()
export class AccessLogWriter {
  private readonly waiting: Waiting[] = [];
  private writing = 0;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Resolves when the row is committed; rejects if it could not be written. */
  write(row: AccessLogRow): Promise<void> {
    return new Promise<void>((written, failed) => {
      this.waiting.push({ row, written, failed });
      this.writeNext();
    });
  }

  private writeNext(): void {
    if (this.writing >= WRITES_IN_FLIGHT || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, ROWS_PER_WRITE);
    this.writing++;
    this.insert(batch)
      .finally(() => {
        this.writing--;
        this.writeNext();
      })
      .catch(() => undefined);
  }

  /** A statement that fails fails only its own rows: a batch is written again row by row to say which. */
  private async insert(batch: Waiting[]): Promise<void> {
    try {
      await this.statement(batch.map((waiting) => waiting.row));
      for (const waiting of batch) waiting.written();
    } catch (error) {
      if (batch.length === 1) return batch[0].failed(error);
      for (const waiting of batch) {
        await this.statement([waiting.row]).then(waiting.written, waiting.failed);
      }
    }
  }

  private async statement(rows: AccessLogRow[]): Promise<void> {
    const records = rows.map((row) => ({
      actor_id: row.actorId,
      actor_name: row.actorName,
      actor_role: row.actorRole,
      actor_agency: row.actorAgency,
      actor_team: row.actorTeam,
      case_id: row.caseId,
      case_ids: row.caseIds,
      view: row.view,
      query: row.query,
      correlation_id: row.correlationId,
    }));
    await this.pool.query({ name: 'access-log-insert', text: INSERT, values: [JSON.stringify(records)] });
  }
}
