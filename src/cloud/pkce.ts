/**
 * PKCE material and the authorize URL of the manual browser login (protocol.md §5.2 steps 1–2).
 */
import { createHash, randomBytes } from 'crypto';
import { APP_CLIENT_ID, APP_SCOPES, REDIRECT_URI, cloudEndpoints, type CloudRegion } from './endpoints';

/** Everything needed to finish a login later; plain JSON so an editor can keep it between requests. */
export interface LoginRequest {
  region: CloudRegion;
  /** PKCE verifier: stays on this side, sent only to the token endpoint. */
  verifier: string;
  challenge: string;
  state: string;
  nonce: string;
  /** Open this in a real browser. */
  authorizeUrl: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export function randomBase64url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** base64url(SHA-256(ASCII verifier)) without padding (RFC 7636 S256). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createLoginRequest(region: CloudRegion, env: Record<string, string | undefined> = process.env): LoginRequest {
  const verifier = randomBase64url(32);
  const challenge = pkceChallenge(verifier);
  const state = randomBase64url(16);
  const nonce = randomBase64url(16);
  const query = new URLSearchParams({
    response_type: 'code',
    prompt: 'login',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    client_id: APP_CLIENT_ID,
    scope: APP_SCOPES.join(' '),
    nonce,
    state,
    redirect_uri: REDIRECT_URI,
  });
  const { api } = cloudEndpoints(region, env);
  return {
    region,
    verifier,
    challenge,
    state,
    nonce,
    authorizeUrl: `${api}/security/oauth/authorize?${query.toString()}`,
    createdAt: Date.now(),
  };
}
