import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import type { Actor } from '@windscreen/identity';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { PG_POOL } from '@windscreen/database';

/** A signed-in person, as the pages know them. `actor.role` is chosen per page from `actor.roles`. */
export interface WebSession {
  actor: Actor;
  csrfToken: string;
  signedInAt: Date;
  /** Signed in through the identity provider: its ID token, sent back to it at sign-out. */
  idToken?: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/**
 * Sessions in PostgreSQL, so that any api process answers any request. A session ends after
 * `sessionIdleMs` without a request or `sessionMaxMs` after sign-in, whichever comes first; using
 * it moves its idle end on. Expired rows are removed as new sessions start.
 */
@Injectable()
export class WebSessions {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session for the actor: the cookie's token (returned once, never stored) and the session. */
  async start(actor: Actor, now = new Date(), idToken?: string): Promise<{ token: string; session: WebSession }> {
    const token = randomBytes(32).toString('base64url');
    const session: WebSession = {
      actor,
      csrfToken: randomBytes(32).toString('base64url'),
      signedInAt: now,
      ...(idToken && { idToken }),
    };
    const { sessionIdleMs, sessionMaxMs } = this.config.web;
    await this.pool.query(`delete from web_sessions where expires_at < $1 or last_seen_at < $2`, [
      now,
      new Date(now.getTime() - sessionIdleMs),
    ]);
    await this.pool.query(
      `insert into web_sessions (token_hash, actor, csrf_token, signed_in_at, last_seen_at, expires_at, id_token) values ($1, $2, $3, $4, $4, $5, $6)`,
      [
        hashOf(token),
        JSON.stringify(actor),
        session.csrfToken,
        now,
        new Date(now.getTime() + sessionMaxMs),
        idToken ?? null,
      ],
    );
    return { token, session };
  }

  /** The live session of this token, its idle time restarted; undefined when there is none or it has lapsed. */
  async resume(token: string | undefined, now = new Date()): Promise<WebSession | undefined> {
    if (!token) return undefined;
    const { rows } = await this.pool.query<{
      actor: Actor;
      csrf_token: string;
      signed_in_at: Date;
      id_token: string | null;
    }>(
      `update web_sessions set last_seen_at = $2
        where token_hash = $1 and expires_at > $2 and last_seen_at > $3
        returning actor, csrf_token, signed_in_at, id_token`,
      [hashOf(token), now, new Date(now.getTime() - this.config.web.sessionIdleMs)],
    );
    const row = rows[0];
    return (
      row && {
        actor: row.actor,
        csrfToken: row.csrf_token,
        signedInAt: row.signed_in_at,
        ...(row.id_token && { idToken: row.id_token }),
      }
    );
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.pool.query(`delete from web_sessions where token_hash = $1`, [hashOf(token)]);
  }
}

/** Compares a form's CSRF token with the expected one (the session's) in constant time. */
export function csrfTokenMatches(expectedToken: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(expectedToken);
  const actual = Buffer.from(sent);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
