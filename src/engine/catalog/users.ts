/** CREATE / ALTER / DROP / SHOW / DESCRIBE USER, and the login checks the REST server asks for. */
import { createHash, createPublicKey, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, invalidValue, notFound } from "./errors.js";
import type { Cursor, PropertyValue } from "./lexer.js";
import type { User } from "./model.js";
import { displayName } from "./names.js";
import {
  grantsOn,
  grantsTo,
  requireAccountPrivilege,
  requireOwnership,
  sessionRoles,
  setOwner,
} from "./privileges.js";
import { type CatalogResult, OK, status } from "./results.js";

const PROPERTIES = new Set([
  "PASSWORD",
  "LOGIN_NAME",
  "DISPLAY_NAME",
  "FIRST_NAME",
  "MIDDLE_NAME",
  "LAST_NAME",
  "EMAIL",
  "MUST_CHANGE_PASSWORD",
  "DISABLED",
  "DAYS_TO_EXPIRY",
  "MINS_TO_UNLOCK",
  "DEFAULT_WAREHOUSE",
  "DEFAULT_NAMESPACE",
  "DEFAULT_ROLE",
  "DEFAULT_SECONDARY_ROLES",
  "MINS_TO_BYPASS_MFA",
  "RSA_PUBLIC_KEY",
  "RSA_PUBLIC_KEY_FP",
  "RSA_PUBLIC_KEY_2",
  "RSA_PUBLIC_KEY_2_FP",
  "TYPE",
  "COMMENT",
  "NETWORK_POLICY",
]);

/** Hashes a password with scrypt and a random salt; the password itself is never stored. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("hex")}$${scryptSync(password, salt, 32).toString("hex")}`;
}

export function passwordMatches(hash: string | null, password: string): boolean {
  if (!hash) return false;
  const [scheme, salt, expected] = hash.split("$");
  if (scheme !== "scrypt" || !salt || !expected) return false;
  const actual = scryptSync(password, Buffer.from(salt, "hex"), 32);
  const want = Buffer.from(expected, "hex");
  return actual.length === want.length && timingSafeEqual(actual, want);
}

/** `SHA256:<base64>` fingerprint of an RSA public key, as DESCRIBE USER shows it. */
export function publicKeyFingerprint(key: string): string | null {
  try {
    const pem = key.includes("BEGIN")
      ? key
      : `-----BEGIN PUBLIC KEY-----\n${key.replace(/\s+/g, "")}\n-----END PUBLIC KEY-----\n`;
    const der = createPublicKey(pem).export({ type: "spki", format: "der" });
    return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
  } catch {
    return null;
  }
}

function text(v: PropertyValue): string {
  return v.kind === "list" ? v.items.join(",") : v.text;
}

function readProperties(c: Cursor): Map<string, PropertyValue> {
  const props = new Map<string, PropertyValue>();
  while (!c.atEnd()) {
    if (c.acceptKw("WITH")) continue;
    const key = c.ident("a user property");
    if (!PROPERTIES.has(key)) c.fail("a user property", c.tokens[c.pos - 1]);
    c.expectSymbol("=");
    props.set(key, c.value());
    c.acceptSymbol(",");
  }
  return props;
}

function boolValue(key: string, v: PropertyValue): boolean {
  const s = text(v).toUpperCase();
  if (s === "TRUE") return true;
  if (s === "FALSE") return false;
  throw invalidValue(`invalid value '${text(v)}' for property '${key}'`);
}

function applyProperties(u: User, props: Map<string, PropertyValue>, now: number): void {
  if (props.has("PASSWORD")) u.passwordLastSetOn = now;
  const type = props.get("TYPE");
  if (type) {
    const t = text(type).toUpperCase();
    if (t !== "PERSON" && t !== "SERVICE" && t !== "LEGACY_SERVICE" && t !== "NULL")
      throw invalidValue(`invalid value '${text(type)}' for property 'TYPE'`);
    u.type = t === "NULL" ? null : t;
  }
  for (const [key, v] of props) {
    const isNull = v.kind === "word" && v.text === "NULL";
    const s = isNull ? null : text(v);
    switch (key) {
      case "PASSWORD":
        if (u.type === "SERVICE")
          throw invalidValue("Cannot set property PASSWORD for a user of TYPE = SERVICE.");
        u.passwordHash = s === null || s === "" ? null : hashPassword(s);
        break;
      case "LOGIN_NAME":
        u.loginName = (s ?? u.name).toUpperCase();
        break;
      case "DISPLAY_NAME":
        u.displayName = s ?? u.name;
        break;
      case "FIRST_NAME":
        u.firstName = s;
        break;
      case "LAST_NAME":
        u.lastName = s;
        break;
      case "EMAIL":
        u.email = s;
        break;
      case "COMMENT":
        u.comment = s ?? "";
        break;
      case "DISABLED":
        u.disabled = boolValue(key, v);
        break;
      case "MUST_CHANGE_PASSWORD":
        if (u.type === "SERVICE" && boolValue(key, v))
          throw invalidValue("Cannot set property MUST_CHANGE_PASSWORD for a user of TYPE = SERVICE.");
        u.mustChangePassword = boolValue(key, v);
        break;
      case "DEFAULT_ROLE":
        u.defaultRole = s === null ? null : v.kind === "word" && !v.quoted ? s.toUpperCase() : s;
        break;
      case "DEFAULT_WAREHOUSE":
        u.defaultWarehouse = s === null ? null : v.kind === "word" && !v.quoted ? s.toUpperCase() : s;
        break;
      case "DEFAULT_NAMESPACE":
        u.defaultNamespace = s;
        break;
      case "DEFAULT_SECONDARY_ROLES":
        u.defaultSecondaryRoles = v.kind === "list" ? JSON.stringify(v.items) : s;
        break;
      case "RSA_PUBLIC_KEY":
        u.rsaPublicKey = s;
        break;
      case "RSA_PUBLIC_KEY_2":
        u.rsaPublicKey2 = s;
        break;
      default:
        break;
    }
  }
}

