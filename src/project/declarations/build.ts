/**
 * Turns validated declarations into the desired model and checks every cross-reference (a grant
 * to an undeclared role, a warehouse naming an undeclared monitor, …), collecting all problems.
 */
import type { z } from "zod";
import { ProjectError } from "../../errors/index.js";
import {
  type AccountModel,
  canonicalSql,
  checkSql,
  type FutureGrantObject,
  type GrantObject,
  type ModelObject,
  normaliseGrantObjectType,
  normalisePrivilege,
  normaliseWarehouseSize,
  objectKey,
  objectLabel,
  queryDependencies,
  quoteIdentifier,
  resolveIdentifier,
  resolveQualifiedName,
  type RoleGrantObject,
  singularObjectType,
  sortTriggers,
  splitQualifiedName,
  type ViewObject,
} from "../../model/index.js";
import type { DeclarationContext } from "./define.js";
import type {
  monitorSchema,
  roleSchema,
  rowAccessPolicySchema,
  taskSchema,
  userSchema,
  viewFrontMatterSchema,
  warehouseSchema,
} from "./schemas.js";

/** Line breaks before the first non-blank character (trimmed off the query, so its lines shift). */
function leadingLineBreaks(text: string): number {
  const leading = /^\s*/.exec(text)?.[0] ?? "";
  return leading.split("\n").length - 1;
}

/** A validated declaration and the file it came from. */
export interface LocatedValue<T> {
  file: string;
  value: T;
}

/** A view file, rendered. */
export interface ViewSource {
  schema: string;
  name: string;
  sql: string;
  frontMatter: z.output<typeof viewFrontMatterSchema>;
  bodyLine: number;
}

export interface BuildInput {
  warehouses: LocatedValue<z.output<typeof warehouseSchema>>[];
  monitors: LocatedValue<z.output<typeof monitorSchema>>[];
  roles: LocatedValue<z.output<typeof roleSchema>>[];
  users: LocatedValue<z.output<typeof userSchema>>[];
  policies: LocatedValue<z.output<typeof rowAccessPolicySchema>>[];
  tasks: LocatedValue<z.output<typeof taskSchema>>[];
  views: LocatedValue<ViewSource>[];
}

/** Roles Snowflake owns: never declared, never managed, never reported. */
export const SYSTEM_ROLES: readonly string[] = [
  "ACCOUNTADMIN",
  "SECURITYADMIN",
  "USERADMIN",
  "SYSADMIN",
  "ORGADMIN",
  "GLOBALORGADMIN",
  "PUBLIC",
];

export function isSystemRole(name: string): boolean {
  return SYSTEM_ROLES.includes(name) || name.startsWith("SNOWFLAKE");
}

export interface BuildResult {
  model: AccountModel;
  sources: Map<string, string>;
  problems: ProjectError[];
}

/** Qualifies a written name with the database (and schema) when parts are left out. */
function qualifyIn(written: string, wantedParts: number, database: string, schema?: string): string {
  const parts = splitQualifiedName(written);
  if (wantedParts === 3 && parts.length === 1) parts.unshift(database, schema ?? "PUBLIC");
  else if (parts.length === wantedParts - 1) parts.unshift(database);
  return parts.map(quoteIdentifier).join(".");
}

/** How many name parts objects of a type have (SCHEMA 2, DATABASE 1, tables and views 3). */
function partsForType(objectType: string): number {
  if (["ACCOUNT"].includes(objectType)) return 0;
  if (
    ["DATABASE", "WAREHOUSE", "ROLE", "USER", "RESOURCE_MONITOR", "INTEGRATION", "DATABASE_ROLE"].includes(
      objectType,
    )
  )
    return 1;
  if (objectType === "SCHEMA") return 2;
  return 3;
}

export function grantName(g: Pick<GrantObject, "privilege" | "objectType" | "objectName" | "role">): string {
  // SHOW GRANTS reports IMPORTED PRIVILEGES as USAGE: the identity uses what Snowflake reports.
  const privilege = g.privilege === "IMPORTED PRIVILEGES" ? "USAGE" : g.privilege;
  return `${privilege} ON ${g.objectType}${g.objectName ? ` ${g.objectName}` : ""} -> ${g.role}`;
}

