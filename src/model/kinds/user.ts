/** USER: declared in roles/ with `defineUser`, with the roles granted to it. */
import { z } from "zod";
import { quoteString, resolveIdentifier, resolveQualifiedName } from "../identifiers.js";
import { isNullMarker, normaliseBoolean, normaliseComment, normaliseOptionalText } from "../normalise.js";
import { type RoleGrantObject, roleGrant } from "./role-grant.js";
import {
  alterReason,
  cannotRender,
  commentSchema,
  declaredName,
  declaredOptionalName,
  defined,
  envValueSchema,
  ident,
  identifierSchema,
  mapRows,
  optionalIdent,
  qualifiedSchema,
  sqlBool,
  sqlText,
  text,
  varValueSchema,
  when,
} from "./shared.js";
import type { BuildContext, KindDefinition, ShowRow } from "./types.js";

export interface UserObject {
  kind: "user";
  name: string;
  type?: "PERSON" | "SERVICE" | "LEGACY_SERVICE";
  loginName?: string;
  /** A person's names and email, as SHOW USERS reports them (display name defaults to the user name). */
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  defaultRole?: string | null;
  defaultWarehouse?: string | null;
  defaultNamespace?: string | null;
  disabled?: boolean;
  /** Only whether a key is set is compared: Snowflake reports a fingerprint, never the key. */
  hasRsaPublicKey?: boolean;
  /** Rendered into DDL only; never compared or printed in reports. */
  rsaPublicKey?: string;
  comment?: string | null;
}

export const userSchema = z.strictObject({
  name: identifierSchema,
  type: z.enum(["PERSON", "SERVICE", "LEGACY_SERVICE"]).optional(),
  loginName: z.string().optional(),
  displayName: z.string().nullable().optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  defaultRole: identifierSchema.nullable().optional(),
  defaultWarehouse: identifierSchema.nullable().optional(),
  defaultNamespace: qualifiedSchema.nullable().optional(),
  disabled: z.boolean().optional(),
  /** Roles granted to the user. */
  roles: z.array(identifierSchema).default([]),
  /**
   * Public key for key-pair auth: `{ env: 'NAME' }` or `{ var: 'name' }` (never the private key).
   * A literal PEM body is accepted too: a public key is not a secret.
   */
  rsaPublicKey: z.union([z.string().min(1), envValueSchema, varValueSchema]).optional(),
  comment: commentSchema,
});
export type UserDeclaration = z.input<typeof userSchema>;

/** A text column of SHOW USERS: unset (null markers) is null; a column SHOW does not have is not read. */
const optionalText = (row: ShowRow, column: string): string | null | undefined =>
  column in row ? normaliseOptionalText(text(row, column)) : undefined;

