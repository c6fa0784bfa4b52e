/**
 * SHOW [TERSE] USERS and DESCRIBE USER with the SHOW USERS and DESCRIBE USER pages' columns
 * (szeno/snowflake-docs b5c216b). SHOW USERS: the Output table's 31 columns (has_pat,
 * has_workload_identity, is_from_organization_user last); unset text properties are NULL. DESCRIBE
 * USER: property / value / default / description, the example's rows in its order, with
 * HAS_WORKLOAD_IDENTITY (the property table's name for HAS_FEDERATED_WORKLOAD_AUTHENTICATION) and
 * IS_FROM_ORGANIZATION_USER last; every cell is text, an unset value the string `null`.
 */
import type { CellValue } from "../../types.js";
import type { CatalogContext, CatalogEnv } from "../context.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import type { User } from "../model.js";
import { displayName } from "../names.js";
import { ownerOf, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, ts } from "../results.js";
import { publicKeyFingerprint } from "../users.js";
import { applyFilters, byName, parseShowFilters } from "./filters.js";

export const SHOW_USERS_COLUMNS = [
  "name:t",
  "created_on:d",
  "login_name:t",
  "display_name:t",
  "first_name:t",
  "last_name:t",
  "email:t",
  "mins_to_unlock:t",
  "days_to_expiry:t",
  "comment:t",
  "disabled:t",
  "must_change_password:t",
  "snowflake_lock:t",
  "default_warehouse:t",
  "default_namespace:t",
  "default_role:t",
  "default_secondary_roles:t",
  "ext_authn_duo:t",
  "ext_authn_uid:t",
  "mins_to_bypass_mfa:t",
  "owner:t",
  "last_success_login:d",
  "expires_at_time:d",
  "locked_until_time:d",
  "has_password:t",
  "has_rsa_public_key:t",
  "type:t",
  "has_mfa:t",
  "has_pat:t",
  "has_workload_identity:t",
  "is_from_organization_user:t",
] as const;

/** SHOW TERSE USERS: the TERSE list of the page (org_identity after email). */
export const TERSE_USERS_COLUMNS = [
  "name:t",
  "created_on:d",
  "display_name:t",
  "first_name:t",
  "last_name:t",
  "email:t",
  "org_identity:t",
  "comment:t",
  "has_password:t",
  "has_rsa_public_key:t",
  "type:t",
  "has_mfa:t",
  "has_pat:t",
  "has_workload_identity:t",
  "is_from_organization_user:t",
] as const;

function userRow(env: CatalogEnv, u: User): Record<string, CellValue> {
  return {
    name: u.name,
    created_on: ts(u.createdOn),
    login_name: u.loginName,
    display_name: u.displayName,
    first_name: u.firstName,
    last_name: u.lastName,
    email: u.email,
    mins_to_unlock: null,
    days_to_expiry: null,
    comment: u.comment === "" ? null : u.comment,
    disabled: String(u.disabled),
    must_change_password: String(u.mustChangePassword),
    snowflake_lock: "false",
    default_warehouse: u.defaultWarehouse,
    default_namespace: u.defaultNamespace,
    default_role: u.defaultRole,
    default_secondary_roles: u.defaultSecondaryRoles,
    ext_authn_duo: "false",
    ext_authn_uid: null,
    mins_to_bypass_mfa: null,
    owner: ownerOf(env, "USER", [u.name]) ?? "",
    last_success_login: ts(u.lastSuccessLogin),
    expires_at_time: null,
    locked_until_time: null,
    has_password: String(u.passwordHash !== null),
    has_rsa_public_key: String(u.rsaPublicKey !== null || u.rsaPublicKey2 !== null),
    type: u.type,
    has_mfa: "false",
    has_pat: "false",
    has_workload_identity: "false",
    is_from_organization_user: "false",
    org_identity: null,
  };
}

export function showUsers(env: CatalogEnv, ctx: CatalogContext, c: Cursor, terse: boolean): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const list = [...env.store.users.values()].sort(byName((u) => u.name));
  const specs = terse ? TERSE_USERS_COLUMNS : SHOW_USERS_COLUMNS;
  const names = specs.map((s) => s.split(":")[0]!);
  const rows = applyFilters(list, f, (u) => u.name).map((u) => {
    const row = userRow(env, u);
    return names.map((n) => row[n] ?? null);
  });
  return { kind: "SHOW", columns: columns(specs), rows };
}

