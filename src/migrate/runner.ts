/**
 * The migration runner: umzug drives the scripts, the change history is its storage, and each script
 * goes to the account in one round trip together with its history row.
 */
import { Umzug } from "umzug";
import { BatchError } from "../driver/errors.js";
import { SnowflakeError, type SplitStatement, splitStatements } from "../engine/split/index.js";
import { type ErrorCode, MercuriosError, MigrationError } from "../errors/index.js";
import { compareVersions, normaliseVersion } from "../project/migrations/naming.js";
import type { PreparedMigrations, PreparedScript } from "../project/migrations/prepare.js";
import { quoteIdentifier } from "../template/sql.js";
import {
  APPLIED_STATUSES,
  type HistoryRow,
  type HistoryStatus,
  insertHistorySql,
  latestRows,
} from "./history.js";
import {
  LockedSession,
  type LockOptions,
  type MigrationTarget,
  type RunIdentity,
  readHistory,
} from "./session.js";
import { computeStatus, migrationName, type ScriptStatus } from "./status.js";
import { ChangeHistoryStorage, type HistoryLog, MemoryHistoryLog } from "./storage.js";

/** A script that ran (or, in a dry run, would run). */
export interface ScriptRun {
  key: string;
  script: string;
  kind: PreparedScript["script"]["kind"];
  version: string | null;
  description: string;
  /** 1-based statement it started at (above 1 when resuming a failed run). */
  startStatement: number;
  statementCount: number;
  queryIds: string[];
  durationMs: number;
  /** Masked SQL as sent (session setup and the script's statements), for dry runs and logs. */
  sql: string;
}

export interface UpOptions {
  /** Apply versioned scripts up to and including this version; repeatables and always-scripts then wait. */
  to?: string;
  /** Apply pending versions older than the newest applied one. */
  outOfOrder?: boolean;
  /** Report the exact SQL that would run, masked, and change nothing. */
  dryRun?: boolean;
  /** Told when each script starts and when it has run (or failed), with its number among the pending ones. */
  onScript?: (event: ScriptEvent) => void;
}

/** A script starting or finishing during `migrate up` (not sent for dry runs). */
export interface ScriptEvent {
  phase: "start" | "done" | "failed";
  /** 1-based number among the scripts this run applies. */
  index: number;
  total: number;
  script: string;
  /** The finished script's run (done), or the error (failed). */
  run?: ScriptRun;
  error?: unknown;
}

export interface UpReport {
  environment: string;
  runId: string;
  dryRun: boolean;
  /** Scripts applied (or that would be), in order. */
  scripts: ScriptRun[];
  warnings: string[];
}

const STATEMENT_TYPE: Record<PreparedScript["script"]["kind"], string> = {
  versioned: "V",
  repeatable: "R",
  always: "A",
  undo: "U",
};

/** Statements that put a script's session where it starts: the environment's database and the script's schema. */
function sessionSetup(target: MigrationTarget, prepared: PreparedScript): string[] {
  const out: string[] = [];
  const database = target.database ? quoteIdentifier(target.database.toUpperCase()) : null;
  if (database) out.push(`USE DATABASE ${database}`);
  const schema = prepared.script.schema;
  if (schema)
    out.push(`USE SCHEMA ${database ? `${database}.` : ""}${quoteIdentifier(schema.toUpperCase())}`);
  return out;
}

/** The history row of a script with the given status (its rank, run and checksums filled in). */
export function historyRow(
  target: MigrationTarget,
  identity: RunIdentity,
  prepared: PreparedScript,
  status: HistoryStatus,
  rank: number,
  extra: Partial<HistoryRow> = {},
): HistoryRow {
  return {
    rank,
    migration: migrationName(prepared, identity.runId),
    scriptKey: prepared.script.key,
    version: prepared.script.version,
    description: prepared.script.description,
    script: prepared.script.scriptName,
    scriptType: STATEMENT_TYPE[prepared.script.kind],
    schemaName: prepared.script.schema,
    environment: target.environment,
    checksum: prepared.checksum,
    templateChecksum: prepared.templateChecksum,
    status,
    errorMessage: null,
    failedStatement: null,
    queryIds: [],
    executionTimeMs: null,
    installedBy: null,
    installedOn: null,
    runId: identity.runId,
    ...extra,
  };
}

