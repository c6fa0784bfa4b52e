/**
 * Row access policies: CREATE / ALTER / DROP / SHOW / DESCRIBE, attaching them with
 * `ALTER TABLE|VIEW … ADD|DROP ROW ACCESS POLICY`, and the filter the rewrite step applies.
 */
import type { QualifiedName } from "../hooks.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, insufficient, notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import { bindPolicyBody } from "./policy-body.js";
import type { PolicyArgument, RowAccessPolicy } from "./model.js";
import { displayName, nameKey, quotePart } from "./names.js";
import { existingKind, resolveName } from "./objects.js";
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
  userRoles,
} from "./privileges.js";
import { type CatalogResult, columns, OK, status, ts } from "./results.js";
import { applyFilters, byName, inScope, parseShowFilters, scopeOf } from "./show/filters.js";

/** Splits `-> body [COMMENT = '…']` into the body and the trailing comment. */
export function splitBody(text: string): { body: string; comment: string | null } {
  const m = /\s+COMMENT\s*=\s*'((?:[^'\\]|\\.|'')*)'\s*;?\s*$/i.exec(text);
  if (!m) return { body: text.trim(), comment: null };
  return { body: text.slice(0, m.index).trim(), comment: m[1]!.replace(/''/g, "'").replace(/\\'/g, "'") };
}

export function readSignature(c: Cursor): PolicyArgument[] {
  c.expectSymbol("(");
  const args: PolicyArgument[] = [];
  while (!c.acceptSymbol(")")) {
    const name = c.ident("argument name");
    const typeStart = c.peek();
    if (!typeStart) c.fail("a data type");
    let depth = 0;
    let end = typeStart.end;
    while (c.peek() && !(depth === 0 && (c.isSymbol(",") || c.isSymbol(")")))) {
      const t = c.next();
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      end = t.end;
    }
    args.push({ name, type: c.sql.slice(typeStart.start, end).replace(/\s+/g, " ").toUpperCase() });
    c.acceptSymbol(",");
  }
  return args;
}

export async function requireSchemaCreate(
  env: CatalogEnv,
  ctx: CatalogContext,
  database: string,
  schema: string,
  privilege: string,
) {
  await existingKind(env, "SCHEMA", [database, schema]);
  const roles = sessionRoles(env, ctx);
  if (ownerOf(env, "SCHEMA", [database, schema]) === null) return;
  if (!can(env, roles, "SCHEMA", [database, schema], [privilege]))
    throw insufficient("schema", displayName([schema]));
}

export async function createPolicy(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const name = resolveName(ctx, "ROW_ACCESS_POLICY", c.name());
  const [database, schema, policyName] = name as [string, string, string];
  c.expectKw("AS");
  const args = readSignature(c);
  c.expectKw("RETURNS");
  const returnType = c.ident("BOOLEAN");
  if (returnType !== "BOOLEAN")
    throw catalogError("002029", "22023", "SQL compilation error:\nRow access policy must return BOOLEAN.");
  c.expectSymbol("->");
  const { body, comment } = splitBody(c.rest());
  if (body === "") c.fail("a policy body");
  await requireSchemaCreate(env, ctx, database, schema, "CREATE ROW ACCESS POLICY");
  const existing = env.store.policies.get(nameKey(name));
  if (existing && ifNotExists)
    return status(`${displayName([policyName])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName(name));
  if (existing && [...env.store.attachments.values()].some((a) => nameKey(a.policy) === nameKey(name)))
    throw attachedError(policyName);
  const policy: RowAccessPolicy = {
    database,
    schema,
    name: policyName,
    args,
    returnType,
    body,
    comment: comment ?? "",
    createdOn: env.now(),
    owner: ctx.role,
  };
  await env.store.putPolicy(policy);
  await setOwner(env, "ROW_ACCESS_POLICY", name, ctx.role);
  return status(`Row access policy '${displayName([policyName])}' is successfully created.`);
}

export function attachedError(name: string) {
  return catalogError(
    "003107",
    "42601",
    `SQL execution error:\nPolicy ${displayName([name])} cannot be dropped/replaced as it is associated with one or more entities.`,
  );
}

function getPolicy(env: CatalogEnv, ctx: CatalogContext, parts: string[]): RowAccessPolicy {
  const name = resolveName(ctx, "ROW_ACCESS_POLICY", parts);
  const p = env.store.policies.get(nameKey(name));
  if (!p || !seesObject(env, sessionRoles(env, ctx), "ROW_ACCESS_POLICY", name))
    throw notFound("Row access policy", displayName(name));
  return p;
}

export async function alterPolicy(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.name();
  const name = resolveName(ctx, "ROW_ACCESS_POLICY", parts);
  if (!env.store.policies.has(nameKey(name)) && ifExists) return status(OK);
  const p = getPolicy(env, ctx, parts);
  requireOwnership(env, sessionRoles(env, ctx), "ROW_ACCESS_POLICY", "Row access policy", name);
  if (c.acceptKw("RENAME", "TO")) {
    const to = resolveName(ctx, "ROW_ACCESS_POLICY", c.name());
    if (env.store.policies.has(nameKey(to))) throw alreadyExists("Object", displayName(to));
    await env.store.deletePolicy(name);
    await renameGrantsOn(env, "ROW_ACCESS_POLICY", name, to);
    [p.database, p.schema, p.name] = to as [string, string, string];
    await env.store.putPolicy(p);
    for (const a of env.store.attachments.values())
      if (nameKey(a.policy) === nameKey(name)) await env.store.putAttachment({ ...a, policy: to });
    return status(OK);
  }
  if (c.acceptKw("SET", "BODY")) {
    c.expectSymbol("->");
    p.body = c.rest();
  } else if (c.acceptKw("SET", "COMMENT")) {
    c.expectSymbol("=");
    p.comment = c.string();
  } else if (c.acceptKw("UNSET", "COMMENT")) {
    p.comment = "";
  } else if (c.acceptKw("SET", "TAG") || c.acceptKw("UNSET", "TAG")) {
    c.rest();
  } else c.fail("RENAME TO, SET BODY, SET COMMENT or UNSET COMMENT");
  await env.store.putPolicy(p);
  return status(OK);
}

export async function dropPolicy(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.name();
  const name = resolveName(ctx, "ROW_ACCESS_POLICY", parts);
  if (!env.store.policies.has(nameKey(name))) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName(name.slice(-1))} already dropped).`);
    throw notFound("Row access policy", displayName(name));
  }
  requireOwnership(env, sessionRoles(env, ctx), "ROW_ACCESS_POLICY", "Row access policy", name);
  if ([...env.store.attachments.values()].some((a) => nameKey(a.policy) === nameKey(name)))
    throw attachedError(name[2]!);
  await env.store.deletePolicy(name);
  await dropGrantsOn(env, "ROW_ACCESS_POLICY", name);
  return status(`${displayName(name.slice(-1))} successfully dropped.`);
}