/** SHOW USERS. */
export function userFromRow(row: ShowRow): UserObject {
  const type = text(row, "type")?.toUpperCase();
  return defined({
    kind: "user",
    name: ident(text(row, "name")),
    type: type === "PERSON" || type === "SERVICE" || type === "LEGACY_SERVICE" ? type : undefined,
    loginName: isNullMarker(text(row, "login_name")) ? undefined : text(row, "login_name")!.toUpperCase(),
    displayName: optionalText(row, "display_name"),
    firstName: optionalText(row, "first_name"),
    lastName: optionalText(row, "last_name"),
    email: optionalText(row, "email"),
    defaultRole: "default_role" in row ? optionalIdent(text(row, "default_role")) : undefined,
    defaultWarehouse: "default_warehouse" in row ? optionalIdent(text(row, "default_warehouse")) : undefined,
    defaultNamespace:
      "default_namespace" in row
        ? isNullMarker(text(row, "default_namespace"))
          ? null
          : resolveQualifiedName(text(row, "default_namespace")!)
        : undefined,
    disabled: normaliseBoolean(text(row, "disabled")),
    hasRsaPublicKey: normaliseBoolean(text(row, "has_rsa_public_key")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
  } satisfies UserObject);
}

const PARAMS: Record<string, string> = {
  type: "TYPE",
  loginName: "LOGIN_NAME",
  displayName: "DISPLAY_NAME",
  firstName: "FIRST_NAME",
  lastName: "LAST_NAME",
  email: "EMAIL",
  defaultRole: "DEFAULT_ROLE",
  defaultWarehouse: "DEFAULT_WAREHOUSE",
  defaultNamespace: "DEFAULT_NAMESPACE",
  disabled: "DISABLED",
  comment: "COMMENT",
};

/** Written back only when set: most users have none of them. */
const PERSON_FIELDS = new Set(["firstName", "lastName", "email"]);

/** Parameters whose value is a string literal. */
const TEXT_PARAMS = new Set([
  "loginName",
  "displayName",
  "firstName",
  "lastName",
  "email",
  "comment",
  "defaultNamespace",
]);

function paramValue(property: string, value: unknown): string {
  if (typeof value === "boolean") return sqlBool(value);
  if (TEXT_PARAMS.has(property)) return sqlText(value as string);
  return String(value);
}

/** The declared public key: a literal, an environment variable or a config var; problems when unset. */
function publicKey(
  value: z.output<typeof userSchema>,
  name: string,
  context: BuildContext,
): string | undefined {
  const declared = value.rsaPublicKey;
  let key: string | undefined;
  if (typeof declared === "string") key = declared;
  else if (declared && "env" in declared) {
    key = context.processEnv[declared.env];
    if (!key) {
      context.problem(
        `USER ${name}`,
        `rsaPublicKey: environment variable ${declared.env} is not set`,
        `Set ${declared.env} to the user's public key (PEM body).`,
        "rsaPublicKey",
      );
    }
  } else if (declared && "var" in declared) {
    const fromVar = context.vars[declared.var];
    key = fromVar === undefined ? undefined : String(fromVar);
    if (!key) {
      context.problem(
        `USER ${name}`,
        `rsaPublicKey: config var '${declared.var}' has no value in environment ${context.env}`,
        "Declare the var in mercurios.config.ts (vars or the environment's vars).",
        "rsaPublicKey",
      );
    }
  }
  return key ? key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "") : undefined;
}

/** Name of the environment variable a written user's public key is read from. */
export function publicKeyVariable(user: Pick<UserObject, "name">): string {
  return `${user.name.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase()}_RSA_PUBLIC_KEY`;
}

