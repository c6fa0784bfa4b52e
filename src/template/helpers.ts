/**
 * Helpers available in every template. Each validates its arguments and throws HelperFailure with the
 * call's position, so that render() can report file:line:column.
 */
import type { HelperOptions } from "handlebars";
import { isSecretName } from "./mask.js";
import { qualifiedName, sqlLiteral } from "./sql.js";

/** A helper was called wrongly or failed; `line`/`column` are the call's position (1-based). */
export class HelperFailure extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly hint?: string,
    readonly variable?: string,
    /** Set when argument N (0-based) was undefined: render() names the variable written there. */
    readonly undefinedArgument?: number,
  ) {
    super(message);
  }
}

/** What the helpers need from the render call. */
export interface HelperState {
  /** The environment name, which `{{env}}` without arguments returns. */
  environment: string;
  processEnv: NodeJS.ProcessEnv;
  /** Secret values read by the `env` helper; render() masks them in printed SQL. */
  secretsUsed: Set<string>;
}

type Helper = (...args: unknown[]) => unknown;

function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  const options = args[args.length - 1] as HelperOptions;
  return { params: args.slice(0, -1), options };
}

function fail(options: HelperOptions, message: string, hint?: string, variable?: string): never {
  const loc = (options as HelperOptions & { loc?: { start: { line: number; column: number } } }).loc;
  throw new HelperFailure(message, loc?.start.line, loc ? loc.start.column + 1 : undefined, hint, variable);
}

function asList(value: unknown, options: HelperOptions, helper: string): unknown[] {
  if (!Array.isArray(value))
    fail(options, `{{${helper}}} expects a list, got ${value === null ? "null" : typeof value}`);
  return value;
}

function pick(items: unknown[], key: unknown): unknown[] {
  if (typeof key !== "string") return items;
  return items.map((item) =>
    item && typeof item === "object" ? (item as Record<string, unknown>)[key] : undefined,
  );
}

/** Helpers whose arguments must all be defined (unlike eq/not/and/or, which test values like `if`). */
const NEEDS_DEFINED_ARGUMENTS = [
  "ident",
  "str",
  "literal",
  "literals",
  "idents",
  "join",
  "pluck",
  "includes",
  "upper",
  "lower",
];

/** Builds the helper table for one render. */
export function createHelpers(state: HelperState): Record<string, Helper> {
  const helpers = baseHelpers(state);
  for (const name of NEEDS_DEFINED_ARGUMENTS) {
    const helper = helpers[name]!;
    helpers[name] = (...args) => {
      const { params, options } = split(args);
      const missing = params.indexOf(undefined);
      if (missing >= 0) {
        const loc = (options as HelperOptions & { loc?: { start: { line: number; column: number } } }).loc;
        throw new HelperFailure(
          `{{${name}}} argument ${missing + 1} is not defined`,
          loc?.start.line,
          loc ? loc.start.column + 1 : undefined,
          undefined,
          undefined,
          missing,
        );
      }
      return helper(...args);
    };
  }
  return helpers;
}

function baseHelpers(state: HelperState): Record<string, Helper> {
  return {
    /** `{{ident database schema "sales"}}` → `MERCURIOS_DATA.RAW."sales"`: quoted where needed, joined by dots. */
    ident: (...args) => {
      const { params, options } = split(args);
      if (params.length === 0) fail(options, "{{ident}} needs at least one name");
      params.forEach((p, i) => {
        if (typeof p !== "string" || p === "")
          fail(options, `{{ident}} argument ${i + 1} is not a non-empty string`);
      });
      return qualifiedName(params as string[]);
    },
    /** `{{str value}}` → a SQL string literal with quotes and backslashes escaped. */
    str: (...args) => {
      const { params, options } = split(args);
      if (params.length !== 1) fail(options, "{{str}} takes exactly one value");
      const value = params[0];
      if (value === null || value === undefined) fail(options, "{{str}} got no value");
      return sqlLiteral(String(value));
    },
    /** `{{literal value}}` → string literal, number, TRUE/FALSE or NULL as the value's type says. */
    literal: (...args) => {
      const { params, options } = split(args);
      if (params.length !== 1) fail(options, "{{literal}} takes exactly one value");
      return sqlLiteral(params[0]);
    },
    /** `{{literals tenants "id"}}` → `'acme', 'globex'` (optionally a field of each item). */
    literals: (...args) => {
      const { params, options } = split(args);
      return pick(asList(params[0], options, "literals"), params[1])
        .map((v) => sqlLiteral(v))
        .join(", ");
    },
    /** `{{idents schemas}}` → `RAW, STANDARD, "lower"`: quoted identifiers, comma-separated. */
    idents: (...args) => {
      const { params, options } = split(args);
      return pick(asList(params[0], options, "idents"), params[1])
        .map((v) => qualifiedName([String(v)]))
        .join(", ");
    },
    /** `{{join list ", "}}` (separator defaults to `, `); `{{join tenants ", " key="id"}}` joins a field. */
    join: (...args) => {
      const { params, options } = split(args);
      const separator = typeof params[1] === "string" ? params[1] : ", ";
      return pick(asList(params[0], options, "join"), options.hash.key)
        .map(String)
        .join(separator);
    },
    /** `(pluck tenants "id")` → the list of each item's field. */
    pluck: (...args) => {
      const { params, options } = split(args);
      if (typeof params[1] !== "string") fail(options, '{{pluck}} needs a field name: (pluck tenants "id")');
      return pick(asList(params[0], options, "pluck"), params[1]);
    },
    /**
     * `{{env "NAME"}}` reads an environment variable and fails loudly when it is unset, unless a
     * `default="…"` is given. Values of variables named like secrets are masked in printed SQL.
     * Without arguments, `{{env}}` is the environment name (the helper and the built-in share the name).
     */
    env: (...args) => {
      const { params, options } = split(args);
      // `{{env}}` alone is the built-in variable: the environment name.
      if (params.length === 0 && Object.keys(options.hash).length === 0) return state.environment;
      const name = params[0];
      if (typeof name !== "string" || !name) fail(options, '{{env}} needs a variable name: {{env "NAME"}}');
      const value = state.processEnv[name];
      if (value === undefined) {
        if (options.hash.default !== undefined) return String(options.hash.default);
        fail(
          options,
          `environment variable ${name} is not set`,
          `Export ${name} before running, or give a fallback: {{env "${name}" default="…"}}.`,
          name,
        );
      }
      if (isSecretName(name) && value !== "") state.secretsUsed.add(value);
      return value;
    },
    eq: (...args) => split(args).params[0] === split(args).params[1],
    ne: (...args) => split(args).params[0] !== split(args).params[1],
    not: (...args) => !split(args).params[0],
    and: (...args) => split(args).params.every(Boolean),
    or: (...args) => split(args).params.some(Boolean),
    /** `{{#if (includes list value)}}`. */
    includes: (...args) => {
      const { params, options } = split(args);
      return asList(params[0], options, "includes").includes(params[1]);
    },
    upper: (...args) => String(split(args).params[0] ?? "").toUpperCase(),
    lower: (...args) => String(split(args).params[0] ?? "").toLowerCase(),
  };
}

/** Names of all template helpers, including Handlebars' own block helpers. */
export const HELPER_NAMES = new Set([
  ...Object.keys(createHelpers({ environment: "", processEnv: {}, secretsUsed: new Set() })),
  "if",
  "unless",
  "each",
  "with",
  "lookup",
]);