export function showPolicies(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const roles = sessionRoles(env, ctx);
  const scope = scopeOf(f, ctx);
  const list = [...env.store.policies.values()]
    .filter((p) => inScope(p, scope))
    .filter((p) => seesObject(env, roles, "ROW_ACCESS_POLICY", [p.database, p.schema, p.name]))
    .sort((a, b) => byName<RowAccessPolicy>((p) => `${p.database}\u0000${p.schema}\u0000${p.name}`)(a, b));
  const rows = applyFilters(list, f, (p) => p.name).map((p) => [
    ts(p.createdOn),
    p.name,
    p.database,
    p.schema,
    "ROW_ACCESS_POLICY",
    ownerOf(env, "ROW_ACCESS_POLICY", [p.database, p.schema, p.name]) ?? "",
    p.comment,
    "",
    ownerRoleType(env, "ROW_ACCESS_POLICY", [p.database, p.schema, p.name]),
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

export function signatureText(p: RowAccessPolicy): string {
  return `(${p.args.map((a) => `${quotePart(a.name)} ${a.type}`).join(", ")})`;
}

export function describePolicy(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const p = getPolicy(env, ctx, c.name());
  return {
    kind: "DESCRIBE",
    columns: columns(["name:t", "signature:t", "return_type:t", "body:t"]),
    rows: [[p.name, signatureText(p), p.returnType, p.body]],
  };
}

/** `ALTER TABLE|VIEW t ADD ROW ACCESS POLICY p ON (cols)` / `DROP ROW ACCESS POLICY p` / `DROP ALL ROW ACCESS POLICIES`. */
export async function attachPolicy(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "TABLE" | "VIEW",
): Promise<CatalogResult | null> {
  c.acceptKw("IF", "EXISTS");
  const target = resolveName(ctx, kind, c.name());
  const actual = await existingKind(env, kind, target);
  const roles = sessionRoles(env, ctx);
  if (ownerOf(env, actual, target) !== null && !isOwner(env, roles, actual, target)) {
    if (!seesObject(env, roles, actual, target)) throw notFound("Object", displayName(target));
    throw insufficient(actual.toLowerCase(), displayName(target.slice(-1)));
  }
  if (c.acceptKw("ADD", "ROW", "ACCESS", "POLICY")) {
    const policy = resolveName(ctx, "ROW_ACCESS_POLICY", c.name());
    const p = env.store.policies.get(nameKey(policy));
    if (!p) throw notFound("Row access policy", displayName(policy));
    if (
      !roles.roles.has("ACCOUNTADMIN") &&
      !isOwner(env, roles, "ROW_ACCESS_POLICY", policy) &&
      !can(env, roles, "ROW_ACCESS_POLICY", policy, ["APPLY"]) &&
      !can(env, roles, "ACCOUNT", [], ["APPLY ROW ACCESS POLICY"])
    )
      throw insufficient("row access policy", displayName(policy.slice(-1)));
    c.expectKw("ON");
    c.expectSymbol("(");
    const cols: string[] = [];
    while (!c.acceptSymbol(")")) {
      cols.push(c.ident("column name"));
      c.acceptSymbol(",");
    }
    if (cols.length !== p.args.length)
      throw catalogError(
        "002151",
        "42601",
        `SQL compilation error:\nThe number of columns (${cols.length}) does not match the policy signature (${p.args.length}) of row access policy '${displayName(policy)}'.`,
      );
    const known = await env.directory.columns(target[0]!, target[1]!, target[2]!);
    for (const col of cols)
      if (known.length > 0 && !known.some((k) => k.name === col))
        throw catalogError(
          "000904",
          "42000",
          `SQL compilation error: error line 0 at position -1\ninvalid identifier '${col}'`,
        );
    if (env.store.attachments.has(nameKey(target)))
      throw catalogError(
        "003102",
        "42601",
        `SQL compilation error:\nObject '${displayName(target)}' already has a ROW_ACCESS_POLICY. Only one ROW_ACCESS_POLICY is allowed at a time.`,
      );
    await env.store.putAttachment({
      policy,
      target,
      targetKind: actual === "TABLE" ? "TABLE" : "VIEW",
      columns: cols,
    });
    return status(OK);
  }
  if (c.acceptKw("DROP", "ALL", "ROW", "ACCESS", "POLICIES")) {
    await env.store.deleteAttachment(target);
    return status(OK);
  }
  if (c.acceptKw("DROP", "ROW", "ACCESS", "POLICY")) {
    const policy = resolveName(ctx, "ROW_ACCESS_POLICY", c.name());
    const a = env.store.attachments.get(nameKey(target));
    if (!a || nameKey(a.policy) !== nameKey(policy))
      throw catalogError(
        "003104",
        "42601",
        `SQL compilation error:\nRow access policy '${displayName(policy)}' is not attached to '${displayName(target)}'.`,
      );
    await env.store.deleteAttachment(target);
    return status(OK);
  }
  return null;
}

/**
 * The predicate a session's reads of `relation` must meet: the policy body bound to the protected
 * columns for this session (policy-body.ts).
 */
export function rowAccessFilter(
  env: CatalogEnv,
  ctx: CatalogContext,
  relation: QualifiedName,
): string | null {
  const attachment = env.store.attachments.get(nameKey([relation.database, relation.schema, relation.name]));
  if (!attachment) return null;
  const p = env.store.policies.get(nameKey(attachment.policy));
  if (!p) return null;
  return `(${bindPolicyBody(env, ctx, p, attachment.columns, relation.name)})`;
}

/** The roles a user could use, for IS_ROLE_IN_SESSION in tests and diagnostics. */
export function grantedRoles(env: CatalogEnv, user: string): string[] {
  return userRoles(env, user);
}

/** `create or replace row access policy …` for GET_DDL. */
export function policyDdl(p: RowAccessPolicy, qualified: boolean): string {
  const name = qualified ? displayName([p.database, p.schema, p.name]) : displayName([p.name]);
  return `create or replace row access policy ${name} as ${signatureText(p)} returns ${p.returnType} -> ${p.body};`;
}