/** Where a script starts: after the failed statement's predecessors if it failed and is unchanged. */
function resumePoint(prepared: PreparedScript, rows: readonly HistoryRow[], warnings: string[]): number {
  const latest = latestRows(rows).get(prepared.script.key);
  if (latest?.status !== "FAILED" || latest.failedStatement === null) return 0;
  if (latest.checksum === prepared.checksum) return latest.failedStatement - 1;
  if (latest.failedStatement > 1) {
    warnings.push(
      `${prepared.script.path} was edited after it failed at statement ${latest.failedStatement}; restarting it from statement 1 although statements 1-${latest.failedStatement - 1} already ran (make them re-runnable, e.g. IF NOT EXISTS / OR REPLACE)`,
    );
  }
  return 0;
}

function unwrap(error: unknown): unknown {
  // umzug wraps what a migration throws in its own MigrationError; ours is the cause.
  let current = error;
  while (!(current instanceof MercuriosError) && current instanceof Error && current.cause !== undefined) {
    current = current.cause;
  }
  return current instanceof MercuriosError ? current : error;
}

/** Problems that stop `migrate up` before anything runs: edited applied scripts, out-of-order versions. */
export function preflight(statuses: readonly ScriptStatus[], options: UpOptions): MigrationError[] {
  const problems: MigrationError[] = [];
  for (const s of statuses) {
    if (s.state === "changed") problems.push(checksumProblem(s));
    if (s.state === "out-of-order" && !options.outOfOrder) {
      problems.push(
        new MigrationError(
          "OUT_OF_ORDER",
          `version ${s.version} is pending but older than the newest applied version (${s.reason.replace(/^older than the newest applied version /, "")})`,
          {
            location: { file: s.script },
            ...(s.version === null ? {} : { version: s.version }),
            script: s.script,
            hint: "Run with --out-of-order to apply it anyway, or give it a newer version.",
          },
        ),
      );
    }
  }
  return problems;
}

/** The error `validate` and `up` give for an applied versioned script that was edited. */
export function checksumProblem(s: ScriptStatus): MigrationError {
  return new MigrationError(
    "CHECKSUM_MISMATCH",
    `applied script was edited: template checksum ${s.recordedTemplateChecksum} recorded, ${s.templateChecksum} on disk`,
    {
      location: { file: s.script },
      script: s.script,
      ...(s.version === null ? {} : { version: s.version }),
      hint: "Revert the edit and put the change in a new version, or run `mercurios migrate repair` to accept the file as applied.",
    },
  );
}

/**
 * A script's statements. An unterminated string, quoted identifier, comment or `$$` body stops the
 * script before any of it runs, naming the file and the line where the unclosed text starts (on
 * Snowflake the whole script would fail to parse; running the part before it would record SUCCESS).
 */
function scriptStatements(p: PreparedScript, text: "sql" | "maskedSql"): SplitStatement[] {
  try {
    return splitStatements(text === "sql" ? p.sql : p.maskedSql);
  } catch (error) {
    if (!(error instanceof SnowflakeError)) throw error;
    const detail = error.message.replace(/^SQL compilation error:\n/, "");
    throw new MigrationError("MIGRATION_SYNTAX", `script does not parse: ${detail}`, {
      location: { file: p.script.path, ...(error.line === undefined ? {} : { line: error.line }) },
      script: p.script.path,
      ...(p.script.version === null ? {} : { version: p.script.version }),
      hint: "Close the string, quoted name, comment or $$ body, then run migrate up again; nothing of this script ran.",
      cause: error,
    });
  }
}

function throwAll(problems: MercuriosError[], code: ErrorCode, summary: string): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw new MigrationError(code, `${summary}:\n${problems.map((p) => `  - ${p.describe()}`).join("\n")}`, {
      hint: "Fix each script listed and run again.",
    });
  }
}