export function futureGrantName(
  g: Pick<FutureGrantObject, "privilege" | "objectType" | "scope" | "container" | "role">,
): string {
  return `${g.privilege} ON FUTURE ${g.objectType} IN ${g.scope} ${g.container} -> ${g.role}`;
}

export function roleGrantName(g: Pick<RoleGrantObject, "role" | "granteeType" | "grantee">): string {
  return `${g.role} -> ${g.granteeType} ${g.grantee}`;
}

/** Builds the desired model for one environment from validated declarations. */
export function buildDesiredModel(
  input: BuildInput,
  context: DeclarationContext,
  processEnv: NodeJS.ProcessEnv,
  ignore: readonly string[],
): BuildResult {
  const database = resolveIdentifier(context.database);
  const db = quoteIdentifier(database);
  const objects = new Map<string, ModelObject>();
  const sources = new Map<string, string>();
  const problems: ProjectError[] = [];
  const problem = (file: string, object: string, message: string, hint: string, pathInFile?: string) =>
    problems.push(
      new ProjectError("DECLARATION_REFERENCE", message, {
        location: { file, object, ...(pathInFile ? { path: pathInFile } : {}) },
        hint,
      }),
    );

  const add = (object: ModelObject, file: string) => {
    const key = objectKey(object);
    const previous = sources.get(key);
    if (previous !== undefined) {
      problem(
        file,
        objectLabel(object),
        `declared twice (also in ${previous})`,
        "Declare each object once; remove one of the declarations.",
      );
      return;
    }
    objects.set(key, object);
    sources.set(key, file);
  };

  // Monitors and their warehouses.
  const warehouseDecls = [
    ...input.warehouses.map((w) => ({ ...w, monitor: undefined as string | undefined })),
  ];
  for (const { file, value } of input.monitors) {
    const name = quoteIdentifier(resolveIdentifier(value.name));
    add(
      {
        kind: "resource_monitor",
        name,
        ...(value.creditQuota !== undefined ? { creditQuota: value.creditQuota } : {}),
        ...(value.frequency !== undefined ? { frequency: value.frequency } : {}),
        ...(value.startTimestamp !== undefined ? { startTimestamp: value.startTimestamp } : {}),
        ...(value.endTimestamp !== undefined ? { endTimestamp: value.endTimestamp } : {}),
        ...(value.notifyUsers !== undefined
          ? { notifyUsers: value.notifyUsers.map((u) => quoteIdentifier(resolveIdentifier(u))).sort() }
          : {}),
        ...(value.triggers !== undefined ? { triggers: sortTriggers(value.triggers) } : {}),
      },
      file,
    );
    for (const warehouse of value.warehouses) {
      if (warehouse.resourceMonitor !== undefined && warehouse.resourceMonitor !== null) {
        const named = quoteIdentifier(resolveIdentifier(warehouse.resourceMonitor));
        if (named !== name) {
          problem(
            file,
            `WAREHOUSE ${warehouse.name}`,
            `is declared inside monitor ${name} but names resource monitor ${named}`,
            "Remove resourceMonitor from a warehouse declared inside defineMonitor.",
          );
        }
      }
      warehouseDecls.push({ file, value: warehouse, monitor: name });
    }
  }
  for (const { file, value, monitor } of warehouseDecls) {
    const resourceMonitor =
      monitor ??
      (value.resourceMonitor === undefined
        ? undefined
        : value.resourceMonitor === null
          ? null
          : quoteIdentifier(resolveIdentifier(value.resourceMonitor)));
    add(
      {
        kind: "warehouse",
        name: quoteIdentifier(resolveIdentifier(value.name)),
        ...(value.size !== undefined ? { size: normaliseWarehouseSize(value.size)! } : {}),
        ...(value.type !== undefined ? { type: value.type } : {}),
        ...(value.minClusterCount !== undefined ? { minClusterCount: value.minClusterCount } : {}),
        ...(value.maxClusterCount !== undefined ? { maxClusterCount: value.maxClusterCount } : {}),
        ...(value.scalingPolicy !== undefined ? { scalingPolicy: value.scalingPolicy } : {}),
        ...(value.autoSuspend !== undefined
          ? { autoSuspend: value.autoSuspend === 0 ? null : value.autoSuspend }
          : {}),
        ...(value.autoResume !== undefined ? { autoResume: value.autoResume } : {}),
        ...(value.initiallySuspended !== undefined ? { initiallySuspended: value.initiallySuspended } : {}),
        ...(resourceMonitor !== undefined ? { resourceMonitor } : {}),
        ...(value.enableQueryAcceleration !== undefined
          ? { enableQueryAcceleration: value.enableQueryAcceleration }
          : {}),
        ...(value.queryAccelerationMaxScaleFactor !== undefined
          ? { queryAccelerationMaxScaleFactor: value.queryAccelerationMaxScaleFactor }
          : {}),
        ...(value.comment !== undefined ? { comment: value.comment || null } : {}),
        ...(value.owner !== undefined ? { owner: quoteIdentifier(resolveIdentifier(value.owner)) } : {}),
      },
      file,
    );
  }

  // Roles, their parents, grants and future grants.
  for (const { file, value } of input.roles) {
    const role = quoteIdentifier(resolveIdentifier(value.name));
    if (isSystemRole(resolveIdentifier(value.name))) {
      problem(
        file,
        `ROLE ${role}`,
        "is a system role and cannot be declared",
        "Declare your own role and make the system role its parent.",
      );
      continue;
    }
    add(
      {
        kind: "role",
        name: role,
        ...(value.comment !== undefined ? { comment: value.comment || null } : {}),
      },
      file,
    );
    for (const parentWritten of value.parents) {
      const parent = quoteIdentifier(resolveIdentifier(parentWritten));
      if (parent === "PUBLIC") {
        problem(
          file,
          `ROLE ${role}`,
          "cannot be granted to PUBLIC (an implicit pseudo-role)",
          "Remove PUBLIC from parents.",
          "parents",
        );
        continue;
      }
      const grant: RoleGrantObject = {
        kind: "role_grant",
        name: "",
        role,
        granteeType: "ROLE",
        grantee: parent,
      };
      grant.name = roleGrantName(grant);
      add(grant, file);
    }
    for (const g of value.grants) {
      const objectType = normaliseGrantObjectType(g.on);
      const parts = partsForType(objectType);
      if (parts > 0 && !g.name) {
        problem(
          file,
          `ROLE ${role}`,
          `a grant on ${objectType} needs a name`,
          "Add name: '<object>'.",
          "grants",
        );
        continue;
      }
      const objectName =
        parts === 0 ? "" : parts === 1 ? resolveQualifiedName(g.name!) : qualifyIn(g.name!, parts, database);
      for (const privilege of g.privileges) {
        const grant: GrantObject = {
          kind: "grant",
          name: "",
          privilege: normalisePrivilege(privilege),
          objectType,
          objectName,
          role,
          ...(g.grantOption !== undefined ? { grantOption: g.grantOption } : {}),
        };
        grant.name = grantName(grant);
        add(grant, file);
      }
    }
    for (const g of value.futureGrants) {
      const objectType = singularObjectType(g.on);
      const container = qualifyIn(g.name, g.in === "SCHEMA" ? 2 : 1, database);
      for (const privilege of g.privileges) {
        const grant: FutureGrantObject = {
          kind: "future_grant",
          name: "",
          privilege: normalisePrivilege(privilege),
          objectType,
          scope: g.in,
          container,
          role,
          ...(g.grantOption !== undefined ? { grantOption: g.grantOption } : {}),
        };
        grant.name = futureGrantName(grant);
        add(grant, file);
      }
    }
  }

  // Users and the roles granted to them.
  for (const { file, value } of input.users) {
    const name = quoteIdentifier(resolveIdentifier(value.name));
    let rsaPublicKey: string | undefined;
    if (typeof value.rsaPublicKey === "string") rsaPublicKey = value.rsaPublicKey;
    else if (value.rsaPublicKey && "env" in value.rsaPublicKey) {
      rsaPublicKey = processEnv[value.rsaPublicKey.env];
      if (!rsaPublicKey) {
        problem(
          file,
          `USER ${name}`,
          `rsaPublicKey: environment variable ${value.rsaPublicKey.env} is not set`,
          `Set ${value.rsaPublicKey.env} to the user's public key (PEM body).`,
          "rsaPublicKey",
        );
      }
    } else if (value.rsaPublicKey && "var" in value.rsaPublicKey) {
      const fromVar = context.vars[value.rsaPublicKey.var];
      rsaPublicKey = fromVar === undefined ? undefined : String(fromVar);
      if (!rsaPublicKey) {
        problem(
          file,
          `USER ${name}`,
          `rsaPublicKey: config var '${value.rsaPublicKey.var}' has no value in environment ${context.env}`,
          "Declare the var in mercurios.config.ts (vars or the environment's vars).",
          "rsaPublicKey",
        );
      }
    }
    if (rsaPublicKey)
      rsaPublicKey = rsaPublicKey.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
    add(
      {
        kind: "user",
        name,
        ...(value.type !== undefined ? { type: value.type } : {}),
        ...(value.loginName !== undefined ? { loginName: value.loginName.toUpperCase() } : {}),
        ...(value.defaultRole !== undefined
          ? {
              defaultRole:
                value.defaultRole === null ? null : quoteIdentifier(resolveIdentifier(value.defaultRole)),
            }
          : {}),
        ...(value.defaultWarehouse !== undefined
          ? {
              defaultWarehouse:
                value.defaultWarehouse === null
                  ? null
                  : quoteIdentifier(resolveIdentifier(value.defaultWarehouse)),
            }
          : {}),
        ...(value.defaultNamespace !== undefined
          ? {
              defaultNamespace:
                value.defaultNamespace === null ? null : resolveQualifiedName(value.defaultNamespace),
            }
          : {}),
        ...(value.disabled !== undefined ? { disabled: value.disabled } : {}),
        ...(value.rsaPublicKey !== undefined ? { hasRsaPublicKey: true } : {}),
        ...(rsaPublicKey ? { rsaPublicKey } : {}),
        ...(value.comment !== undefined ? { comment: value.comment || null } : {}),
      },
      file,
    );
    for (const roleWritten of value.roles) {
      const grant: RoleGrantObject = {
        kind: "role_grant",
        name: "",
        role: quoteIdentifier(resolveIdentifier(roleWritten)),
        granteeType: "USER",
        grantee: name,
      };
      grant.name = roleGrantName(grant);
      add(grant, file);
    }
  }

  // Row access policies.
  for (const { file, value } of input.policies) {
    const pdb = value.database ? quoteIdentifier(resolveIdentifier(value.database)) : db;
    const schema = quoteIdentifier(resolveIdentifier(value.schema));
    const name = `${pdb}.${schema}.${quoteIdentifier(resolveIdentifier(value.name))}`;
    const sqlProblem = checkSql(`SELECT ${value.body}`);
    if (sqlProblem) {
      problem(
        file,
        `ROW ACCESS POLICY ${name}`,
        `body does not parse: ${sqlProblem.message}`,
        "Fix the body expression.",
        "body",
      );
    }
    add(
      {
        kind: "row_access_policy",
        name,
        database: pdb,
        schema,
        signature: value.signature.map((a) => ({
          name: quoteIdentifier(resolveIdentifier(a.name)),
          type: a.type.trim().toUpperCase(),
        })),
        body: canonicalSql(value.body),
        bodyText: value.body.trim(),
        ...(value.comment !== undefined ? { comment: value.comment || null } : {}),
        ...(value.owner !== undefined ? { owner: quoteIdentifier(resolveIdentifier(value.owner)) } : {}),
      },
      file,
    );
  }

  // Tasks.
  for (const { file, value } of input.tasks) {
    const tdb = value.database ? quoteIdentifier(resolveIdentifier(value.database)) : db;
    const schema = quoteIdentifier(resolveIdentifier(value.schema));
    const name = `${tdb}.${schema}.${quoteIdentifier(resolveIdentifier(value.name))}`;
    add(
      {
        kind: "task",
        name,
        database: tdb,
        schema,
        ...(value.warehouse !== undefined
          ? {
              warehouse:
                value.warehouse === null ? null : quoteIdentifier(resolveIdentifier(value.warehouse)),
            }
          : {}),
        ...(value.schedule !== undefined ? { schedule: value.schedule } : {}),
        after: (value.after ?? [])
          .map((a) =>
            qualifyIn(a, 3, resolveIdentifier(value.database ?? database), resolveIdentifier(value.schema)),
          )
          .sort(),
        ...(value.when !== undefined
          ? { condition: value.when === null ? null : canonicalSql(value.when) }
          : {}),
        definition: value.as.trim(),
        definitionCanonical: canonicalSql(value.as),
        state: value.state,
        ...(value.comment !== undefined ? { comment: value.comment || null } : {}),
        ...(value.owner !== undefined ? { owner: quoteIdentifier(resolveIdentifier(value.owner)) } : {}),
      },
      file,
    );
  }

  // Views.
  for (const { file, value } of input.views) {
    const schema = quoteIdentifier(resolveIdentifier(value.schema));
    const name = `${db}.${schema}.${quoteIdentifier(resolveIdentifier(value.name))}`;
    const query = value.sql.trim().replace(/;\s*$/, "").trim();
    if (query === "") {
      problem(file, `VIEW ${name}`, "the view file has no SELECT", "Write the view's SELECT in the file.");
      continue;
    }
    const sqlProblem = checkSql(query);
    if (sqlProblem) {
      problems.push(
        new ProjectError("VIEW_SQL", `does not parse as Snowflake SQL: ${sqlProblem.message}`, {
          location: {
            file,
            object: `VIEW ${name}`,
            ...(sqlProblem.line !== undefined ? { line: sqlProblem.line + value.bodyLine - 1 } : {}),
          },
          hint: "Fix the SELECT; run `mercurios render` to see the SQL after templating.",
        }),
      );
      continue;
    }
    const fm = value.frontMatter;
    const view: ViewObject = {
      kind: "view",
      name,
      database: db,
      schema,
      query,
      queryCanonical: canonicalSql(query),
      secure: fm.secure ?? false,
      comment: fm.comment ?? null,
      dependsOn: queryDependencies(query, database, resolveIdentifier(value.schema)),
      source: file,
      sourceLine: value.bodyLine + leadingLineBreaks(value.sql),
      ...(fm.owner ? { owner: quoteIdentifier(resolveIdentifier(fm.owner)) } : {}),
      ...(fm.columns
        ? {
            columnComments: Object.fromEntries(
              Object.entries(fm.columns).map(([c, text]) => [quoteIdentifier(resolveIdentifier(c)), text]),
            ),
          }
        : {}),
      ...(fm.rowAccessPolicy
        ? {
            rowAccessPolicy: {
              policy: qualifyIn(fm.rowAccessPolicy.policy, 3, database, resolveIdentifier(value.schema)),
              columns: fm.rowAccessPolicy.on.map((c) => quoteIdentifier(resolveIdentifier(c))),
            },
          }
        : {}),
    };
    add(view, file);
    for (const g of fm.grants ?? []) {
      for (const privilege of g.privileges) {
        const grant: GrantObject = {
          kind: "grant",
          name: "",
          privilege: normalisePrivilege(privilege),
          objectType: "VIEW",
          objectName: name,
          role: quoteIdentifier(resolveIdentifier(g.role)),
        };
        grant.name = grantName(grant);
        add(grant, file);
      }
    }
  }

  checkReferences(objects, sources, database, context, problem);

  const names = (kind: ModelObject["kind"]) =>
    [...objects.values()].filter((o) => o.kind === kind).map((o) => o.name);
  return {
    model: {
      objects,
      scope: {
        databases: [db],
        roles: names("role"),
        warehouses: names("warehouse"),
        monitors: names("resource_monitor"),
        users: names("user"),
        ignore: [...ignore],
      },
    },
    sources,
    problems,
  };
}