export async function createUser(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  requireAccountPrivilege(env, sessionRoles(env, ctx), "CREATE USER");
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const name = c.ident("user name");
  const props = readProperties(c);
  const existing = env.store.users.get(name);
  if (existing && ifNotExists) return status(`${displayName([name])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("User", displayName([name]));
  const u = newUser(name, ctx.role, env.now());
  applyProperties(u, props, env.now());
  await env.store.putUser(u);
  if (!existing) await setOwner(env, "USER", [name], ctx.role);
  return status(`User ${displayName([name])} successfully created.`);
}

export function newUser(name: string, owner: string, now: number): User {
  return {
    name,
    loginName: name.toUpperCase(),
    displayName: name,
    firstName: null,
    lastName: null,
    email: null,
    comment: "",
    defaultRole: null,
    defaultWarehouse: null,
    defaultNamespace: null,
    defaultSecondaryRoles: null,
    type: null,
    passwordHash: null,
    rsaPublicKey: null,
    rsaPublicKey2: null,
    disabled: false,
    mustChangePassword: false,
    createdOn: now,
    owner,
    lastSuccessLogin: null,
  };
}

export async function alterUser(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("user name");
  const u = env.store.users.get(name);
  if (!u) {
    if (ifExists) return status(OK);
    throw notFound("User", displayName([name]));
  }
  const roles = sessionRoles(env, ctx);
  const self = name === ctx.user;
  if (!self && !roles.roles.has("USERADMIN")) requireOwnership(env, roles, "USER", "User", [name]);
  if (c.acceptKw("RENAME", "TO")) {
    const to = c.ident();
    if (env.store.users.has(to)) throw alreadyExists("User", displayName([to]));
    await env.store.deleteUser(name);
    u.name = to;
    await env.store.putUser(u);
    for (const g of [...grantsTo(env, "USER", name), ...grantsOn(env, "USER", [name])]) {
      await env.store.deleteGrant(g);
      await env.store.putGrant(
        g.granteeKind === "USER" && g.grantee === name ? { ...g, grantee: to } : { ...g, objectName: [to] },
      );
    }
    return status(OK);
  }
  if (c.acceptKw("SET")) {
    applyProperties(u, readProperties(c), env.now());
  } else if (c.acceptKw("UNSET")) {
    do {
      const key = c.ident("a user property");
      if (!PROPERTIES.has(key)) c.fail("a user property", c.tokens[c.pos - 1]);
      const reset = newUser(u.name, u.owner, u.createdOn);
      const field = fieldOf(key);
      if (field)
        (u as unknown as Record<string, unknown>)[field] = (reset as unknown as Record<string, unknown>)[
          field
        ];
    } while (c.acceptSymbol(","));
  } else c.fail("SET, UNSET or RENAME TO");
  await env.store.putUser(u);
  return status(OK);
}

function fieldOf(key: string): keyof User | null {
  const map: Record<string, keyof User> = {
    PASSWORD: "passwordHash",
    LOGIN_NAME: "loginName",
    DISPLAY_NAME: "displayName",
    FIRST_NAME: "firstName",
    LAST_NAME: "lastName",
    EMAIL: "email",
    COMMENT: "comment",
    DISABLED: "disabled",
    MUST_CHANGE_PASSWORD: "mustChangePassword",
    DEFAULT_ROLE: "defaultRole",
    DEFAULT_WAREHOUSE: "defaultWarehouse",
    DEFAULT_NAMESPACE: "defaultNamespace",
    DEFAULT_SECONDARY_ROLES: "defaultSecondaryRoles",
    RSA_PUBLIC_KEY: "rsaPublicKey",
    RSA_PUBLIC_KEY_2: "rsaPublicKey2",
    TYPE: "type",
  };
  return map[key] ?? null;
}

export async function dropUser(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("user name");
  if (!env.store.users.has(name)) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw notFound("User", displayName([name]));
  }
  const roles = sessionRoles(env, ctx);
  if (!roles.roles.has("USERADMIN")) requireOwnership(env, roles, "USER", "User", [name]);
  if (name === ctx.user)
    throw catalogError("003054", "42601", "SQL execution error:\nCannot drop the current user.");
  for (const g of [...grantsTo(env, "USER", name), ...grantsOn(env, "USER", [name])])
    await env.store.deleteGrant(g);
  await env.store.deleteUser(name);
  return status(`${displayName([name])} successfully dropped.`);
}

/** Replaces password and key literals in SQL text, so secrets never reach a log. */
export function maskSecrets(sql: string): string {
  return sql.replace(
    /\b(PASSWORD|RSA_PUBLIC_KEY(?:_2)?|PRIVATE_KEY|PASSPHRASE|TOKEN)(\s*=\s*)('(?:[^'\\]|\\.|'')*'|\$\$[\s\S]*?\$\$)/gi,
    "$1$2'****'",
  );
}
