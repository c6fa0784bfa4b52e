/**
 * What `mercurios import` writes of a live account: everything the account holds in the
 * environment's database and at account level, except what Snowflake owns (the SNOWFLAKE database,
 * system roles and their grants, ownership grants, the PUBLIC role, the SNOWFLAKE user, SYSTEM$
 * warehouses, INFORMATION_SCHEMA, and PUBLIC unless something imported lives in it), what the config
 * ignores, and kinds not asked for. A reference the written declarations could not satisfy (a grant
 * on a warehouse that is left out, a user's default warehouse that does not exist) is dropped with a
 * note, so what is written loads; each note says what drift will then report. Pure: no account, no
 * files.
 */
import {
  type GrantObject,
  isSystemRole,
  matchesPattern,
  type ModelObject,
  type ObjectKind,
  objectLabel,
  publicKeyVariable,
  resolveIdentifier,
  splitQualifiedName,
} from "../../model/index.js";

/** Kinds as `--kinds` names them, and the model kinds each one reads and writes. */
export const IMPORT_KINDS = {
  database: ["database", "schema"],
  warehouses: ["warehouse"],
  monitors: ["resource_monitor"],
  roles: ["role", "role_grant", "grant", "future_grant"],
  users: ["user", "role_grant"],
  // A policy is written with the tables and views it protects (`attachedTo`).
  policies: ["row_access_policy", "policy_attachment", "masking_policy", "masking_attachment"],
  tasks: ["task"],
  views: ["view"],
} as const satisfies Record<string, readonly ObjectKind[]>;

export type ImportKind = keyof typeof IMPORT_KINDS;

/** Other spellings `--kinds` accepts. */
const ALIASES: Record<string, ImportKind> = {
  databases: "database",
  schema: "database",
  schemas: "database",
  warehouse: "warehouses",
  monitor: "monitors",
  resource_monitor: "monitors",
  resource_monitors: "monitors",
  role: "roles",
  grant: "roles",
  grants: "roles",
  future_grant: "roles",
  future_grants: "roles",
  user: "users",
  policy: "policies",
  row_access_policy: "policies",
  row_access_policies: "policies",
  masking_policy: "policies",
  masking_policies: "policies",
  task: "tasks",
  view: "views",
};

/** `--kinds` names -> import kinds; unknown names are returned separately. */
export function parseImportKinds(names: readonly string[]): { kinds: ImportKind[]; unknown: string[] } {
  const kinds = new Set<ImportKind>();
  const unknown: string[] = [];
  for (const written of names) {
    const name = written.trim().toLowerCase().replace(/-/g, "_");
    if (name === "") continue;
    const kind = name in IMPORT_KINDS ? (name as ImportKind) : ALIASES[name];
    if (kind) kinds.add(kind);
    else unknown.push(written.trim());
  }
  return { kinds: [...kinds], unknown };
}

/** The model kinds the import kinds read and write. */
export function modelKindsOf(kinds: readonly ImportKind[]): ObjectKind[] {
  return [...new Set(kinds.flatMap((kind) => IMPORT_KINDS[kind]))];
}

export interface SelectOptions {
  /** The environment's database, SQL-ready. */
  db: string;
  /** Model kinds to write. */
  kinds: ReadonlySet<ObjectKind>;
  /** Config `ignore` patterns (`<KIND> <NAME>`): objects matching them are not written. */
  ignore: readonly string[];
  /** Users that have a password (SHOW USERS `has_password`). */
  usersWithPasswords: ReadonlySet<string>;
}

export interface ImportSelection {
  objects: ModelObject[];
  /** For the person importing: secrets not written, references dropped, objects left out. */
  notes: string[];
}

/** The schema part of `DB.SCHEMA` (resolved). */
const schemaOf = (name: string) => resolveIdentifier(splitQualifiedName(name).at(-1) ?? name);

/** The `DB.SCHEMA` an object name of 3 parts lives in; undefined for other names. */
function containerOf(objectName: string): string | undefined {
  const parts = splitQualifiedName(objectName);
  return parts.length === 3 ? `${parts[0]}.${parts[1]}` : undefined;
}

/** Whether a name of the environment's database can be written in the config (unquoted only). */
export const isConfigIdentifier = (resolved: string) => /^[A-Z_][A-Z0-9_$]*$/.test(resolved);