/** The versioned script a `--to` version names (the last in run order when several schemas share it). */
export function targetScript(prepared: PreparedMigrations, to: string): PreparedScript {
  const parts = normaliseVersion(to);
  const matches = prepared.versioned.filter((p) => compareVersions(p.script.versionParts ?? [], parts) === 0);
  if (!/^\d+(?:[._]\d+)*$/.test(to) || matches.length === 0) {
    throw new MigrationError("UNKNOWN_VERSION", `no versioned script has version ${to}`, {
      hint: "Pass a version of a V script of this environment, e.g. --to 1.2.",
    });
  }
  return matches[matches.length - 1]!;
}

/** umzug over a list of scripts and a history log. */
function makeUmzug(
  list: readonly PreparedScript[],
  log: HistoryLog,
  target: MigrationTarget,
  identity: RunIdentity,
  up: (p: PreparedScript) => Promise<void>,
  down?: (p: PreparedScript) => Promise<void>,
): Umzug {
  const byName = new Map(list.map((p) => [migrationName(p, identity.runId), p]));
  return new Umzug({
    migrations: list.map((p) => ({
      name: migrationName(p, identity.runId),
      path: p.script.path,
      up: () => up(p),
      ...(down ? { down: () => down(p) } : {}),
    })),
    storage: new ChangeHistoryStorage(log, (name, status, rank) =>
      historyRow(target, identity, byName.get(name)!, status, rank),
    ),
    logger: undefined,
  });
}

/** `migrate up`: applies pending scripts under the lock, or (dry run) reports what would run. */
export async function migrateUp(
  prepared: PreparedMigrations,
  target: MigrationTarget,
  identity: RunIdentity,
  lock: LockOptions,
  options: UpOptions = {},
): Promise<UpReport> {
  const warnings: string[] = [];
  const list = [...prepared.versioned, ...prepared.repeatable, ...prepared.always];
  const toName = options.to ? migrationName(targetScript(prepared, options.to), identity.runId) : undefined;
  const report: UpReport = {
    environment: target.environment,
    runId: identity.runId,
    dryRun: options.dryRun === true,
    scripts: [],
    warnings,
  };

  if (options.dryRun) {
    const { rows } = await readHistory(target);
    throwAll(preflight(computeStatus(prepared, rows), options), "MIGRATE_BLOCKED", "migrate up would stop");
    const log = new MemoryHistoryLog(rows);
    const umzug = makeUmzug(list, log, target, identity, async () => {});
    const pending = await umzug.pending();
    const names = pending.map((m) => m.name);
    const stop = toName ? names.indexOf(toName) : names.length - 1;
    const byName = new Map(list.map((p) => [migrationName(p, identity.runId), p]));
    for (const name of names.slice(0, stop + 1)) {
      const p = byName.get(name)!;
      const start = resumePoint(p, rows, warnings);
      const statements = scriptStatements(p, "maskedSql").slice(start);
      report.scripts.push({
        ...scriptRunBase(p, start, statements.length),
        sql: [...sessionSetup(target, p), ...statements.map((s) => s.text)].map((s) => `${s};`).join("\n"),
      });
    }
    return report;
  }

  const session = await LockedSession.open(target, identity, lock);
  try {
    throwAll(
      preflight(computeStatus(prepared, session.rows()), options),
      "MIGRATE_BLOCKED",
      "migrate up stopped before running anything",
    );
    let total = 0;
    const apply = async (p: PreparedScript) => {
      const index = report.scripts.length + 1;
      const base = { index, total, script: p.script.path };
      options.onScript?.({ ...base, phase: "start" });
      try {
        const run = await applyScript(session, p, warnings);
        report.scripts.push(run);
        options.onScript?.({ ...base, phase: "done", run });
      } catch (error) {
        options.onScript?.({ ...base, phase: "failed", error });
        throw error;
      }
    };
    const umzug = makeUmzug(list, session, target, identity, apply);
    if (options.onScript) {
      const names = (await umzug.pending()).map((m) => m.name);
      total = toName && names.includes(toName) ? names.indexOf(toName) + 1 : names.length;
    }
    if (toName && (await umzug.executed()).some((m) => m.name === toName)) {
      warnings.push(`version ${options.to} is already applied; nothing to do up to it`);
    } else {
      try {
        await umzug.up(toName ? { to: toName } : {});
      } catch (error) {
        throw unwrap(error);
      }
    }
  } finally {
    await session.release();
  }
  return report;
}

