import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { PG_POOL } from '@windscreen/database';
import { EventStore, RecordedEvent } from '../event-store.port';
import { BrokenLink, ChainVerifier } from '../hash-chain';
import { CheckpointReceipt, CheckpointSigner, signatureHolds, statementOf } from './checkpoint-signer';
import {
  CheckpointFinding,
  CheckpointStatement,
  compareStreamHead,
  compareWithCheckpoint,
  LogDigest,
  StreamHead,
  streamInsertedBehind,
  streamsHashOf,
} from './log-digest';

const PAGE = 2000;

/** A checkpoint as stored, its signature checked against this server's key. */
export interface StoredCheckpoint {
  receipt: CheckpointReceipt;
  heads: Record<string, StreamHead>;
}

/** Which checkpoint a verification compared the log with. */
export interface CheckpointCheck {
  against: 'latest' | 'receipt';
  position: string;
  events: number;
  signedAt: string;
  keyId: string;
  /** The signature holds for the statement and the key given with it. */
  signatureValid: boolean;
  /** Signed with this server's checkpoint key (a receipt may come from elsewhere). */
  signedByThisServer: boolean;
}

export interface LogVerificationReport {
  eventsChecked: number;
  streamsChecked: number;
  intact: boolean;
  /** Each stream's first broken link: an event whose content or chain no longer holds. */
  brokenLinks: BrokenLink[];
  /** Null when there is no signed checkpoint yet: only the streams' own chains were checked. */
  checkpoint: CheckpointCheck | null;
  /** What changed since the checkpoint, though every chain may hold. */
  findings: CheckpointFinding[];
  checkedAt: string;
}

interface CheckpointRow {
  statement: CheckpointStatement;
  signature: string;
  public_key: string;
  heads: Record<string, StreamHead>;
}

/**
 * Signed checkpoints of the event log: the anchor a database user cannot forge, since the key is
 * outside the database. Written on demand and every CHECKPOINT_INTERVAL_SECONDS; each continues
 * from the last one this key signed. Verification recomputes the log's digest and compares it
 * with the latest checkpoint, or with a receipt an auditor kept.
 */
@Injectable()
export class LogCheckpoints {
  private signerLoaded: CheckpointSigner | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<CheckpointReceipt | undefined> | undefined;