export const userKind: KindDefinition<"user"> = {
  kind: "user",
  label: "USER",
  category: "security",
  order: { report: 24, create: 40, remove: 80 },
  comparedByDefault: true,
  properties: {
    type: { label: "type" },
    loginName: { label: "login_name" },
    displayName: { label: "display_name" },
    firstName: { label: "first_name" },
    lastName: { label: "last_name" },
    email: { label: "email" },
    defaultRole: { label: "default_role" },
    defaultWarehouse: { label: "default_warehouse" },
    defaultNamespace: { label: "default_namespace" },
    disabled: { label: "disabled" },
    hasRsaPublicKey: { label: "rsa_public_key" },
    comment: { label: "comment" },
  },
  read: async (reader) => mapRows(await reader.show("SHOW USERS"), userFromRow),
  isManaged: (object, scope) => scope.users.includes(object.name),
  create(u) {
    const settings: string[] = [];
    for (const [property, param] of Object.entries(PARAMS)) {
      const value = (u as unknown as Record<string, unknown>)[property];
      if (value !== undefined && value !== null) settings.push(`${param} = ${paramValue(property, value)}`);
    }
    if (u.rsaPublicKey) settings.push(`RSA_PUBLIC_KEY = ${quoteString(u.rsaPublicKey)}`);
    return [
      {
        sql: `CREATE USER ${u.name}${settings.length ? ` ${settings.join(" ")}` : ""}`,
        destructive: false,
        reason: "create",
      },
    ];
  },
  alter(u, changes) {
    const sets: string[] = [];
    const unsets: string[] = [];
    for (const change of changes) {
      if (change.property === "hasRsaPublicKey") {
        if (!u.rsaPublicKey)
          cannotRender(
            `USER ${u.name}`,
            "rsa_public_key",
            "Declare rsaPublicKey with a value for this environment.",
          );
        sets.push(`RSA_PUBLIC_KEY = ${quoteString(u.rsaPublicKey)}`);
        continue;
      }
      const param = PARAMS[change.property];
      if (!param)
        cannotRender(`USER ${u.name}`, change.label, "This property cannot be changed by mercurios.");
      if (change.declared === null) unsets.push(param);
      else sets.push(`${param} = ${paramValue(change.property, change.declared)}`);
    }
    const reason = alterReason(changes);
    return [
      ...(sets.length
        ? [{ sql: `ALTER USER ${u.name} SET ${sets.join(" ")}`, destructive: false, reason }]
        : []),
      ...(unsets.length
        ? [{ sql: `ALTER USER ${u.name} UNSET ${unsets.join(", ")}`, destructive: false, reason }]
        : []),
    ];
  },
  remove: (u) => `DROP USER ${u.name}`,
  removal: "drop",
  declaration: {
    brand: "user",
    schema: userSchema,
    build(value: z.output<typeof userSchema>, context) {
      const name = declaredName(value.name);
      const rsaPublicKey = publicKey(value, name, context);
      context.add({
        kind: "user",
        name,
        ...when("type", value.type),
        ...when("loginName", value.loginName?.toUpperCase()),
        ...when("displayName", value.displayName),
        ...when("firstName", value.firstName),
        ...when("lastName", value.lastName),
        ...when("email", value.email),
        ...when(
          "defaultRole",
          value.defaultRole === undefined ? undefined : declaredOptionalName(value.defaultRole),
        ),
        ...when(
          "defaultWarehouse",
          value.defaultWarehouse === undefined ? undefined : declaredOptionalName(value.defaultWarehouse),
        ),
        ...when(
          "defaultNamespace",
          value.defaultNamespace === undefined
            ? undefined
            : value.defaultNamespace === null
              ? null
              : resolveQualifiedName(value.defaultNamespace),
        ),
        ...when("disabled", value.disabled),
        ...when("hasRsaPublicKey", value.rsaPublicKey === undefined ? undefined : true),
        ...when("rsaPublicKey", rsaPublicKey || undefined),
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
      });
      for (const role of value.roles) context.add(roleGrant(declaredName(role), "USER", name));
    },
  },
  check(object, context) {
    if (object.defaultRole && !context.roleKnown(object.defaultRole)) {
      context.problem(
        `default role ${object.defaultRole} is not declared`,
        "Declare the role in roles/.",
        "defaultRole",
      );
    }
    if (object.defaultWarehouse && !context.has("warehouse", object.defaultWarehouse)) {
      context.problem(
        `default warehouse ${object.defaultWarehouse} is not declared`,
        "Declare the warehouse in monitors/.",
        "defaultWarehouse",
      );
    }
  },
  write(user, { objects }) {
    const roles = objects
      .filter(
        (o): o is RoleGrantObject =>
          o.kind === "role_grant" && o.granteeType === "USER" && o.grantee === user.name,
      )
      .map((g) => g.role)
      .sort();
    const { kind: _kind, hasRsaPublicKey, rsaPublicKey: _key, ...all } = user;
    // A person's names and email are written when set; the display name when it is not Snowflake's
    // default (the user name).
    const rest = Object.fromEntries(
      Object.entries(all).filter(([property, value]) =>
        property === "displayName"
          ? value !== null && value !== resolveIdentifier(user.name)
          : PERSON_FIELDS.has(property)
            ? value !== null
            : true,
      ),
    );
    return {
      folder: "roles",
      helper: "defineUser",
      value: {
        ...rest,
        ...(roles.length ? { roles } : {}),
        // Only the public key's presence can be read back: the key itself comes from the environment.
        ...(hasRsaPublicKey ? { rsaPublicKey: { env: publicKeyVariable(user) } } : {}),
      },
    };
  },
};
