/**
 * The query log every driver keeps: one entry per round trip, with secrets masked before the SQL is
 * stored, so nothing that reads the log (reports, --debug output) can leak a password.
 */
import { maskSecretValues } from "../engine/secrets.js";
import type { QueryLogEntry } from "./types.js";

const MASK = "****";

/**
 * Literal secrets in SQL: `PASSWORD = '…'`, `TOKEN = '…'`, `PRIVATE_KEY… = '…'`, `SECRET = '…'`,
 * `ENCRYPTION/PASSPHRASE = '…'`, `IDENTIFIED BY '…'`.
 */
const SECRET_ASSIGNMENT =
  /\b((?:\w*PASSWORD|\w*TOKEN|\w*SECRET\w*|PRIVATE_KEY\w*|\w*PASSPHRASE|MASTER_KEY|AWS_KEY_ID|AWS_SECRET_KEY)\s*(?:=|=>)\s*|IDENTIFIED\s+BY\s+)'(?:[^']|'')*'/gi;

/**
 * Masks secret literals and any of the given secret values in `text`, the values in any letter
 * case and however quoted (the engine's own masking: an error may echo a value upper-cased).
 */
export function maskSecrets(text: string, secrets: readonly string[] = []): string {
  const masked = text.replace(SECRET_ASSIGNMENT, (_match, prefix: string) => `${prefix}'${MASK}'`);
  return maskSecretValues(masked, secrets);
}

/** An append-only list of round trips. */
export class QueryLog {
  readonly entries: QueryLogEntry[] = [];
  constructor(private readonly secrets: readonly string[] = []) {}

  record(entry: QueryLogEntry): void {
    this.entries.push({
      ...entry,
      sql: maskSecrets(entry.sql, this.secrets),
      ...(entry.error === undefined ? {} : { error: maskSecrets(entry.error, this.secrets) }),
    });
  }

  /** Records one round trip that began at `started` (a `performance.now()` reading). */
  roundTrip(
    sql: string,
    started: number,
    queryIds: string[],
    ok: boolean,
    statementCount: number,
    queryTag: string | undefined,
    error?: string,
  ): void {
    this.record({
      sql,
      queryIds,
      durationMs: performance.now() - started,
      ok,
      statementCount,
      ...(queryTag ? { queryTag } : {}),
      ...(error === undefined ? {} : { error }),
    });
  }

  mask(text: string): string {
    return maskSecrets(text, this.secrets);
  }
}
