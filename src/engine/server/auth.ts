/**
 * Login checks for the Snowflake-protocol server: password, key-pair JWT (SNOWFLAKE_JWT), and
 * bearer tokens (OAUTH, PROGRAMMATIC_ACCESS_TOKEN). The user records come from an `AccountDirectory`,
 * so the server does not care where users are stored.
 */
import { createHash, createPublicKey, type KeyObject, timingSafeEqual, verify } from "node:crypto";

/** Where the server looks users up. The engine's account catalog provides the real one. */
export interface AccountDirectory {
  /** True when `user` exists, is enabled, and `password` is its password. */
  checkPassword(user: string, password: string): Promise<boolean>;
  /** The user's registered RSA public keys (RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_2): base64 DER or PEM. */
  publicKeys(user: string): Promise<string[]>;
  /** The user a bearer token (OAuth or programmatic access token) belongs to, if any. */
  userForToken?(token: string): Promise<string | undefined>;
}

/** What the login request carried, already pulled out of the body. */
export interface LoginCredentials {
  account: string;
  user: string;
  authenticator: string;
  password?: string;
  token?: string;
}

export type LoginOutcome = { ok: true; user: string } | { ok: false; message: string };

const INCORRECT = "Incorrect username or password was specified.";

/** Checks one login. Never echoes a credential in the outcome. */
export async function authenticate(
  directory: AccountDirectory,
  credentials: LoginCredentials,
): Promise<LoginOutcome> {
  const user = normaliseUser(credentials.user);
  if (!user) return { ok: false, message: INCORRECT };
  const authenticator = credentials.authenticator.toUpperCase();
  switch (authenticator) {
    case "":
    case "SNOWFLAKE":
    case "USERNAME_PASSWORD_MFA": {
      if (credentials.password === undefined) return { ok: false, message: INCORRECT };
      return (await directory.checkPassword(user, credentials.password))
        ? { ok: true, user }
        : { ok: false, message: INCORRECT };
    }
    case "SNOWFLAKE_JWT":
      return verifyKeyPairLogin(directory, user, credentials);
    case "OAUTH":
    case "PROGRAMMATIC_ACCESS_TOKEN": {
      const owner =
        credentials.token && directory.userForToken
          ? await directory.userForToken(credentials.token)
          : undefined;
      return owner !== undefined && normaliseUser(owner) === user
        ? { ok: true, user }
        : { ok: false, message: "Invalid OAuth access token." };
    }
    default:
      return { ok: false, message: `Authenticator '${authenticator}' is not supported by the local server.` };
  }
}

/** Login names are case-insensitive in Snowflake unless quoted; the server upper-cases them. */
function normaliseUser(user: string): string {
  return user.trim().toUpperCase();
}

async function verifyKeyPairLogin(
  directory: AccountDirectory,
  user: string,
  credentials: LoginCredentials,
): Promise<LoginOutcome> {
  const failed: LoginOutcome = { ok: false, message: "JWT token is invalid." };
  const token = credentials.token;
  if (!token) return failed;
  const parts = token.split(".");
  if (parts.length !== 3) return failed;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonPart(headerPart);
  const payload = decodeJsonPart(payloadPart);
  if (!header || !payload || header.alg !== "RS256") return failed;
  const account = credentials.account.toUpperCase();
  if (payload.sub !== `${account}.${user}`) return failed;
  if (!isUnexpired(payload.exp)) return { ok: false, message: "JWT token has expired." };
  const issuer = typeof payload.iss === "string" ? payload.iss : "";
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, "base64url");
  for (const text of await directory.publicKeys(user)) {
    const key = parsePublicKey(text);
    if (!key) continue;
    // The issuer names the key's fingerprint, as Snowflake requires.
    if (issuer !== `${account}.${user}.${publicKeyFingerprint(key)}`) continue;
    if (verify("RSA-SHA256", signed, key, signature)) return { ok: true, user };
  }
  return failed;
}

/** `SHA256:<base64 of the DER public key's digest>`, Snowflake's RSA_PUBLIC_KEY_FP. */
export function publicKeyFingerprint(key: KeyObject): string {
  const der = key.export({ format: "der", type: "spki" });
  return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
}

function parsePublicKey(text: string): KeyObject | undefined {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith("-----")) return createPublicKey(trimmed);
    return createPublicKey({
      key: Buffer.from(trimmed.replace(/\s+/g, ""), "base64"),
      format: "der",
      type: "spki",
    });
  } catch {
    return undefined;
  }
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** snowflake-sdk writes `exp` in milliseconds, the JWT standard in seconds: accept both. */
function isUnexpired(exp: unknown): boolean {
  if (typeof exp !== "number") return false;
  const expiresAtMs = exp > 1e12 ? exp : exp * 1000;
  return expiresAtMs > Date.now();
}

/** Compares secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The directory of a fresh local engine until the account catalog answers: one user, ADMIN, with
 * password `admin` (local-only, documented), plus whatever tokens the caller registers.
 */
export function builtinDirectory(tokens: Record<string, string> = {}): AccountDirectory {
  return {
    async checkPassword(user, password) {
      return user === "ADMIN" && sameSecret(password, "admin");
    },
    async publicKeys() {
      return [];
    },
    async userForToken(token) {
      for (const [candidate, owner] of Object.entries(tokens)) {
        if (sameSecret(candidate, token)) return owner;
      }
      return undefined;
    },
  };
}
