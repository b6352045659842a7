import * as jwt from 'jsonwebtoken';
import { InvalidToken, signToken, TokenPolicy, TokenVerifier } from './tokens';

const SECRET = 'unit-test-secret-for-token-verification-0123456789';
const CLAIMS = {
  sub: 'alice',
  name: 'Alice Smith',
  roles: ['case_worker' as const],
  agency: 'Early Help',
  team: 'north',
};

const rejectionOf = (verify: () => unknown): string | undefined => {
  try {
    verify();
    return undefined;
  } catch (error) {
    return error instanceof InvalidToken ? error.reason : `not an InvalidToken: ${String(error)}`;
  }
};

describe('TokenVerifier: a token verified once is remembered, never past its expiry', () => {
  let now: number;
  beforeEach(() => {
    now = Date.now();
  });

  it('Given a token verified once, When it comes again before it expires, Then it is the same actor', () => {
    const verifier = new TokenVerifier(SECRET, 10, () => now);
    const token = signToken(CLAIMS, SECRET, 60);
    const first = verifier.verify(token);
    now += 30_000;
    expect(verifier.verify(token)).toEqual(first);
    expect(first).toMatchObject({ id: 'alice', role: 'case_worker', team: 'north' });
  });

  it('Given a token verified and remembered, When its expiry passes, Then it is refused as expired', () => {
    const verifier = new TokenVerifier(SECRET, 10, () => now);
    const token = signToken(CLAIMS, SECRET, 60);
    verifier.verify(token);
    now += 61_000;
    expect(rejectionOf(() => verifier.verify(token))).toBe('expired');
  });

  it('Given more tokens than it remembers, When the first comes back after its expiry, Then it is still refused', () => {
    const verifier = new TokenVerifier(SECRET, 2, () => now);
    const tokens = ['a', 'b', 'c'].map((sub) => signToken({ ...CLAIMS, sub }, SECRET, 60));
    expect(tokens.map((token) => verifier.verify(token).id)).toEqual(['a', 'b', 'c']);
    now += 61_000;
    expect(tokens.map((token) => rejectionOf(() => verifier.verify(token)))).toEqual(['expired', 'expired', 'expired']);
  });

  it('Given a token signed with another secret, When sent twice, Then it is refused both times', () => {
    const verifier = new TokenVerifier(SECRET, 10, () => now);
    const forged = signToken(CLAIMS, 'another-secret-of-at-least-thirty-two-characters', 60);
    expect([rejectionOf(() => verifier.verify(forged)), rejectionOf(() => verifier.verify(forged))]).toEqual([
      'bad-signature',
      'bad-signature',
    ]);
  });

  it('Given a token not valid before a time, When sent early and then on time, Then it is refused and then accepted', () => {
    const verifier = new TokenVerifier(SECRET, 10, () => now);
    const token = jwt.sign({ roles: CLAIMS.roles }, SECRET, {
      algorithm: 'HS256',
      subject: 'alice',
      expiresIn: 120,
      notBefore: 60,
    });
    expect(rejectionOf(() => verifier.verify(token))).toBe('not-yet-valid');
    now += 61_000;
    expect(verifier.verify(token).id).toBe('alice');
  });
});

describe('TokenVerifier: the token policy (exp required, a longest lifetime, issuer and audience when configured)', () => {
  const policy: TokenPolicy = { maxLifetimeSeconds: 12 * 3600 };
  const verifier = (withPolicy = policy) => new TokenVerifier(SECRET, 10, Date.now, withPolicy);
  const sign = (options: jwt.SignOptions) =>
    jwt.sign({ roles: CLAIMS.roles }, SECRET, { algorithm: 'HS256', subject: 'alice', ...options });

  it('Given a token without exp, When verified, Then it is refused as having no expiry', () => {
    expect(rejectionOf(() => verifier().verify(sign({})))).toBe('no-expiry');
  });

  it('Given tokens living 12 hours and 12 hours and a minute, When verified, Then the first is accepted and the second refused', () => {
    expect(verifier().verify(sign({ expiresIn: 12 * 3600 })).id).toBe('alice');
    expect(rejectionOf(() => verifier().verify(sign({ expiresIn: 12 * 3600 + 60 })))).toBe('lifetime-too-long');
  });

  it('Given a long-lived token without iat, When verified, Then its lifetime counts from now and it is refused', () => {
    expect(rejectionOf(() => verifier().verify(sign({ expiresIn: 13 * 3600, noTimestamp: true })))).toBe(
      'lifetime-too-long',
    );
  });

  it('Given an issuer and audience configured, When tokens with other or no iss/aud come, Then they are refused; the minted one is accepted', () => {
    const strict = verifier({ ...policy, issuer: 'https://idp.example', audience: 'windscreen' });
    expect(
      rejectionOf(() => strict.verify(sign({ expiresIn: 60, issuer: 'https://evil.example', audience: 'windscreen' }))),
    ).toBe('wrong-issuer');
    expect(
      rejectionOf(() => strict.verify(sign({ expiresIn: 60, issuer: 'https://idp.example', audience: 'another-app' }))),
    ).toBe('wrong-audience');
    expect(rejectionOf(() => strict.verify(sign({ expiresIn: 60 })))).toMatch(/^wrong-(issuer|audience)$/);
    expect(
      strict.verify(signToken(CLAIMS, SECRET, 60, { issuer: 'https://idp.example', audience: 'windscreen' })).id,
    ).toBe('alice');
  });
});
