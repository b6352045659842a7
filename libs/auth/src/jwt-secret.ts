import * as path from 'node:path';
import { AppConfig, readOrCreateSecret } from '@windscreen/config';

/** `AUTH_JWT_SECRET`, or a development secret kept in the data folder (created on first use). */
export function resolveJwtSecret(config: Pick<AppConfig, 'authJwtSecret' | 'dataDir'>): string {
  return config.authJwtSecret ?? readOrCreateSecret(path.join(config.dataDir, 'dev-jwt-secret'), 48);
}
