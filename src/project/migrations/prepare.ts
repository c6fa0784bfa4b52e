/**
 * Renders a project's scripts for one environment and puts them in run order, with both checksums.
 * The template engine is passed in (the API gives it the template module's renderer), so this module
 * stays a pure function of files, vars and secrets.
 */
import { MercuriosError, ValidationError } from "../../errors/index.js";
import { scriptChecksum } from "./checksum.js";
import { type MigrationScript, scriptsForEnvironment } from "./discover.js";
import { orderRepeatables, sortAlways, sortByVersion } from "./order.js";

/**
 * Renders one script for the environment: the SQL to run and the same SQL with secrets masked.
 * Throws `TemplateError` with file:line on a missing var or bad helper.
 */
export type ScriptRenderer = (script: MigrationScript) => { sql: string; masked: string };

/** A script rendered for one environment. */
export interface PreparedScript {
  script: MigrationScript;
  /** The SQL to run. Holds secret values: never print it; print `maskedSql`. */
  sql: string;
  /** The SQL with secret values replaced by the mask: for dry runs, logs and the checksum. */
  maskedSql: string;
  /** SHA-256 of the rendered text with secrets masked. */
  checksum: string;
  /** SHA-256 of the template as written. */
  templateChecksum: string;
}

/** Every script of one environment, rendered and in run order. */
export interface PreparedMigrations {
  environment: string;
  /** Versioned scripts by version (ties by schema order). */
  versioned: PreparedScript[];
  /** Repeatables in dependency order. */
  repeatable: PreparedScript[];
  always: PreparedScript[];
  /** Undo scripts by version, keyed like their versioned script (`RAW/V1.2`). */
  undo: Map<string, PreparedScript>;
}

export interface PrepareOptions {
  environment: string;
  /** Configured schema order, or null in a project without a config. */
  schemas: readonly string[] | null;
  render: ScriptRenderer;
}

/**
 * Renders the scripts that apply to `options.environment`. All render errors are collected into one
 * `ValidationError` (code `MIGRATIONS_RENDER_FAILED`), each naming its file and line.
 */
export function prepareMigrations(
  scripts: readonly MigrationScript[],
  options: PrepareOptions,
): PreparedMigrations {
  const problems: MercuriosError[] = [];
  const prepared: PreparedScript[] = [];
  for (const script of scriptsForEnvironment(scripts, options.environment)) {
    let sql: string;
    let maskedSql: string;
    try {
      ({ sql, masked: maskedSql } = options.render(script));
    } catch (error) {
      problems.push(
        error instanceof MercuriosError
          ? error
          : new MercuriosError("TEMPLATE_FAILED", String(error), { location: { file: script.path } }),
      );
      continue;
    }
    prepared.push({
      script,
      sql,
      maskedSql,
      checksum: scriptChecksum(maskedSql),
      templateChecksum: scriptChecksum(script.template),
    });
  }
  if (problems.length > 0) {
    throw new ValidationError(
      "MIGRATIONS_RENDER_FAILED",
      `${problems.length} migration script${problems.length > 1 ? "s" : ""} failed to render for environment ${options.environment}`,
      problems,
    );
  }
  const ofKind = (kind: MigrationScript["kind"]) => prepared.filter((p) => p.script.kind === kind);
  const byScript = (list: PreparedScript[]) => list.map((p) => ({ ...p.script, prepared: p }));
  return {
    environment: options.environment,
    versioned: sortByVersion(byScript(ofKind("versioned")), options.schemas).map((s) => s.prepared),
    repeatable: orderRepeatables(
      ofKind("repeatable").map((p) => ({ ...p, text: p.sql })),
      options.schemas,
    ).map(({ text: _text, ...p }) => p),
    always: sortAlways(byScript(ofKind("always")), options.schemas).map((s) => s.prepared),
    undo: new Map(ofKind("undo").map((p) => [p.script.key.replace(/U([^/]*)$/, "V$1"), p])),
  };
}
