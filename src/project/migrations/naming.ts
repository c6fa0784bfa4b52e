/**
 * Migration file names in schemachange's convention, plus undo scripts and environment qualifiers:
 * `V1.2.3__desc.sql`, `R__desc.sql`, `A__desc.sql`, `U1.2.3__desc.sql`, `V3__seed.dev.sql`,
 * `V3__seed.dev+staging.sql`. The prefix is case-insensitive, as in schemachange, and so is its
 * `.sql.jinja` ending.
 */

/** Versioned (run once), repeatable (re-run when changed), always (every run), undo (reverts a version). */
export type ScriptKind = "versioned" | "repeatable" | "always" | "undo";

/** What a migration file name says about the script. */
export interface ScriptName {
  kind: ScriptKind;
  /** The version as written (`1.2.3`, `1_2`), for versioned and undo scripts. */
  version: string | null;
  /** Numeric segments of the version, trailing zeros removed so `1.2` and `1.2.0` are the same version. */
  versionParts: number[] | null;
  /** The description between `__` and the environment qualifier or `.sql`. */
  description: string;
  /** Environments the script is limited to (`.dev+staging.`), or null for every environment. */
  environments: string[] | null;
}

/** Why a `.sql` file name is not a migration name; the message says what to do. */
export interface NameProblem {
  problem: string;
}

const KIND_BY_PREFIX: Record<string, ScriptKind> = {
  V: "versioned",
  R: "repeatable",
  A: "always",
  U: "undo",
};

const VERSION = /^\d+(?:[._]\d+)*$/;
const ENV_QUALIFIER = /^[a-z][a-z0-9_-]*(?:\+[a-z][a-z0-9_-]*)*$/;

/** Whether a file in a migrations folder is meant to be a script (the rest is ignored: READMEs, notes). */
export function isScriptFile(fileName: string): boolean {
  return !fileName.startsWith(".") && /\.sql(\.jinja)?$/i.test(fileName);
}

/** The name schemachange records for a script (its SCRIPT column): the file name without `.jinja`. */
export function scriptFileName(fileName: string): string {
  return fileName.replace(/\.jinja$/i, "");
}

/** Parses a migration file name, or says what is wrong with it. */
export function parseScriptName(fileName: string): ScriptName | NameProblem {
  const stem = fileName.replace(/\.sql(\.jinja)?$/i, "");
  const prefix = stem.charAt(0).toUpperCase();
  const kind = KIND_BY_PREFIX[prefix];
  const separator = stem.indexOf("__");
  if (!kind) {
    return {
      problem:
        "is not a migration name; name it V<version>__<description>.sql, R__<description>.sql, A__<description>.sql or U<version>__<description>.sql",
    };
  }
  if (separator === -1) {
    const single = stem.indexOf("_");
    return {
      problem:
        single === -1
          ? `has no '__' separator; name it ${prefix}${kind === "versioned" || kind === "undo" ? "<version>" : ""}__<description>.sql`
          : `uses a single underscore between ${kind === "versioned" || kind === "undo" ? "version" : "prefix"} and description; use two: ${stem.slice(0, single)}__${stem.slice(single + 1)}.sql`,
    };
  }
  const versionText = stem.slice(1, separator);
  let rest = stem.slice(separator + 2);
  if (rest.trim() === "") return { problem: "has no description after '__'" };

  let version: string | null = null;
  let versionParts: number[] | null = null;
  if (kind === "versioned" || kind === "undo") {
    if (!VERSION.test(versionText)) {
      return {
        problem: `has version '${versionText}'; a version is numbers separated by '.' or '_', e.g. ${prefix}1.2.3__${rest}.sql`,
      };
    }
    version = versionText;
    versionParts = normaliseVersion(versionText);
  } else if (versionText !== "") {
    return {
      problem: `is a${kind === "always" ? "n always" : " repeatable"} script with a version; name it ${prefix}__${rest}.sql`,
    };
  }

  let environments: string[] | null = null;
  const lastDot = rest.lastIndexOf(".");
  if (lastDot !== -1) {
    const qualifier = rest.slice(lastDot + 1);
    if (!ENV_QUALIFIER.test(qualifier)) {
      return {
        problem: `has environment qualifier '.${qualifier}.'; write lower-case environment names joined with '+', e.g. .dev. or .dev+staging.`,
      };
    }
    environments = qualifier.split("+");
    rest = rest.slice(0, lastDot);
    if (rest.trim() === "") return { problem: "has no description before its environment qualifier" };
  }
  return { kind, version, versionParts, description: rest, environments };
}

/** `1.02.0` → [1, 2]: numeric segments with trailing zeros dropped (at least one segment kept). */
export function normaliseVersion(version: string): number[] {
  const parts = version.split(/[._]/).map((segment) => Number.parseInt(segment, 10));
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  return parts;
}

/** Compares versions numerically segment by segment (`1.10` after `1.9`; `1.2` equals `1.2.0`). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

/** Canonical text of a version (`1.2`), used as the version's identity in the change history. */
export function versionKey(parts: readonly number[]): string {
  return parts.join(".");
}