/** Selects what import writes; see the module comment. */
export function selectForImport(live: readonly ModelObject[], options: SelectOptions): ImportSelection {
  const { db } = options;
  const notes: string[] = [];
  const ignored = (object: ModelObject) => {
    const label = objectLabel(object);
    return options.ignore.some((pattern) => matchesPattern(label, pattern));
  };
  const inDb = (object: ModelObject) => (object as { database?: string }).database === db;
  const ownedByUs = (object: ModelObject): boolean => {
    switch (object.kind) {
      case "database":
        return object.name === db;
      case "schema":
        return inDb(object) && schemaOf(object.name) !== "INFORMATION_SCHEMA";
      case "warehouse":
        return !object.name.startsWith("SYSTEM$");
      case "role":
        return !isSystemRole(object.name);
      case "user":
        return object.name !== "SNOWFLAKE";
      case "grant":
        return object.privilege !== "OWNERSHIP";
      case "view":
      case "row_access_policy":
      case "task":
      case "policy_attachment":
      case "masking_policy":
      case "masking_attachment":
        return inDb(object);
      case "future_grant":
        return object.container === db || object.container.startsWith(`${db}.`);
      default:
        return true;
    }
  };
  const candidates = live.filter((o) => o.kind !== "table" && ownedByUs(o) && !ignored(o));
  const kept = (kind: ObjectKind) => new Set(candidates.filter((o) => o.kind === kind).map((o) => o.name));
  const roles = kept("role");
  const users = kept("user");
  const warehouses = kept("warehouse");
  const views = new Set<string>();
  const roleKnown = (name: string) => roles.has(name) || isSystemRole(name);

  const selected: ModelObject[] = [];
  for (const object of candidates) {
    const written = fitForImport(object);
    if (written) selected.push(written);
  }

  /** The object as it is written, or undefined when it is left out (with a note where it matters). */
  function fitForImport(object: ModelObject): ModelObject | undefined {
    const label = objectLabel(object);
    const copy = structuredClone(object) as ModelObject & { owner?: string };
    if (copy.owner !== undefined && !roleKnown(copy.owner)) {
      notes.push(`${label}: owner ${copy.owner} is not a role that is written; the owner is not declared.`);
      delete copy.owner;
    }
    switch (copy.kind) {
      case "role_grant":
        if (!roles.has(copy.role)) return undefined;
        if (copy.granteeType === "USER" ? !users.has(copy.grantee) : copy.grantee === "PUBLIC")
          return undefined;
        if (copy.granteeType === "ROLE" && !roleKnown(copy.grantee)) return undefined;
        return copy;
      case "grant":
        if (!roles.has(copy.role)) return undefined;
        if (copy.objectType === "WAREHOUSE" && !warehouses.has(copy.objectName)) {
          notes.push(`${label}: warehouse ${copy.objectName} is not written; drift will report the grant.`);
          return undefined;
        }
        // The shared SNOWFLAKE database is granted with IMPORTED PRIVILEGES, which SHOW reports as USAGE.
        if (copy.objectType === "DATABASE" && copy.objectName === "SNOWFLAKE" && copy.privilege === "USAGE")
          return { ...copy, privilege: "IMPORTED PRIVILEGES" } satisfies GrantObject;
        return copy;
      case "future_grant":
        if (!roles.has(copy.role)) {
          notes.push(
            `${label}: granted to a role that is not written (a system role cannot be declared); drift will report it.`,
          );
          return undefined;
        }
        return copy;
      case "user":
        if (options.usersWithPasswords.has(copy.name))
          notes.push(
            `USER ${copy.name} has a password: passwords are never declared; set and rotate it outside mercurios.`,
          );
        if (copy.hasRsaPublicKey) {
          notes.push(
            `USER ${copy.name} has an RSA public key: declared as { env: "${publicKeyVariable(copy)}" }; set that variable to the public key (never the private key) before plan, drift or apply.`,
          );
        }
        if (copy.defaultWarehouse && !warehouses.has(copy.defaultWarehouse)) {
          notes.push(
            `USER ${copy.name}: default warehouse ${copy.defaultWarehouse} is not written (it may not exist); defaultWarehouse is not declared.`,
          );
          delete copy.defaultWarehouse;
        }
        if (copy.defaultRole && !roleKnown(copy.defaultRole)) {
          notes.push(
            `USER ${copy.name}: default role ${copy.defaultRole} is not written (it may not exist); defaultRole is not declared.`,
          );
          delete copy.defaultRole;
        }
        return copy;
      case "view":
        if (copy.queryCanonical === undefined) {
          notes.push(
            `${label}: a secure view whose text the importing role cannot see (only its owner can); not written.`,
          );
          return undefined;
        }
        views.add(copy.name);
        return copy;
      case "task":
        if (copy.warehouse && !warehouses.has(copy.warehouse)) {
          notes.push(`${label}: warehouse ${copy.warehouse} is not written; the warehouse is not declared.`);
          delete copy.warehouse;
        }
        return copy;
      default:
        return copy;
    }
  }

  // A grant on a view that is not written would not load (views are checked); it is left out too.
  const objects = selected.filter((o) => {
    if (o.kind !== "grant" || o.objectType !== "VIEW" || !o.objectName.startsWith(`${db}.`)) return true;
    if (views.has(o.objectName)) return true;
    notes.push(`${objectLabel(o)}: the view is not written; drift will report the grant.`);
    return false;
  });
  return { objects: withUsedSchemas(objects, db).filter((o) => options.kinds.has(o.kind)), notes };
}

/**
 * PUBLIC is created with every database: it is written only when something written lives in it or
 * is granted on it (it must then be one of the config's schemas).
 */
function withUsedSchemas(objects: ModelObject[], db: string): ModelObject[] {
  const publicSchema = `${db}.PUBLIC`;
  const used = objects.some((o) => {
    switch (o.kind) {
      case "view":
      case "row_access_policy":
      case "masking_policy":
      case "task":
        return `${o.database}.${o.schema}` === publicSchema;
      case "grant":
        return o.objectName === publicSchema || containerOf(o.objectName) === publicSchema;
      case "future_grant":
        return o.container === publicSchema;
      default:
        return false;
    }
  });
  return used ? objects : objects.filter((o) => !(o.kind === "schema" && o.name === publicSchema));
}
