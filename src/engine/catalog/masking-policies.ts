/**
 * Masking policies: CREATE / ALTER / DROP / SHOW / DESCRIBE / GET_DDL, setting them on columns with
 * `ALTER TABLE|VIEW … MODIFY COLUMN c SET|UNSET MASKING POLICY`, and the column expressions the
 * rewrite step reads a masked relation through (`columnMasks`).
 */
import type { QualifiedName } from "../hooks.js";
import { parseSnowflakeType } from "../types-map.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, insufficient, notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import type { MaskingPolicy, PolicyArgument } from "./model.js";
import { displayName, nameKey, quotePart } from "./names.js";
import { existingKind, resolveName } from "./objects.js";
import { attachedError, readSignature, requireSchemaCreate } from "./policies.js";
import { bindPolicyBody } from "./policy-body.js";
import {
  can,
  dropGrantsOn,
  isOwner,
  ownerOf,
  ownerRoleType,
  renameGrantsOn,
  requireOwnership,
  seesObject,
  sessionRoles,
  setOwner,
} from "./privileges.js";
import { type CatalogResult, columns, OK, status, ts } from "./results.js";
import { applyFilters, byName, inScope, parseShowFilters, scopeOf } from "./show/filters.js";
import { maskingKey } from "./store.js";

const KIND = "MASKING_POLICY";

/** A type as DESCRIBE prints it in the return type: `string` is `VARCHAR(16777216)`. */
function fullType(written: string): string {
  return parseSnowflakeType(written)?.sqlType ?? written.toUpperCase();
}

/** A type as the signature prints it: the full type without its length, precision or scale. */
function signatureType(written: string): string {
  return fullType(written).replace(/\(.*\)$/, "");
}

/** Splits the text after `->` into the body and its trailing COMMENT / EXEMPT_OTHER_POLICIES. */
function splitMaskingBody(text: string): { body: string; comment: string | null; exempt: boolean } {
  let rest = text.trim().replace(/;\s*$/, "");
  let comment: string | null = null;
  let exempt = false;
  for (;;) {
    const c = /\s+COMMENT\s*=\s*'((?:[^'\\]|\\.|'')*)'\s*$/i.exec(rest);
    if (c) {
      comment = c[1]!.replace(/''/g, "'").replace(/\\'/g, "'");
      rest = rest.slice(0, c.index).trimEnd();
      continue;
    }
    const e = /\s+EXEMPT_OTHER_POLICIES\s*=\s*(TRUE|FALSE)\s*$/i.exec(rest);
    if (e) {
      exempt = e[1]!.toUpperCase() === "TRUE";
      rest = rest.slice(0, e.index).trimEnd();
      continue;
    }
    return { body: rest.trim(), comment, exempt };
  }
}

function signatureText(args: readonly PolicyArgument[]): string {
  return `(${args.map((a) => `${quotePart(a.name)} ${a.type}`).join(", ")})`;
}

