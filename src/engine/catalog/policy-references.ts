/**
 * INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '…') and
 * POLICY_REFERENCES(REF_ENTITY_NAME => '…', REF_ENTITY_DOMAIN => 'table'|'view'): which row access
 * policy protects which table or view, on which columns, and which masking policy masks which
 * column (REF_COLUMN_NAME; its USING columns after the first in REF_ARG_COLUMN_NAMES). Snowflake has no SHOW for attachments, so
 * drift reads them here; the columns are Snowflake's (upper-case names, REF_ARG_COLUMN_NAMES as a
 * JSON array text).
 */
import type { CellValue, ResultColumn } from "../types.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { catalogError, notFound } from "./errors.js";
import { splitName } from "./lexer.js";
import { displayName, nameKey } from "./names.js";
import { resolveName } from "./objects.js";
import { ownerOf, seesObject, sessionRoles } from "./privileges.js";
import { columns } from "./results.js";

const COLUMNS = [
  "POLICY_DB",
  "POLICY_SCHEMA",
  "POLICY_NAME",
  "POLICY_KIND",
  "REF_DATABASE_NAME",
  "REF_SCHEMA_NAME",
  "REF_ENTITY_NAME",
  "REF_ENTITY_DOMAIN",
  "REF_COLUMN_NAME",
  "REF_ARG_COLUMN_NAMES",
  "TAG_DATABASE",
  "TAG_SCHEMA",
  "TAG_NAME",
  "POLICY_STATUS",
];

/** One policy reference: a row access policy on a relation, or a masking policy on a column. */
interface Reference {
  kind: "ROW_ACCESS_POLICY" | "MASKING_POLICY";
  policy: string[];
  target: string[];
  targetKind: "TABLE" | "VIEW";
  column: string | null;
  args: string[] | null;
}

/** `NAME => 'value'` arguments, by upper-case name. */
function namedArguments(args: readonly string[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const arg of args) {
    const m = /^\s*([A-Za-z_]+)\s*=>\s*'((?:[^']|'')*)'\s*$/s.exec(arg);
    if (!m)
      throw catalogError(
        "001044",
        "42P13",
        "SQL compilation error: error line 0 at position -1\nInvalid argument types for function 'POLICY_REFERENCES': use POLICY_NAME => '<name>' or REF_ENTITY_NAME => '<name>', REF_ENTITY_DOMAIN => '<domain>'",
      );
    named.set(m[1]!.toUpperCase(), m[2]!.replace(/''/g, "'"));
  }
  return named;
}

/** The rows of POLICY_REFERENCES for the session's role: only policies and objects it can see. */
export function policyReferences(
  env: CatalogEnv,
  ctx: CatalogContext,
  args: readonly string[],
): { columns: ResultColumn[]; rows: CellValue[][] } {
  const named = namedArguments(args);
  const roles = sessionRoles(env, ctx);
  const visible = (type: string, name: string[]) =>
    ownerOf(env, type, name) === null || seesObject(env, roles, type, name);
  // Row access attachments and masked columns, as one list of references.
  let attachments: Reference[] = [
    ...[...env.store.attachments.values()].map(
      (a): Reference => ({ ...a, kind: "ROW_ACCESS_POLICY", column: null, args: a.columns }),
    ),
    ...[...env.store.maskings.values()].map(
      (m): Reference => ({
        ...m,
        kind: "MASKING_POLICY",
        args: m.using.length > 1 ? m.using.slice(1) : null,
      }),
    ),
  ];
  const policyName = named.get("POLICY_NAME");
  const entityName = named.get("REF_ENTITY_NAME");
  if (policyName !== undefined) {
    const policy = resolveName(ctx, "ROW_ACCESS_POLICY", splitName(policyName));
    const kind = env.store.policies.has(nameKey(policy))
      ? "ROW_ACCESS_POLICY"
      : env.store.maskingPolicies.has(nameKey(policy))
        ? "MASKING_POLICY"
        : null;
    if (kind === null || !visible(kind, policy)) throw notFound("Policy", displayName(policy));
    attachments = attachments.filter((a) => a.kind === kind && nameKey(a.policy) === nameKey(policy));
  } else if (entityName !== undefined) {
    const domain = (named.get("REF_ENTITY_DOMAIN") ?? "TABLE").toUpperCase();
    const target = resolveName(ctx, domain, splitName(entityName));
    attachments = attachments.filter((a) => nameKey(a.target) === nameKey(target));
  } else {
    throw catalogError(
      "001044",
      "42P13",
      "SQL compilation error: error line 0 at position -1\nPOLICY_REFERENCES needs POLICY_NAME or REF_ENTITY_NAME.",
    );
  }
  const rows = attachments
    .filter((a) => visible(a.targetKind, a.target))
    .map((a): CellValue[] => [
      a.policy[0]!,
      a.policy[1]!,
      a.policy[2]!,
      a.kind,
      a.target[0]!,
      a.target[1]!,
      a.target[2]!,
      a.targetKind,
      a.column,
      a.args === null ? null : JSON.stringify(a.args),
      null,
      null,
      null,
      "ACTIVE",
    ])
    .sort((x, y) => String(x.slice(4, 9)).localeCompare(String(y.slice(4, 9))));
  return { columns: columns(COLUMNS.map((name) => `${name}:t` as const)), rows };
}
