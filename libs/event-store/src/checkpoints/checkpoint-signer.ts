import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from '../hash-chain';
import type { CheckpointStatement } from './log-digest';

/** A signed checkpoint as an auditor keeps it: the statement, the signature and the key to check it with. */
export interface CheckpointReceipt extends CheckpointStatement {
  /** The signing key's public half: SPKI DER, base64. */
  publicKey: string;
  /** Ed25519 over the canonical JSON of the statement, base64. */
  signature: string;
}

export const STATEMENT_FIELDS = [
  'format',
  'position',
  'events',
  'logHash',
  'streams',
  'streamsHash',
  'signedAt',
  'keyId',
] as const;

/** The statement a receipt signs, without anything else it may carry. */
export function statementOf(receipt: CheckpointStatement): CheckpointStatement {
  return Object.fromEntries(STATEMENT_FIELDS.map((field) => [field, receipt[field]])) as unknown as CheckpointStatement;
}

export const keyIdOf = (publicKeyDer: Buffer) => createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);

/** Whether the receipt's signature holds for its statement and its own public key. */
export function signatureHolds(receipt: CheckpointReceipt): boolean {
  try {
    const der = Buffer.from(receipt.publicKey, 'base64');
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return (
      keyIdOf(der) === receipt.keyId &&
      verify(null, Buffer.from(canonicalJson(statementOf(receipt))), key, Buffer.from(receipt.signature, 'base64'))
    );
  } catch {
    return false;
  }
}

/**
 * The Ed25519 key that signs checkpoints, read from a file outside the database (generated there,
 * readable by this process's user only, on first use). Whoever can read that file can sign; the
 * database's users, the `postgres` operating-system user included, cannot.
 */
export class CheckpointSigner {
  readonly publicKey: string;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    this.publicKey = der.toString('base64');
    this.keyId = keyIdOf(der);
  }

  static fromFile(file: string): CheckpointSigner {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
      }
    }
    const key = createPrivateKey(fs.readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error(`${file} holds a ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
    return new CheckpointSigner(key);
  }

  sign(statement: CheckpointStatement): CheckpointReceipt {
    const signature = sign(null, Buffer.from(canonicalJson(statementOf(statement))), this.privateKey).toString(
      'base64',
    );
    return { ...statementOf(statement), publicKey: this.publicKey, signature };
  }

  /** Signed by this key, and the signature holds. */
  signed(receipt: CheckpointReceipt): boolean {
    return receipt.publicKey === this.publicKey && signatureHolds(receipt);
  }
}