export async function createMaskingPolicy(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const name = resolveName(ctx, KIND, c.name());
  const [database, schema, policyName] = name as [string, string, string];
  c.expectKw("AS");
  const args = readSignature(c).map((a) => ({ name: a.name, type: signatureType(a.type) }));
  if (args.length === 0) c.fail("an argument to mask");
  c.expectKw("RETURNS");
  const start = c.peek();
  while (c.peek() && !c.isSymbol("->")) c.next();
  const end = c.tokens[c.pos - 1];
  if (!start || !end || start === c.peek()) c.fail("a return type");
  const returnType = fullType(c.sql.slice(start.start, end.end).replace(/\s+/g, " "));
  if (signatureType(returnType) !== args[0]!.type)
    throw catalogError(
      "002029",
      "22023",
      `SQL compilation error:\nThe return type ${returnType} of masking policy '${displayName([policyName])}' must match the type of its first argument (${args[0]!.type}).`,
    );
  c.expectSymbol("->");
  const { body, comment, exempt } = splitMaskingBody(c.rest());
  if (body === "") c.fail("a policy body");
  await requireSchemaCreate(env, ctx, database, schema, "CREATE MASKING POLICY");
  const existing = env.store.maskingPolicies.get(nameKey(name));
  if (existing && ifNotExists)
    return status(`${displayName([policyName])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName(name));
  if (existing && isAttached(env, name)) throw attachedError(policyName);
  await env.store.putMaskingPolicy({
    database,
    schema,
    name: policyName,
    args,
    returnType,
    body,
    comment: comment ?? "",
    exemptOtherPolicies: exempt,
    createdOn: env.now(),
    owner: ctx.role,
  });
  await setOwner(env, KIND, name, ctx.role);
  return status(`Masking policy '${displayName([policyName])}' is successfully created.`);
}

function isAttached(env: CatalogEnv, name: string[]): boolean {
  return [...env.store.maskings.values()].some((m) => nameKey(m.policy) === nameKey(name));
}

function getMaskingPolicy(env: CatalogEnv, ctx: CatalogContext, parts: string[]): MaskingPolicy {
  const name = resolveName(ctx, KIND, parts);
  const p = env.store.maskingPolicies.get(nameKey(name));
  if (!p || !seesObject(env, sessionRoles(env, ctx), KIND, name))
    throw notFound("Masking policy", displayName(name));
  return p;
}

export async function alterMaskingPolicy(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.name();
  const name = resolveName(ctx, KIND, parts);
  if (!env.store.maskingPolicies.has(nameKey(name)) && ifExists) return status(OK);
  const p = getMaskingPolicy(env, ctx, parts);
  requireOwnership(env, sessionRoles(env, ctx), KIND, "Masking policy", name);
  if (c.acceptKw("RENAME", "TO")) {
    const to = resolveName(ctx, KIND, c.name());
    if (env.store.maskingPolicies.has(nameKey(to))) throw alreadyExists("Object", displayName(to));
    await env.store.deleteMaskingPolicy(name);
    await renameGrantsOn(env, KIND, name, to);
    [p.database, p.schema, p.name] = to as [string, string, string];
    await env.store.putMaskingPolicy(p);
    for (const m of env.store.maskings.values())
      if (nameKey(m.policy) === nameKey(name)) await env.store.putMasking({ ...m, policy: to });
    return status(OK);
  }
  if (c.acceptKw("SET", "BODY")) {
    c.expectSymbol("->");
    const body = c.rest().trim().replace(/;\s*$/, "");
    if (body === "") c.fail("a policy body");
    p.body = body;
  } else if (c.acceptKw("SET", "COMMENT")) {
    c.expectSymbol("=");
    p.comment = c.string();
  } else if (c.acceptKw("UNSET", "COMMENT")) {
    p.comment = "";
  } else if (c.acceptKw("SET", "TAG") || c.acceptKw("UNSET", "TAG")) {
    c.rest();
  } else c.fail("RENAME TO, SET BODY, SET COMMENT or UNSET COMMENT");
  await env.store.putMaskingPolicy(p);
  return status(OK);
}

export async function dropMaskingPolicy(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = resolveName(ctx, KIND, c.name());
  if (!env.store.maskingPolicies.has(nameKey(name))) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName(name.slice(-1))} already dropped).`);
    throw notFound("Masking policy", displayName(name));
  }
  requireOwnership(env, sessionRoles(env, ctx), KIND, "Masking policy", name);
  if (isAttached(env, name)) throw attachedError(name[2]!);
  await env.store.deleteMaskingPolicy(name);
  await dropGrantsOn(env, KIND, name);
  return status(`${displayName(name.slice(-1))} successfully dropped.`);
}

export function showMaskingPolicies(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const roles = sessionRoles(env, ctx);
  const scope = scopeOf(f, ctx);
  const list = [...env.store.maskingPolicies.values()]
    .filter((p) => inScope(p, scope))
    .filter((p) => seesObject(env, roles, KIND, [p.database, p.schema, p.name]))
    .sort(byName<MaskingPolicy>((p) => `${p.database}\u0000${p.schema}\u0000${p.name}`));
  const rows = applyFilters(list, f, (p) => p.name).map((p) => [
    ts(p.createdOn),
    p.name,
    p.database,
    p.schema,
    KIND,
    ownerOf(env, KIND, [p.database, p.schema, p.name]) ?? "",
    p.comment,
    p.exemptOtherPolicies ? '{"EXEMPT_OTHER_POLICIES": "TRUE"}' : "",
    ownerRoleType(env, KIND, [p.database, p.schema, p.name]),
  ]);
  return {
    kind: "SHOW",
    columns: columns([
      "created_on:d",
      "name:t",
      "database_name:t",
      "schema_name:t",
      "kind:t",
      "owner:t",
      "comment:t",
      "options:t",
      "owner_role_type:t",
    ]),
    rows,
  };
}

export function describeMaskingPolicy(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const p = getMaskingPolicy(env, ctx, c.name());
  return {
    kind: "DESCRIBE",
    columns: columns(["name:t", "signature:t", "return_type:t", "body:t"]),
    rows: [[p.name, signatureText(p.args), p.returnType, p.body]],
  };
}

/** `create or replace masking policy …` for GET_DDL. */
export function maskingPolicyDdl(p: MaskingPolicy, qualified: boolean): string {
  const name = qualified ? displayName([p.database, p.schema, p.name]) : displayName([p.name]);
  const exempt = p.exemptOtherPolicies ? "\nexempt_other_policies = true" : "";
  return `create or replace masking policy ${name} as ${signatureText(p.args)} returns ${p.returnType} -> ${p.body}${exempt};`;
}

/** One `[COLUMN] c SET MASKING POLICY p [USING (…)] [FORCE]` or `[COLUMN] c UNSET MASKING POLICY`. */
interface ColumnAction {
  column: string;
  policy: string[] | null;
  using: string[] | null;
  force: boolean;
}

