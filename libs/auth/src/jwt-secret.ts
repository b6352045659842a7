import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '@windscreen/config';

/** `AUTH_JWT_SECRET`, or a development secret kept in the data folder (created on first use). */
export function resolveJwtSecret(config: Pick<AppConfig, 'authJwtSecret' | 'dataDir'>): string {
  if (config.authJwtSecret) return config.authJwtSecret;
  const file = path.join(config.dataDir, 'dev-jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
