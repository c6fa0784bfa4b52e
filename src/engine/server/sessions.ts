/**
 * Server-side sessions: one engine session per login, found by its session token, renewed with its
 * master token. Statements of one session run one at a time, as on Snowflake's connection.
 */
import { randomBytes } from "node:crypto";
import type { EngineSession } from "../types.js";

/** Seconds a session token stays valid; the driver renews it with the master token after that. */
export const SESSION_TOKEN_VALIDITY_S = 3600;
export const MASTER_TOKEN_VALIDITY_S = 14400;

/** One logged-in client. */
export interface ServerSession {
  readonly id: number;
  readonly user: string;
  readonly engineSession: EngineSession;
  sessionToken: string;
  masterToken: string;
  sessionExpiresAt: number;
  masterExpiresAt: number;
  /** The tail of this session's statement queue. */
  queue: Promise<unknown>;
}

export type TokenLookup =
  | { status: "ok"; session: ServerSession }
  | { status: "missing" }
  | { status: "unknown" }
  | { status: "expired"; session: ServerSession };

export class SessionRegistry {
  private readonly bySessionToken = new Map<string, ServerSession>();
  private readonly byMasterToken = new Map<string, ServerSession>();
  private nextId = 1;

  constructor(
    /** Seconds a session token lives (the driver renews it); shorter in tests of renewal. */
    readonly sessionValidityS: number = SESSION_TOKEN_VALIDITY_S,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whole seconds until `session`'s master token expires, on the registry's clock. */
  masterSecondsLeft(session: ServerSession): number {
    return Math.max(0, Math.floor((session.masterExpiresAt - this.now()) / 1000));
  }

  get size(): number {
    return this.bySessionToken.size;
  }

  create(user: string, engineSession: EngineSession): ServerSession {
    const now = this.now();
    const session: ServerSession = {
      id: this.nextId++,
      user,
      engineSession,
      sessionToken: newToken("ST"),
      masterToken: newToken("MT"),
      sessionExpiresAt: now + this.sessionValidityS * 1000,
      masterExpiresAt: now + MASTER_TOKEN_VALIDITY_S * 1000,
      queue: Promise.resolve(),
    };
    this.bySessionToken.set(session.sessionToken, session);
    this.byMasterToken.set(session.masterToken, session);
    return session;
  }

  /** Finds the session an `Authorization: Snowflake Token="…"` header names. */
  bySession(authorization: string | undefined): TokenLookup {
    const token = tokenFromHeader(authorization);
    if (token === undefined) return { status: "missing" };
    const session = this.bySessionToken.get(token);
    if (!session) return { status: "unknown" };
    if (session.sessionExpiresAt <= this.now()) return { status: "expired", session };
    return { status: "ok", session };
  }

  /** Finds the session whose master token the header carries (token renewal). */
  byMaster(authorization: string | undefined): TokenLookup {
    const token = tokenFromHeader(authorization);
    if (token === undefined) return { status: "missing" };
    const session = this.byMasterToken.get(token);
    if (!session) return { status: "unknown" };
    if (session.masterExpiresAt <= this.now()) return { status: "expired", session };
    return { status: "ok", session };
  }

  /** Issues a fresh session token for `session`; the old one stops working. */
  renew(session: ServerSession): void {
    this.bySessionToken.delete(session.sessionToken);
    session.sessionToken = newToken("ST");
    session.sessionExpiresAt = this.now() + this.sessionValidityS * 1000;
    this.bySessionToken.set(session.sessionToken, session);
  }

  /** Forgets the session and closes its engine session. */
  async remove(session: ServerSession): Promise<void> {
    this.bySessionToken.delete(session.sessionToken);
    this.byMasterToken.delete(session.masterToken);
    await session.queue.catch(() => undefined);
    await session.engineSession.close();
  }

  /** Closes sessions whose master token has expired: clients that vanished without logging out. */
  async sweep(): Promise<number> {
    const now = this.now();
    const stale = [...this.byMasterToken.values()].filter((session) => session.masterExpiresAt <= now);
    await Promise.all(stale.map((session) => this.remove(session).catch(() => undefined)));
    return stale.length;
  }

  async closeAll(): Promise<void> {
    const sessions = [...new Set(this.bySessionToken.values()), ...this.byMasterToken.values()];
    await Promise.all([...new Set(sessions)].map((session) => this.remove(session).catch(() => undefined)));
  }
}

/** Runs `work` after everything already queued on the session. */
export function enqueue<T>(session: ServerSession, work: () => Promise<T>): Promise<T> {
  const run = session.queue.then(work, work);
  session.queue = run.catch(() => undefined);
  return run;
}

function newToken(prefix: string): string {
  return `${prefix}:${randomBytes(24).toString("base64url")}`;
}

/** `Snowflake Token="<token>"` → `<token>`. */
export function tokenFromHeader(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Snowflake\s+Token="([^"]*)"\s*$/i.exec(authorization.trim());
  return match?.[1] || undefined;
}
