/** SHOW GRANTS [TO | OF | ON] and SHOW FUTURE GRANTS, with Snowflake's columns. */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { notFound } from "../errors.js";
import { checkGrantee, hasManageGrants, readGrantee } from "../grants.js";
import type { Cursor } from "../lexer.js";
import type { FutureGrant, Grant } from "../model.js";
import { displayName, nameKey } from "../names.js";
import { ACCOUNT_OBJECTS, existingKind, readKind, resolveName } from "../objects.js";
import { grantsOn, ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, ts } from "../results.js";

const GRANT_COLUMNS = [
  "created_on:d",
  "privilege:t",
  "granted_on:t",
  "name:t",
  "granted_to:t",
  "grantee_name:t",
  "grant_option:t",
  "granted_by:t",
] as const;

const ROLE_GRANT_COLUMNS = [
  "created_on:d",
  "role:t",
  "granted_to:t",
  "grantee_name:t",
  "granted_by:t",
] as const;

const FUTURE_COLUMNS = [
  "created_on:d",
  "privilege:t",
  "grant_on:t",
  "name:t",
  "grant_to:t",
  "grantee_name:t",
  "grant_option:t",
] as const;

function objectDisplay(env: CatalogEnv, g: Grant): string {
  return g.objectType === "ACCOUNT" ? env.account : displayName(g.objectName);
}

function grantRow(env: CatalogEnv, g: Grant) {
  return [
    ts(g.createdOn),
    g.privilege,
    g.objectType,
    objectDisplay(env, g),
    g.granteeKind,
    g.grantee,
    String(g.grantOption),
    g.grantedBy,
  ];
}

function sortGrants(list: Grant[]): Grant[] {
  return list.sort(
    (a, b) =>
      a.createdOn - b.createdOn || (a.privilege < b.privilege ? -1 : a.privilege > b.privilege ? 1 : 0),
  );
}

function futureRow(g: FutureGrant) {
  const placeholder = `<${g.objectType}>`;
  const name =
    g.schema === null
      ? `${displayName([g.database])}.${placeholder}`
      : `${displayName([g.database, g.schema])}.${placeholder}`;
  return [ts(g.createdOn), g.privilege, g.objectType, name, g.granteeKind, g.grantee, String(g.grantOption)];
}

export async function showGrants(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  future: boolean,
): Promise<CatalogResult> {
  if (future) {
    let list = [...env.store.futureGrants.values()];
    if (c.acceptKw("IN")) {
      if (c.acceptKw("DATABASE")) {
        const db = c.ident();
        await existingKind(env, "DATABASE", [db]);
        list = list.filter((g) => g.database === db && g.schema === null);
      } else {
        c.expectKw("SCHEMA");
        const [db, schema] = resolveName(ctx, "SCHEMA", c.name()) as [string, string];
        await existingKind(env, "SCHEMA", [db, schema]);
        list = list.filter((g) => g.database === db && g.schema === schema);
      }
    } else {
      c.expectKw("TO");
      const grantee = readGrantee(c, ctx);
      checkGrantee(env, grantee);
      list = list.filter((g) => g.granteeKind === grantee.kind && g.grantee === grantee.name);
    }
    if (!c.atEnd()) c.fail("end of statement");
    list.sort((a, b) => a.createdOn - b.createdOn);
    return { kind: "SHOW", columns: columns(FUTURE_COLUMNS), rows: list.map(futureRow) };
  }
  const all = [...env.store.grants.values()];
  if (c.atEnd() || c.acceptKw("TO", "USER")) {
    const user = c.atEnd() ? ctx.user : c.ident("user name");
    if (!env.store.users.has(user)) throw notFound("User", displayName([user]));
    const list = sortGrants(
      all.filter((g) => g.objectType === "ROLE" && g.granteeKind === "USER" && g.grantee === user),
    );
    return {
      kind: "SHOW",
      columns: columns(ROLE_GRANT_COLUMNS),
      rows: list.map((g) => [ts(g.createdOn), g.objectName[0]!, "USER", g.grantee, g.grantedBy]),
    };
  }
  if (c.acceptKw("OF")) {
    let kind: "ROLE" | "DATABASE_ROLE" = "ROLE";
    if (c.acceptKw("DATABASE", "ROLE")) kind = "DATABASE_ROLE";
    else c.expectKw("ROLE");
    const name = kind === "ROLE" ? [c.ident("role name")] : resolveName(ctx, "DATABASE_ROLE", c.name());
    await existingKind(env, kind, name);
    const list = sortGrants(
      all.filter(
        (g) => g.objectType === kind && nameKey(g.objectName) === nameKey(name) && g.privilege === "USAGE",
      ),
    );
    return {
      kind: "SHOW",
      columns: columns(ROLE_GRANT_COLUMNS),
      rows: list.map((g) => [
        ts(g.createdOn),
        displayName(name),
        g.granteeKind,
        g.granteeKind === "USER" && kind === "DATABASE_ROLE" ? `USER$${g.grantee}` : g.grantee,
        g.grantedBy,
      ]),
    };
  }
  if (c.acceptKw("TO")) {
    const grantee = readGrantee(c, ctx);
    checkGrantee(env, grantee);
    const list = sortGrants(all.filter((g) => g.granteeKind === grantee.kind && g.grantee === grantee.name));
    return { kind: "SHOW", columns: columns(GRANT_COLUMNS), rows: list.map((g) => grantRow(env, g)) };
  }
  c.expectKw("ON");
  const kind = readKind(c);
  if (!kind) c.fail("an object type");
  let name: string[] = [];
  let actual = kind;
  if (kind !== "ACCOUNT") {
    name = resolveName(ctx, kind, c.name());
    actual = await existingKind(env, kind, name);
    const roles = sessionRoles(env, ctx);
    if (
      !ACCOUNT_OBJECTS.has(kind) &&
      !seesObject(env, roles, actual, name) &&
      !hasManageGrants(env, roles) &&
      hasAnyOwner(env, actual, name)
    )
      throw notFound("Object", displayName(name));
  }
  if (!c.atEnd()) c.fail("end of statement");
  const list = sortGrants(grantsOn(env, actual, name));
  return { kind: "SHOW", columns: columns(GRANT_COLUMNS), rows: list.map((g) => grantRow(env, g)) };
}

function hasAnyOwner(env: CatalogEnv, kind: string, name: string[]): boolean {
  return ownerOf(env, kind, name) !== null;
}
