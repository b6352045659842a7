import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { chainHash, CheckpointSigner, contentHash, EventStore, LogDigest } from '@windscreen/event-store';
import { aContact, eventually, runCli, startTestApp, TestApp } from '@windscreen/testing';

interface Row {
  position: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * What an insider with the database's superuser could do before: switch the triggers off for the
 * session, rewrite a stream and recompute its chain so that every chain verifies. A checkpoint
 * signed before, with a key outside the database, shows each of them and names it.
 */
describe('R22: tamper evidence anchored outside the database (signed checkpoints)', () => {
  let t: TestApp;
  let admin: Client;
  let auditor: string;
  let worker: string;
  const cases: Record<'altered' | 'tail' | 'middle' | 'inserted' | 'movedFirst' | 'movedSecond' | 'untouched', string> =
    {} as never;
  const stream = (caseId: string) => `case-${caseId}`;

  const verifyCli = (...args: string[]) =>
    runCli('verify', args, {
      DATABASE_URL: t.database.url,
      DATABASE_APP_URL: t.database.appUrl,
      DATA_DIR: t.config.dataDir,
      CHECKPOINT_KEY_FILE: t.config.checkpointKeyFile,
      LOG_LEVEL: 'error',
    });

  /** Every event of the stream, its content re-hashed and its chain recomputed: what an insider would do to hide an edit. */
  const recomputeChain = async (streamId: string) => {
    const { rows } = await admin.query<Row>(
      `select position, stream_revision, event_id, event_type, schema_version, data, metadata from events where stream_id = $1 order by stream_revision`,
      [streamId],
    );
    let previous: string | null = null;
    for (const row of rows) {
      const content = contentHash({
        type: row.event_type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata as never,
      });
      const hash = chainHash(previous, streamId, BigInt(row.stream_revision), row.event_id, content);
      await admin.query(`update events set content_hash = $2, previous_hash = $3, hash = $4 where position = $1`, [
        row.position,
        content,
        previous,
        hash,
      ]);
      previous = hash;
    }
  };

  beforeAll(async () => {
    t = await startTestApp({
      checkpointKeyFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-checkpoint-')), 'key.pem'),
    });
    worker = `Bearer ${t.token()}`;
    auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    let last = 0n;
    for (const name of Object.keys({
      altered: 1,
      tail: 1,
      middle: 1,
      inserted: 1,
      movedFirst: 1,
      movedSecond: 1,
      untouched: 1,
    }) as (keyof typeof cases)[]) {
      const { body } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
      cases[name] = body.caseId;
      for (const level of ['emerging', 'complex', 'emerging']) {
        const recorded = await t
          .http()
          .post(`/cases/${body.caseId}/level-of-need`)
          .set('Authorization', worker)
          .send({ level, reason: `to ${level}` });
        last = BigInt(recorded.body.position);
      }
    }
    // A checkpoint covers what a reader sees, which can lag behind these appends while another test
    // file's transaction is open on the shared server: sign it only once every stream is visible whole.
    const store = t.app.get(EventStore);
    await eventually(async () => (await store.headPosition()) >= last);
    admin = new Client({ connectionString: t.database.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  it('Given a signed checkpoint, When an insider alters, deletes, renumbers, inserts and reorders events (recomputing the chains), Then every chain still holds but verify, the api and the receipt name each change', async () => {
    const signed = await t.http().post('/audit/checkpoints').set('Authorization', auditor);
    expect(signed.status).toBe(201);
    const receipt = signed.body;
    expect(receipt).toMatchObject({
      format: 'windscreen-log-checkpoint/1',
      events: expect.any(Number),
      publicKey: expect.any(String),
      signature: expect.any(String),
    });
    expect((await t.http().get('/audit/checkpoints/latest').set('Authorization', auditor)).body).toEqual(receipt);
    const clean = await t.http().get('/audit/verify').set('Authorization', auditor);
    expect(clean.body).toMatchObject({
      intact: true,
      brokenLinks: [],
      findings: [],
      checkpoint: { against: 'latest', signatureValid: true },
    });

    // A case recorded after the checkpoint is no change to what it covers.
    const { body: later } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    expect(later.caseId).toBeDefined();

    await admin.query('set session_replication_role = replica');
    // Alter an event and recompute the chain.
    await admin.query(
      `update events set data = jsonb_set(data, '{reason}', '"altered afterwards"') where stream_id = $1 and stream_revision = 2`,
      [stream(cases.altered)],
    );
    await recomputeChain(stream(cases.altered));
    // Delete the tail: nothing to recompute.
    await admin.query(`delete from events where stream_id = $1 and stream_revision = 3`, [stream(cases.tail)]);
    // Delete a middle event, renumber the later ones and recompute.
    await admin.query(`delete from events where stream_id = $1 and stream_revision = 1`, [stream(cases.middle)]);
    await admin.query(
      `update events set stream_revision = stream_revision - 1 where stream_id = $1 and stream_revision > 1`,
      [stream(cases.middle)],
    );
    await recomputeChain(stream(cases.middle));
    // Insert an event (a copy of revision 1 under a new id), renumber and recompute.
    await admin.query(
      `update events set stream_revision = stream_revision + 10 where stream_id = $1 and stream_revision >= 2`,
      [stream(cases.inserted)],
    );
    await admin.query(
      `update events set stream_revision = stream_revision - 9 where stream_id = $1 and stream_revision >= 12`,
      [stream(cases.inserted)],
    );
    await admin.query(
      `insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at, content_hash, previous_hash, hash)
       select position + 1000, transaction_id, stream_id, 2, gen_random_uuid(), event_type, schema_version, data, metadata, recorded_at, content_hash, previous_hash, hash
         from events where stream_id = $1 and stream_revision = 1`,
      [stream(cases.inserted)],
    );
    await recomputeChain(stream(cases.inserted));
    // Reorder: one stream's last event and the next stream's first trade places in the log (each stream's own order still holds).
    const at = async (caseId: string, order: 'asc' | 'desc') =>
      (
        await admin.query(
          `select position from events where stream_id = $1 order by stream_revision ${order} limit 1`,
          [stream(caseId)],
        )
      ).rows[0].position as string;
    const [first, second] = [await at(cases.movedFirst, 'desc'), await at(cases.movedSecond, 'asc')];
    await admin.query(`update events set position = -1 where position = $1`, [first]);
    await admin.query(`update events set position = $1 where position = $2`, [first, second]);
    await admin.query(`update events set position = $1 where position = -1`, [second]);
    await admin.query('set session_replication_role = origin');

    const expected = expect.arrayContaining([
      expect.objectContaining({ kind: 'recomputed_chain', streamId: stream(cases.altered) }),
      expect.objectContaining({ kind: 'deleted_tail', streamId: stream(cases.tail) }),
      expect.objectContaining({ kind: 'deleted_event', streamId: stream(cases.middle) }),
      expect.objectContaining({ kind: 'inserted_event', streamId: stream(cases.inserted) }),
      expect.objectContaining({ kind: 'reordered_events', streamId: stream(cases.movedFirst) }),
    ]);

    // Against the latest checkpoint: every chain holds, yet each change is named; nothing else is.
    const latest = await t.http().get('/audit/verify').set('Authorization', auditor);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ intact: false, brokenLinks: [], findings: expected });
    expect(latest.body.findings).toHaveLength(5);

    // Against the receipt the auditor kept.
    const againstReceipt = await t
      .http()
      .get('/audit/verify')
      .query({ receipt: Buffer.from(JSON.stringify(receipt)).toString('base64url') })
      .set('Authorization', auditor);
    expect(againstReceipt.status).toBe(200);
    expect(againstReceipt.body).toMatchObject({
      intact: false,
      checkpoint: { against: 'receipt', signatureValid: true, signedByThisServer: true },
      findings: expected,
    });

    // One case at a time.
    const altered = await t.http().get(`/audit/verify?caseId=${cases.altered}`).set('Authorization', auditor);
    expect(altered.body).toMatchObject({
      intact: false,
      firstBrokenLink: null,
      checkpointFinding: { kind: 'recomputed_chain' },
    });
    const untouched = await t.http().get(`/audit/verify?caseId=${cases.untouched}`).set('Authorization', auditor);
    expect(untouched.body).toMatchObject({
      intact: true,
      firstBrokenLink: null,
      checkpointFinding: null,
      checkpoint: { against: 'latest' },
    });

    // The command line, against the latest checkpoint and against the receipt in a file.
    const run = await verifyCli();
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/every hash chain is intact/);
    expect(run.stdout).toContain(`deleted_tail ${stream(cases.tail)}`);
    expect(run.stdout).toContain(`recomputed_chain ${stream(cases.altered)}`);
    const receiptFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-receipt-')), 'receipt.json');
    fs.writeFileSync(receiptFile, JSON.stringify(receipt));
    const withReceipt = await verifyCli('--receipt', receiptFile);
    expect(withReceipt.status).toBe(1);
    expect(withReceipt.stdout).toContain('the receipt (position');
    expect(withReceipt.stdout).toContain(`deleted_event ${stream(cases.middle)}`);
    expect(withReceipt.stdout).toContain(`inserted_event ${stream(cases.inserted)}`);
  });

  it('Given a receipt whose statement was edited, When it is verified, Then its signature does not hold and the log is not declared intact', async () => {
    const { body: receipt } = await t.http().get('/audit/checkpoints/latest').set('Authorization', auditor);
    const forged = await t
      .http()
      .get('/audit/verify')
      .query({ receipt: JSON.stringify({ ...receipt, events: receipt.events + 1 }) })
      .set('Authorization', auditor);
    expect(forged.body).toMatchObject({ intact: false, checkpoint: { signatureValid: false } });
    const malformed = await t
      .http()
      .get('/audit/verify')
      .query({ receipt: JSON.stringify({ ...receipt, logHash: 'not a hash' }) })
      .set('Authorization', auditor);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('receipt.logHash');
  });

  it('Given a checkpoint row written into the database with another key, When the log is verified, Then that row is named as forged and not used', async () => {
    const otherKey = CheckpointSigner.fromFile(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-other-key-')), 'key.pem'),
    );
    const digest = new LogDigest();
    const forged = otherKey.sign(digest.statement(new Date().toISOString(), otherKey.keyId));
    await admin.query(
      `insert into log_checkpoints (position, statement, signature, public_key, heads) values (9223372036854775000, $1, $2, $3, '{}')`,
      [
        JSON.stringify({ ...forged, publicKey: undefined, signature: undefined, position: '9223372036854775000' }),
        forged.signature,
        forged.publicKey,
      ],
    );
    const report = await t.http().get('/audit/verify').set('Authorization', auditor);
    expect(report.body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'checkpoint_record_altered' })]),
    );
    expect(report.body.checkpoint).toMatchObject({ against: 'latest', signatureValid: true, signedByThisServer: true });
  });
});