function checkReferences(
  objects: Map<string, ModelObject>,
  sources: Map<string, string>,
  database: string,
  context: DeclarationContext,
  problem: (file: string, object: string, message: string, hint: string, pathInFile?: string) => void,
): void {
  const has = (kind: ModelObject["kind"], name: string) => objects.has(`${kind}:${name}`);
  const roleKnown = (name: string) => has("role", name) || isSystemRole(resolveIdentifier(name));
  const db = quoteIdentifier(database);
  const schemas = new Set(context.schemas.map((s) => `${db}.${quoteIdentifier(resolveIdentifier(s))}`));
  for (const [key, object] of objects) {
    const file = sources.get(key) ?? "?";
    const label = objectLabel(object);
    const owner = (object as { owner?: string }).owner;
    if (owner !== undefined && !roleKnown(owner)) {
      problem(
        file,
        label,
        `is owned by role ${owner}, which is not declared`,
        "Declare the role in roles/ or fix the name.",
        "owner",
      );
    }
    switch (object.kind) {
      case "warehouse":
        if (object.resourceMonitor && !has("resource_monitor", object.resourceMonitor)) {
          problem(
            file,
            label,
            `names resource monitor ${object.resourceMonitor}, which is not declared`,
            "Declare the monitor in monitors/ (or declare the warehouse inside it).",
            "resourceMonitor",
          );
        }
        break;
      case "role_grant":
        if (!has("role", object.role) && !isSystemRole(object.role)) {
          problem(
            file,
            label,
            `grants role ${object.role}, which is not declared`,
            "Declare the role in roles/.",
          );
        }
        if (object.granteeType === "ROLE" && !roleKnown(object.grantee)) {
          problem(
            file,
            label,
            `names parent role ${object.grantee}, which is not declared and not a system role`,
            "Declare the parent role in roles/ or fix the name.",
            "parents",
          );
        }
        break;
      case "grant":
        if (!has("role", object.role)) {
          problem(
            file,
            label,
            `is granted to role ${object.role}, which is not declared`,
            "Declare the role in roles/.",
          );
        }
        if (object.objectType === "WAREHOUSE" && !has("warehouse", object.objectName)) {
          problem(
            file,
            label,
            `is on warehouse ${object.objectName}, which is not declared`,
            "Declare the warehouse in monitors/.",
          );
        }
        if (
          object.objectType === "SCHEMA" &&
          object.objectName.startsWith(`${db}.`) &&
          !schemas.has(object.objectName)
        ) {
          problem(
            file,
            label,
            `is on schema ${object.objectName}, which is not in the config's schemas`,
            "Add the schema to `schemas` in mercurios.config.ts or fix the name.",
          );
        }
        if (
          object.objectType === "VIEW" &&
          object.objectName.startsWith(`${db}.`) &&
          !has("view", object.objectName)
        ) {
          problem(
            file,
            label,
            `is on view ${object.objectName}, which is not declared in views/`,
            "Add the view file or fix the name.",
          );
        }
        break;
      case "future_grant":
        if (!has("role", object.role)) {
          problem(
            file,
            label,
            `is granted to role ${object.role}, which is not declared`,
            "Declare the role in roles/.",
          );
        }
        if (
          object.scope === "SCHEMA" &&
          object.container.startsWith(`${db}.`) &&
          !schemas.has(object.container)
        ) {
          problem(
            file,
            label,
            `is in schema ${object.container}, which is not in the config's schemas`,
            "Add the schema to `schemas` in mercurios.config.ts or fix the name.",
          );
        }
        break;
      case "user":
        if (object.defaultRole && !roleKnown(object.defaultRole)) {
          problem(
            file,
            label,
            `default role ${object.defaultRole} is not declared`,
            "Declare the role in roles/.",
            "defaultRole",
          );
        }
        if (object.defaultWarehouse && !has("warehouse", object.defaultWarehouse)) {
          problem(
            file,
            label,
            `default warehouse ${object.defaultWarehouse} is not declared`,
            "Declare the warehouse in monitors/.",
            "defaultWarehouse",
          );
        }
        break;
      case "resource_monitor":
        break;
      case "task":
        if (object.warehouse && !has("warehouse", object.warehouse)) {
          problem(
            file,
            label,
            `runs on warehouse ${object.warehouse}, which is not declared`,
            "Declare the warehouse in monitors/.",
            "warehouse",
          );
        }
        for (const predecessor of object.after ?? []) {
          if (!has("task", predecessor)) {
            problem(
              file,
              label,
              `runs after task ${predecessor}, which is not declared`,
              "Declare the predecessor task.",
              "after",
            );
          }
        }
        if (!schemas.has(`${object.database}.${object.schema}`) && object.database === db) {
          problem(
            file,
            label,
            `is in schema ${object.schema}, which is not in the config's schemas`,
            "Fix the schema name.",
            "schema",
          );
        }
        break;
      case "view":
        if (!schemas.has(`${object.database}.${object.schema}`)) {
          problem(
            file,
            label,
            `is in schema folder views/${object.schema}, which is not in the config's schemas`,
            "Move the file to a views/<SCHEMA>/ folder named in `schemas`, or add the schema to the config.",
          );
        }
        if (object.rowAccessPolicy && !has("row_access_policy", object.rowAccessPolicy.policy)) {
          problem(
            file,
            label,
            `uses row access policy ${object.rowAccessPolicy.policy}, which is not declared`,
            "Declare it with defineRowAccessPolicy in roles/.",
            "front matter.rowAccessPolicy",
          );
        }
        break;
      case "row_access_policy":
      case "role":
      case "table":
        break;
    }
  }
}