function readColumnActions(ctx: CatalogContext, c: Cursor): ColumnAction[] {
  const actions: ColumnAction[] = [];
  do {
    c.acceptKw("COLUMN");
    const column = c.ident("column name");
    if (c.acceptKw("UNSET", "MASKING", "POLICY")) {
      actions.push({ column, policy: null, using: null, force: false });
      continue;
    }
    c.expectKw("SET", "MASKING", "POLICY");
    const policy = resolveName(ctx, KIND, c.name());
    let using: string[] | null = null;
    if (c.acceptKw("USING")) {
      c.expectSymbol("(");
      using = [];
      while (!c.acceptSymbol(")")) {
        using.push(c.ident("column name"));
        c.acceptSymbol(",");
      }
    }
    const force = c.acceptKw("FORCE");
    actions.push({ column, policy, using, force });
  } while (c.acceptSymbol(","));
  return actions;
}

/**
 * `ALTER TABLE|VIEW t {MODIFY|ALTER} [COLUMN] c SET MASKING POLICY p [USING (c, …)] [FORCE]
 * [, …]` and `… UNSET MASKING POLICY`. Null when the statement is not about masking.
 */
export async function setMaskingPolicies(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "TABLE" | "VIEW",
): Promise<CatalogResult | null> {
  const start = c.pos;
  c.acceptKw("IF", "EXISTS");
  const targetParts = c.name();
  if (!(c.acceptKw("MODIFY") || c.acceptKw("ALTER"))) {
    c.pos = start;
    return null;
  }
  const target = resolveName(ctx, kind, targetParts);
  const actual = await existingKind(env, kind, target);
  const roles = sessionRoles(env, ctx);
  const centrally =
    roles.roles.has("ACCOUNTADMIN") || can(env, roles, "ACCOUNT", [], ["APPLY MASKING POLICY"]);
  if (!centrally && ownerOf(env, actual, target) !== null && !isOwner(env, roles, actual, target)) {
    if (!seesObject(env, roles, actual, target)) throw notFound("Object", displayName(target));
    throw insufficient(actual.toLowerCase(), displayName(target.slice(-1)));
  }
  const known = await env.directory.columns(target[0]!, target[1]!, target[2]!);
  const columnOf = (col: string) => {
    const found = known.find((k) => k.name === col);
    if (!found && known.length > 0)
      throw catalogError(
        "000904",
        "42000",
        `SQL compilation error: error line 0 at position -1\ninvalid identifier '${col}'`,
      );
    return found;
  };
  const actions = readColumnActions(ctx, c);
  if (!c.atEnd()) c.fail("',' or the end of the statement");
  for (const a of actions) {
    columnOf(a.column);
    const current = env.store.maskings.get(maskingKey(target, a.column));
    if (a.policy === null) {
      if (current) await env.store.deleteMasking(target, a.column);
      continue;
    }
    const p = env.store.maskingPolicies.get(nameKey(a.policy));
    if (!p || !seesObject(env, roles, KIND, a.policy))
      throw notFound("Masking policy", displayName(a.policy));
    if (!centrally && !isOwner(env, roles, KIND, a.policy) && !can(env, roles, KIND, a.policy, ["APPLY"]))
      throw insufficient("masking policy", displayName(a.policy.slice(-1)));
    const using = a.using ?? [a.column];
    if (using[0] !== a.column)
      throw catalogError(
        "002151",
        "42601",
        `SQL compilation error:\nThe first column of USING must be the masked column '${a.column}'.`,
      );
    if (using.length !== p.args.length)
      throw catalogError(
        "002151",
        "42601",
        `SQL compilation error:\nThe number of columns (${using.length}) does not match the policy signature (${p.args.length}) of masking policy '${displayName(a.policy)}'.`,
      );
    for (const [i, col] of using.entries()) {
      const column = columnOf(col);
      if (column && signatureType(column.type) !== p.args[i]!.type)
        throw catalogError(
          "002151",
          "42601",
          `SQL compilation error:\nThe type of column '${col}' (${column.type}) does not match the type of argument '${p.args[i]!.name}' (${p.args[i]!.type}) of masking policy '${displayName(a.policy)}'.`,
        );
    }
    if (current && !a.force)
      throw catalogError(
        "003103",
        "42601",
        `SQL compilation error:\nSpecified column already attached to another masking policy. A column cannot be attached to multiple masking policies. Please drop the current association in order to attach a new masking policy.`,
      );
    await env.store.putMasking({
      policy: a.policy,
      target,
      targetKind: actual === "TABLE" ? "TABLE" : "VIEW",
      column: a.column,
      using,
    });
  }
  return status(OK);
}

/**
 * The masked columns of `relation` for this session: column name → the policy body bound to the
 * column (and its USING columns), session functions evaluated. Null when no column is masked.
 */
export function columnMasks(
  env: CatalogEnv,
  ctx: CatalogContext,
  relation: QualifiedName,
): Map<string, string> | null {
  const maskings = env.store.maskingsOf([relation.database, relation.schema, relation.name]);
  if (maskings.length === 0) return null;
  const masks = new Map<string, string>();
  for (const m of maskings) {
    const p = env.store.maskingPolicies.get(nameKey(m.policy));
    // A masked column whose policy is gone must not read raw: Snowflake keeps the reference too.
    masks.set(m.column, p ? `(${bindPolicyBody(env, ctx, p, m.using, relation.name)})` : "NULL");
  }
  return masks;
}
