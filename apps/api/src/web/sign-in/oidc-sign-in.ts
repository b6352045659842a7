import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OidcConfig } from '@windscreen/config';
import type { Actor } from '@windscreen/identity';
import { WEB_PREFIX } from '../web-paths';
import { actorFromClaims } from './oidc-claims';

type OpenIdClient = typeof import('openid-client');

/** What the browser carries (in a short-lived HttpOnly cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * OpenID Connect authorization code flow with PKCE against the council's identity provider
 * (openid-client). The provider's metadata is discovered on first use and kept. A provider on
 * plain http is accepted only outside production (a local or test provider).
 */
@Injectable()
export class OidcSignIn {
  private configuration?: Promise<{ client: OpenIdClient; server: import('openid-client').Configuration }>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.web.oidc !== undefined;
  }

  private get oidc(): OidcConfig {
    if (!this.config.web.oidc) throw new Error('No identity provider is configured (OIDC_ISSUER)');
    return this.config.web.oidc;
  }

  private discover() {
    this.configuration ??= (async () => {
      // openid-client is an ES module only.
      const client: OpenIdClient = await import('openid-client');
      const { issuer, clientId, clientSecret } = this.oidc;
      const insecure = !this.config.production && issuer.startsWith('http:');
      const server = await client.discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        undefined,
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      return { client, server };
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const { client, server } = await this.discover();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(server, {
      redirect_uri: this.oidc.redirectUrl,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The provider's answer (the callback's query string): checks state, nonce and the ID token, and maps its claims. */
  async finish(query: string, pending: PendingSignIn): Promise<{ actor: Actor; idToken?: string }> {
    const { client, server } = await this.discover();
    const callback = new URL(this.oidc.redirectUrl);
    callback.search = query;
    const tokens = await client.authorizationCodeGrant(server, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return { actor: actorFromClaims({ ...tokens.claims() }, this.oidc), idToken: tokens.id_token };
  }

  /** Where the provider sends the browser after it has signed them out: a page of this service, beside the callback. */
  get signedOutUrl(): string {
    return new URL(`${WEB_PREFIX}/signed-out`, this.oidc.redirectUrl).href;
  }

  /**
   * RP-initiated logout: the provider's end-session address that also ends the person's session
   * there, or undefined when the provider offers none (then only this service's session ends).
   */
  async endSessionUrl(idToken: string): Promise<string | undefined> {
    const { client, server } = await this.discover();
    if (!server.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(server, { id_token_hint: idToken, post_logout_redirect_uri: this.signedOutUrl })
      .href;
  }
}