  constructor(
    private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get signer(): CheckpointSigner {
    this.signerLoaded ??= CheckpointSigner.fromFile(this.config.checkpointKeyFile);
    return this.signerLoaded;
  }

  /** Signs a checkpoint every `CHECKPOINT_INTERVAL_SECONDS` while the log grows. */
  startPeriodic(onError: (error: unknown) => void): void {
    if (this.config.checkpointIntervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.write().catch(onError), this.config.checkpointIntervalMs);
    this.timer.unref();
  }

  stopPeriodic(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Signs a checkpoint of the log as readers see it now, or returns the latest if nothing was recorded since. */
  async write(): Promise<CheckpointReceipt> {
    // One at a time in this process: a second call shares the first's work.
    this.writing ??= this.writeNow().finally(() => (this.writing = undefined));
    return (await this.writing)!;
  }

  private async writeNow(): Promise<CheckpointReceipt> {
    const latest = await this.latest();
    const digest = latest ? LogDigest.resume(latest.receipt, latest.heads) : new LogDigest();
    await this.readAfter(digest.position, (event) => digest.add(event));
    if (latest && digest.position.toString() === latest.receipt.position) return latest.receipt;
    const receipt = this.signer.sign(digest.statement(new Date().toISOString(), this.signer.keyId));
    await this.pool.query(
      `insert into log_checkpoints (position, statement, signature, public_key, heads) values ($1, $2, $3, $4, $5)`,
      [
        receipt.position,
        JSON.stringify(statementOf(receipt)),
        receipt.signature,
        receipt.publicKey,
        JSON.stringify(Object.fromEntries(digest.heads)),
      ],
    );
    return receipt;
  }

  /** The latest checkpoint this server's key signed whose stored heads are the ones it signed. */
  async latest(): Promise<StoredCheckpoint | undefined> {
    return (await this.latestWithRejected()).latest;
  }

  /** As `latest`, with the newer rows that had to be passed over (a signature or heads that do not hold). */
  private async latestWithRejected(): Promise<{ latest?: StoredCheckpoint; rejected: CheckpointFinding[] }> {
    const rejected: CheckpointFinding[] = [];
    for (let offset = 0; ; offset += 100) {
      const { rows } = await this.pool.query<CheckpointRow>(
        `select statement, signature, public_key, heads from log_checkpoints order by position desc, id desc limit 100 offset $1`,
        [offset],
      );
      if (rows.length === 0) return { rejected };
      for (const row of rows) {
        const stored = this.storedCheckpoint(row);
        if (stored) return { latest: stored, rejected };
        rejected.push({
          kind: 'checkpoint_record_altered',
          detail: `The checkpoint stored for position ${row.statement.position} (signed at ${row.statement.signedAt}) does not verify with this server's key: it was forged or altered, and is ignored`,
        });
      }
    }
  }

  private storedCheckpoint(row: CheckpointRow): StoredCheckpoint | undefined {
    const receipt: CheckpointReceipt = { ...row.statement, publicKey: row.public_key, signature: row.signature };
    if (!this.signer.signed(receipt)) return undefined;
    if (streamsHashOf(new Map(Object.entries(row.heads))) !== receipt.streamsHash) return undefined;
    return { receipt, heads: row.heads };
  }

  /**
   * Recomputes every stream's chain and the log's digest, and compares them with the latest
   * checkpoint, or with `receipt` when one is given.
   */
  async verifyLog(
    receipt?: CheckpointReceipt,
    onProgress?: (eventsChecked: number) => void,
  ): Promise<LogVerificationReport> {
    const findings: CheckpointFinding[] = [];
    let against: CheckpointReceipt | undefined;
    let heads: Record<string, StreamHead> | undefined;
    let check: CheckpointCheck | null = null;
    if (receipt) {
      against = receipt;
      const signatureValid = signatureHolds(receipt);
      check = {
        against: 'receipt',
        ...this.summary(receipt),
        signatureValid,
        signedByThisServer: signatureValid && this.signer.signed(receipt),
      };
      heads = signatureValid ? await this.storedHeads(receipt, findings) : undefined;
    } else {
      const { latest, rejected } = await this.latestWithRejected();
      findings.push(...rejected);
      if (latest) {
        against = latest.receipt;
        heads = latest.heads;
        check = { against: 'latest', ...this.summary(latest.receipt), signatureValid: true, signedByThisServer: true };
      }
    }

    const chain = new ChainVerifier();
    const digest = new LogDigest();
    const covered = against && check?.signatureValid ? BigInt(against.position) : -1n;
    await this.readAfter(0n, (event) => {
      chain.check(event);
      if (event.position <= covered) digest.add(event);
      if (onProgress && chain.eventsChecked % PAGE === 0) onProgress(chain.eventsChecked);
    });
    onProgress?.(chain.eventsChecked);
    if (against && check?.signatureValid) findings.push(...compareWithCheckpoint(against, heads, digest));
    const brokenLinks = chain.brokenLinks;
    return {
      eventsChecked: chain.eventsChecked,
      streamsChecked: chain.streamsChecked,
      intact: brokenLinks.length === 0 && findings.length === 0 && (check === null || check.signatureValid),
      brokenLinks,
      checkpoint: check,
      findings,
      checkedAt: new Date().toISOString(),
    };
  }

  /** One stream (oldest first) against the latest checkpoint's head of it. */
  async verifyStream(
    streamId: string,
    events: RecordedEvent[],
  ): Promise<{ checkpoint: CheckpointCheck | null; finding: CheckpointFinding | null }> {
    const latest = await this.latest();
    if (!latest) return { checkpoint: null, finding: null };
    const covered = BigInt(latest.receipt.position);
    const digest = new LogDigest();
    for (const event of events) if (event.position <= covered) digest.add(event);
    const then = latest.heads[streamId];
    const now = digest.heads.get(streamId);
    const finding: CheckpointFinding | undefined = then
      ? compareStreamHead(streamId, then, now)
      : now && streamInsertedBehind(streamId, now);
    return {
      checkpoint: {
        against: 'latest',
        ...this.summary(latest.receipt),
        signatureValid: true,
        signedByThisServer: true,
      },
      finding: finding ?? null,
    };
  }

  /** The heads stored with the checkpoint a receipt names, if the stored one is the one signed. */
  private async storedHeads(
    receipt: CheckpointReceipt,
    findings: CheckpointFinding[],
  ): Promise<Record<string, StreamHead> | undefined> {
    const { rows } = await this.pool.query<CheckpointRow>(
      `select statement, signature, public_key, heads from log_checkpoints where position = $1 and signature = $2 limit 1`,
      [receipt.position, receipt.signature],
    );
    const row = rows[0];
    if (!row) return undefined; // kept elsewhere only: the summary still tells whether the log changed
    const matches =
      streamsHashOf(new Map(Object.entries(row.heads))) === receipt.streamsHash &&
      row.statement.logHash === receipt.logHash;
    if (matches) return row.heads;
    findings.push({
      kind: 'checkpoint_record_altered',
      detail: `The checkpoint stored for position ${receipt.position} is not the one the receipt signed: it was altered`,
    });
    return undefined;
  }

  private summary(receipt: CheckpointReceipt) {
    return { position: receipt.position, events: receipt.events, signedAt: receipt.signedAt, keyId: receipt.keyId };
  }

  private async readAfter(from: bigint, onEvent: (event: RecordedEvent) => void): Promise<void> {
    for (let position = from; ;) {
      const events = await this.store.readAll({ fromPosition: position, limit: PAGE });
      if (events.length === 0) return;
      for (const event of events) onEvent(event);
      position = events[events.length - 1].position;
    }
  }
}

/** In the api: signs a checkpoint every CHECKPOINT_INTERVAL_SECONDS (stopped with the event store module). */
@Injectable()
export class PeriodicCheckpoints implements OnApplicationBootstrap {
  private readonly logger = new Logger('Checkpoints');

  constructor(private readonly checkpoints: LogCheckpoints) {}

  onApplicationBootstrap(): void {
    this.checkpoints.startPeriodic((error) =>
      this.logger.error(`signing a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