/** DESCRIBE USER's timestamps: `2020-10-08 01:33:13.43` (UTC, milliseconds without trailing zeros). */
function describedTime(ms: number | undefined): string | null {
  if (ms === undefined) return null;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`.replace(/\.?0+$/, "");
}

export function describeUser(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const name = c.ident("user name");
  const u = env.store.users.get(name);
  const roles = sessionRoles(env, ctx);
  if (!u || (name !== ctx.user && !roles.roles.has("USERADMIN") && ownerOf(env, "USER", [name]) !== ctx.role))
    throw notFound("User", displayName([name]));
  const fp = (key: string | null) => (key ? publicKeyFingerprint(key) : null);
  const off = ["false", "false"] as const;
  const rows: [string, string | null, string | null, string][] = [
    ["NAME", u.name, null, "Name"],
    ["COMMENT", u.comment || null, null, "user comment associated to an object in the dictionary"],
    ["DISPLAY_NAME", u.displayName, null, "Display name of the associated object"],
    [
      "TYPE",
      u.type,
      null,
      "Type of the account, application package, data exchange, data exchange listing, replication group, secret, network rule, or user.",
    ],
    ["LOGIN_NAME", u.loginName, null, "Login name of the user"],
    ["FIRST_NAME", u.firstName, null, "First name of the user"],
    ["MIDDLE_NAME", null, null, "Middle name of the user"],
    ["LAST_NAME", u.lastName, null, "Last name of the user"],
    ["EMAIL", u.email, null, "Email address of the user"],
    ["PASSWORD", u.passwordHash === null ? null : "********", null, "Password of the user"],
    ["MUST_CHANGE_PASSWORD", String(u.mustChangePassword), "false", "User must change the password"],
    ["DISABLED", String(u.disabled), "false", "Whether the entity is disabled"],
    ["SNOWFLAKE_LOCK", ...off, "Whether the user, account, or organization is locked by Snowflake"],
    ["SNOWFLAKE_SUPPORT", ...off, "Snowflake Support is allowed to use the user or account"],
    ["DAYS_TO_EXPIRY", null, null, "User record will be treated as expired after specified number of days"],
    [
      "MINS_TO_UNLOCK",
      null,
      null,
      "Temporary lock on the user will be removed after specified number of minutes",
    ],
    ["DEFAULT_WAREHOUSE", u.defaultWarehouse, null, "Default warehouse for this user"],
    ["DEFAULT_NAMESPACE", u.defaultNamespace, null, "Default database namespace prefix for this user"],
    ["DEFAULT_ROLE", u.defaultRole, null, "Primary principal of user session will be set to this role"],
    [
      "DEFAULT_SECONDARY_ROLES",
      u.defaultSecondaryRoles,
      "[ALL]",
      "The secondary roles will be set to all roles provided here.",
    ],
    ["EXT_AUTHN_DUO", ...off, "Whether Duo Security is enabled as second factor authentication"],
    ["EXT_AUTHN_UID", null, null, "External authentication ID of the user"],
    ["DEFAULT_MFA_METHOD", null, null, "Default MFA method for the user"],
    ["HAS_MFA", ...off, "Whether the user is enrolled in multi-factor authentication"],
    ["HAS_PAT", ...off, "Whether the user has a programmatic access token"],
    ["HAS_WORKLOAD_IDENTITY", ...off, "Reserved for future use"],
    ["MINS_TO_BYPASS_MFA", null, null, "Temporary bypass MFA for the user for a specified number of minutes"],
    [
      "MINS_TO_BYPASS_NETWORK_POLICY",
      null,
      null,
      "Temporary bypass network policy on the user for a specified number of minutes",
    ],
    ["RSA_PUBLIC_KEY", u.rsaPublicKey, null, "RSA public key of the user"],
    ["RSA_PUBLIC_KEY_FP", fp(u.rsaPublicKey), null, "Fingerprint of user's RSA public key."],
    [
      "RSA_PUBLIC_KEY_LAST_SET_TIME",
      null,
      null,
      "The timestamp at which the RSA public key was last set for the user. Defaults to null if no RSA public key has been set yet.",
    ],
    ["RSA_PUBLIC_KEY_2", u.rsaPublicKey2, null, "Second RSA public key of the user"],
    ["RSA_PUBLIC_KEY_2_FP", fp(u.rsaPublicKey2), null, "Fingerprint of user's second RSA public key."],
    [
      "RSA_PUBLIC_KEY_2_LAST_SET_TIME",
      null,
      null,
      "The timestamp at which the second RSA public key was last set for the user. Defaults to null if no second RSA public key has been set yet.",
    ],
    [
      "PASSWORD_LAST_SET_TIME",
      u.passwordHash === null ? null : describedTime(u.passwordLastSetOn),
      null,
      "The timestamp on which the last non-null password was set for the user. Default to null if no password has been set yet.",
    ],
    ["CUSTOM_LANDING_PAGE_URL", null, null, "Reserved for future use"],
    ["CUSTOM_LANDING_PAGE_URL_FLUSH_NEXT_UI_LOAD", ...off, "Reserved for future use"],
    ["IS_FROM_ORGANIZATION_USER", ...off, "If TRUE, the user was imported from a global organization user."],
  ];
  return {
    kind: "DESCRIBE",
    columns: columns(["property:t", "value:t", "default:t", "description:t"]),
    rows: rows.map(([p, v, d, desc]) => [p, v ?? "null", d ?? "null", desc]),
  };
}
