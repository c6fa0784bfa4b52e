/**
 * Typed errors of the toolkit. Every error a user can cause carries a stable `code`, a message that
 * says what is wrong, where (`location`) and what to do (`hint`), and the underlying `cause`.
 * Only the CLI prints them; library code throws or returns them.
 */

/** Where a problem is: a file position, an object name, or both. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A Snowflake object, e.g. `WAREHOUSE MERCURIOS_DEV_WH` or `MERCURIOS_DATA.RAW.SALES`. */
  object?: string;
  /** A path inside a structured file, e.g. `environments.prod.connection.user`. */
  path?: string;
}

import type { ErrorCode } from "./codes.js";

export type { ErrorCode } from "./codes.js";

export interface MercuriosErrorOptions {
  hint?: string;
  location?: ErrorLocation;
  cause?: unknown;
}

export class MercuriosError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, message: string, options: MercuriosErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
  }

  /** One paragraph for people: where, what, and what to do (the message ends its sentence first). */
  describe(): string {
    const where = formatLocation(this.location);
    const message = this.hint ? endSentence(this.message) : this.message;
    const parts = [where ? `${where}: ${message}` : message];
    if (this.hint) parts.push(this.hint);
    return parts.join(" ");
  }
}

/**
 * A message ends its sentence before a hint follows it: a full stop is added unless it ends in one
 * already (or `!`, `?`); a closing `:` (a list follows on the next lines) becomes a full stop.
 */
export function endSentence(message: string): string {
  const text = message.trimEnd();
  if (/[.!?]$/.test(text)) return text;
  if (text.endsWith(":")) return `${text.slice(0, -1)}.`;
  return `${text}.`;
}

/** Renders `file:line:column (object)`, or an empty string when nothing is known. */
export function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return "";
  let text = "";
  if (location.file) {
    text = location.file;
    if (location.line !== undefined) {
      text += `:${location.line}`;
      if (location.column !== undefined) text += `:${location.column}`;
    }
  }
  if (location.path) text = text ? `${text} (${location.path})` : location.path;
  if (location.object) text = text ? `${text} [${location.object}]` : location.object;
  return text;
}

/** Invalid configuration: the config file, environment selection, or connection settings. */
export class ConfigError extends MercuriosError {}

/** Several problems found in one pass, reported together (config, declarations, discovery). */
export class ValidationError extends MercuriosError {
  readonly problems: readonly MercuriosError[];
  constructor(
    code: ErrorCode,
    summary: string,
    problems: readonly MercuriosError[],
    options: MercuriosErrorOptions = {},
  ) {
    super(code, summary, options);
    this.problems = problems;
  }
  override describe(): string {
    return [super.describe(), ...this.problems.map((p) => `  - ${p.describe()}`)].join("\n");
  }
}

/** A template failed to render: missing variable, unknown helper, bad partial. */
export class TemplateError extends MercuriosError {}

/** Reading the project files (migrations/, views/, roles/, monitors/) failed. */
export class ProjectError extends MercuriosError {}

/** Connecting to or talking with Snowflake or the local engine failed. */
export class DriverError extends MercuriosError {
  /** Snowflake error code such as `002003`, when the server gave one. */
  readonly sqlCode: string | undefined;
  readonly sqlState: string | undefined;
  readonly queryId: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options: MercuriosErrorOptions & { sqlCode?: string; sqlState?: string; queryId?: string } = {},
  ) {
    super(code, message, options);
    this.sqlCode = options.sqlCode;
    this.sqlState = options.sqlState;
    this.queryId = options.queryId;
  }
}

/** A migration failed; carries the script, statement index and version. */
export class MigrationError extends MercuriosError {
  readonly script: string | undefined;
  readonly version: string | undefined;
  readonly statementIndex: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options: MercuriosErrorOptions & { script?: string; version?: string; statementIndex?: number } = {},
  ) {
    super(code, message, options);
    this.script = options.script;
    this.version = options.version;
    this.statementIndex = options.statementIndex;
  }
}

/** Plan or apply could not proceed (unrenderable change, refused destructive step, failed step). */
export class PlanError extends MercuriosError {}

/** Turns anything thrown into a MercuriosError, keeping the original as `cause`. */
export function asMercuriosError(error: unknown): MercuriosError {
  if (error instanceof MercuriosError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MercuriosError("INTERNAL", message, {
    cause: error,
    hint: "This is a bug in mercurios; run again with --debug and report the stack trace.",
  });
}
