/**
 * Login requests (PKCE verifier, state) kept in memory between "Log in" and "complete", by a
 * random id. Nothing is persisted; entries expire after 15 minutes and are single use.
 */
import { randomBytes } from 'crypto';
import type { LoginRequest } from '../../src/cloud';

export const LOGIN_TTL_MS = 15 * 60_000;
/** A runaway editor must not grow this without bound. */
const MAX_PENDING = 50;

export class LoginStore {
  private readonly pending = new Map<string, LoginRequest>();

  constructor(
    private readonly ttlMs = LOGIN_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  add(request: LoginRequest): string {
    this.prune();
    while (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
    }
    const id = randomBytes(16).toString('base64url');
    this.pending.set(id, request);
    return id;
  }

  /** The request, if it exists and is fresh (not removed). */
  peek(id: unknown): LoginRequest | undefined {
    this.prune();
    return typeof id === 'string' ? this.pending.get(id) : undefined;
  }

  delete(id: string): void {
    this.pending.delete(id);
  }

  get size(): number {
    this.prune();
    return this.pending.size;
  }

  /** Lazy expiry: no timer to leak or to keep the process alive. */
  private prune(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, r] of this.pending) if (r.createdAt < limit) this.pending.delete(id);
  }
}