function scriptRunBase(p: PreparedScript, start: number, count: number): Omit<ScriptRun, "sql"> {
  return {
    key: p.script.key,
    script: p.script.path,
    kind: p.script.kind,
    version: p.script.version,
    description: p.script.description,
    startStatement: start + 1,
    statementCount: count,
    queryIds: [],
    durationMs: 0,
  };
}

/**
 * Runs one script (from its resume point) and writes its history row in the same round trip. On a
 * failing statement, records a FAILED row with the statement's number and the error, then throws.
 */
async function applyScript(
  session: LockedSession,
  p: PreparedScript,
  warnings: string[],
): Promise<ScriptRun> {
  const { target, identity } = session;
  const start = resumePoint(p, session.rows(), warnings);
  const all = scriptStatements(p, "sql");
  const masked = scriptStatements(p, "maskedSql");
  const statements = all.slice(start).map((s) => s.text);
  const setup = sessionSetup(target, p);
  const row = historyRow(target, identity, p, "SUCCESS", session.nextRank());
  const batch = [...setup, ...statements, ...session.restore, insertHistorySql(target.location, row)];
  const sql = [...setup, ...masked.slice(start).map((s) => s.text)].map((s) => `${s};`).join("\n");
  try {
    const sent = await session.send(batch, p.script.path);
    const queryIds = sent.results.slice(setup.length, setup.length + statements.length).map((r) => r.queryId);
    session.noteWritten([row]);
    session.completeLater(row.rank, queryIds, sent.durationMs);
    return { ...scriptRunBase(p, start, statements.length), queryIds, durationMs: sent.durationMs, sql };
  } catch (error) {
    if (!(error instanceof BatchError) || error.completed === undefined) throw error;
    if (error.completed >= setup.length + statements.length) {
      // Every statement ran; only the history row failed. Record it on its own.
      await session.append([row]);
      return { ...scriptRunBase(p, start, statements.length), sql };
    }
    const inScript = Math.max(0, error.completed - setup.length);
    const number = start + inScript + 1;
    const failed = masked[number - 1];
    const message = error.message.replace(/^Statement \d+ of \d+ failed: /, "").slice(0, 4000);
    const where =
      error.completed < setup.length
        ? `setting up the session (${setup[error.completed]})`
        : `statement ${number} of ${all.length}${failed ? ` (line ${failed.line})` : ""}`;
    await session.append([
      historyRow(target, identity, p, "FAILED", session.nextRank(), {
        errorMessage: message,
        failedStatement: number,
        queryIds: error.results.slice(setup.length).map((r) => r.queryId),
      }),
    ]);
    throw new MigrationError("MIGRATION_FAILED", `${where} failed: ${message}`, {
      location: {
        file: p.script.path,
        ...(failed && error.completed >= setup.length ? { line: failed.line } : {}),
      },
      script: p.script.path,
      ...(p.script.version === null ? {} : { version: p.script.version }),
      statementIndex: number - 1,
      hint:
        error.completed < setup.length
          ? `Nothing of the script ran: its database or schema does not exist (or the role cannot use it). \`mercurios up\` creates the declared database and schemas, then runs the migrations: use it on a fresh engine or account, or create them first. Recorded as FAILED at statement 1; the next run starts the script from statement 1.`
          : `Recorded as FAILED at statement ${number}. Fix the cause and run \`mercurios migrate up\` again: an unchanged script resumes at statement ${number}, an edited one restarts from statement 1.`,
      cause: error,
    });
  }
}

export interface DownReport {
  environment: string;
  runId: string;
  /** Undo scripts run, newest version first. */
  scripts: ScriptRun[];
}

/**
 * `migrate down`: runs undo scripts newest first. Without `to`, reverts the newest applied version;
 * with `to`, every applied version above it (`to` itself stays applied; `0` reverts all).
 */
export async function migrateDown(
  prepared: PreparedMigrations,
  target: MigrationTarget,
  identity: RunIdentity,
  lock: LockOptions,
  options: { to?: string } = {},
): Promise<DownReport> {
  const report: DownReport = { environment: target.environment, runId: identity.runId, scripts: [] };
  // Checked before anything is read: a version that is not one compares as NaN, which would put
  // every applied script "above" it and revert them all.
  if (options.to !== undefined && !/^\d+(?:[._]\d+)*$/.test(options.to)) {
    throw new MigrationError("UNKNOWN_VERSION", `--to '${options.to}' is not a version`, {
      hint: "Pass the version to go back to, e.g. --to 1.2 (or --to 0 to revert every version). Nothing was reverted.",
    });
  }
  const session = await LockedSession.open(target, identity, lock);
  try {
    const latest = latestRows(session.rows());
    const applied = prepared.versioned.filter((p) => {
      const row = latest.get(p.script.key);
      return row !== undefined && APPLIED_STATUSES.includes(row.status);
    });
    const toParts = options.to === undefined ? null : normaliseVersion(options.to);
    const revert =
      toParts === null
        ? applied.slice(-1)
        : applied.filter((p) => compareVersions(p.script.versionParts ?? [], toParts) > 0);
    const missing = revert.filter((p) => !prepared.undo.has(p.script.key));
    if (missing.length > 0) {
      throw new MigrationError(
        "UNDO_MISSING",
        `no undo script for ${missing.map((p) => `${p.script.path} (U${p.script.version}__…)`).join(", ")}`,
        {
          location: { file: missing[0]!.script.path },
          hint: "Write a U<version>__<description>.sql beside each versioned script to revert, then run again. Nothing was reverted.",
        },
      );
    }
    if (revert.length === 0) return report;
    const undo = async (p: PreparedScript) => {
      report.scripts.push(await applyUndo(session, p, prepared.undo.get(p.script.key)!));
    };
    const umzug = makeUmzug(prepared.versioned, session, target, identity, async () => {}, undo);
    try {
      const oldest = revert[0]!;
      await umzug.down(toParts === null ? { step: 1 } : { to: migrationName(oldest, identity.runId) });
    } catch (error) {
      throw unwrap(error);
    }
  } finally {
    await session.release();
  }
  return report;
}

/** Runs an undo script and marks its version UNDONE in the same round trip. */
async function applyUndo(
  session: LockedSession,
  versioned: PreparedScript,
  undo: PreparedScript,
): Promise<ScriptRun> {
  const { target, identity } = session;
  const statements = scriptStatements(undo, "sql").map((s) => s.text);
  const masked = scriptStatements(undo, "maskedSql");
  const setup = sessionSetup(target, undo);
  const row: HistoryRow = {
    ...historyRow(target, identity, versioned, "UNDONE", session.nextRank()),
    script: undo.script.scriptName,
    checksum: undo.checksum,
    templateChecksum: undo.templateChecksum,
  };
  const sql = [...setup, ...masked.map((s) => s.text)].map((s) => `${s};`).join("\n");
  try {
    const sent = await session.send(
      [...setup, ...statements, ...session.restore, insertHistorySql(target.location, row)],
      undo.script.path,
    );
    const queryIds = sent.results.slice(setup.length, setup.length + statements.length).map((r) => r.queryId);
    session.noteWritten([row]);
    session.completeLater(row.rank, queryIds, sent.durationMs);
    return { ...scriptRunBase(undo, 0, statements.length), queryIds, durationMs: sent.durationMs, sql };
  } catch (error) {
    if (!(error instanceof BatchError) || error.completed === undefined) throw error;
    const number = Math.max(0, error.completed - setup.length) + 1;
    const message = error.message.replace(/^Statement \d+ of \d+ failed: /, "").slice(0, 4000);
    // Recorded under the undo script's own key: the version stays applied, and `up` won't resume into it.
    await session.append([
      historyRow(target, identity, undo, "FAILED", session.nextRank(), {
        errorMessage: message,
        failedStatement: number,
      }),
    ]);
    throw new MigrationError(
      "UNDO_FAILED",
      `statement ${number} of ${statements.length} failed: ${message}`,
      {
        location: {
          file: undo.script.path,
          ...(masked[number - 1] ? { line: masked[number - 1]!.line } : {}),
        },
        script: undo.script.path,
        ...(undo.script.version === null ? {} : { version: undo.script.version }),
        statementIndex: number - 1,
        hint: `Version ${versioned.script.version} is still recorded as applied; statements before ${number} already ran. Fix the undo script and run \`mercurios migrate down\` again.`,
        cause: error,
      },
    );
  }
}
