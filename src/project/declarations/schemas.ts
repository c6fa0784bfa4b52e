/**
 * zod schemas of the declarations people write in roles/*.ts and monitors/*.ts and in the front
 * matter of views/<SCHEMA>/<NAME>.sql. The declaration types are inferred from them.
 */
import { z } from "zod";
import { WAREHOUSE_SIZE_SPELLINGS } from "../../model/index.js";

/** An identifier as written: unquoted (`MERCURIOS_DEV_WH`) or double-quoted (`"Mixed Case"`). */
const identifier = z
  .string({ error: "expected a Snowflake identifier (string)" })
  .regex(
    /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")$/,
    "expected a Snowflake identifier such as MERCURIOS_DEV_WH (quote other names in double quotes)",
  );

/** A possibly qualified name: `DB.SCHEMA.NAME`. */
const qualified = z
  .string({ error: "expected a (qualified) Snowflake name (string)" })
  .regex(
    /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")){0,2}$/,
    "expected a name such as MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY",
  );

const comment = z.string().nullable().optional();

/** A value read from the process environment when declarations are loaded: `{ env: 'NAME' }`. */
export const envValueSchema = z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });
/** A value read from a config var of the selected environment: `{ var: 'name' }`. */
export const varValueSchema = z.strictObject({ var: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });

const size = z.string().refine((value) => WAREHOUSE_SIZE_SPELLINGS.includes(value.toUpperCase()), {
  error: (issue) =>
    `unknown warehouse size '${String(issue.input)}'; use XSMALL, SMALL, MEDIUM, LARGE, XLARGE, XXLARGE (2X-LARGE), … X6LARGE`,
});

export const warehouseSchema = z.strictObject({
  name: identifier,
  size: size.optional(),
  type: z.enum(["STANDARD", "SNOWPARK-OPTIMIZED"]).optional(),
  minClusterCount: z.number().int().min(1).max(300).optional(),
  maxClusterCount: z.number().int().min(1).max(300).optional(),
  scalingPolicy: z.enum(["STANDARD", "ECONOMY"]).optional(),
  /** Seconds of inactivity before suspending; `null` never suspends. */
  autoSuspend: z.number().int().min(0).nullable().optional(),
  autoResume: z.boolean().optional(),
  initiallySuspended: z.boolean().optional(),
  /** Only for warehouses declared outside a monitor; inside `defineMonitor` the monitor is implied. */
  resourceMonitor: identifier.nullable().optional(),
  enableQueryAcceleration: z.boolean().optional(),
  queryAccelerationMaxScaleFactor: z.number().int().min(0).max(100).optional(),
  comment,
  /** Owning role; compared and transferred (GRANT OWNERSHIP … COPY CURRENT GRANTS) only when declared. */
  owner: identifier.optional(),
});

const trigger = z.strictObject({
  percent: z.number().int().positive(),
  action: z.enum(["NOTIFY", "SUSPEND", "SUSPEND_IMMEDIATE"]),
});

export const monitorSchema = z
  .strictObject({
    name: identifier,
    creditQuota: z.number().nonnegative().nullable().optional(),
    frequency: z.enum(["MONTHLY", "DAILY", "WEEKLY", "YEARLY", "NEVER"]).optional(),
    startTimestamp: z.string().optional(),
    endTimestamp: z.string().nullable().optional(),
    notifyUsers: z.array(identifier).optional(),
    triggers: z.array(trigger).optional(),
    /** The warehouses this monitor governs, declared here as one unit of cost. */
    warehouses: z.array(warehouseSchema).default([]),
  })
  .superRefine((monitor, ctx) => {
    for (const action of ["SUSPEND", "SUSPEND_IMMEDIATE"] as const) {
      if ((monitor.triggers ?? []).filter((t) => t.action === action).length > 1) {
        ctx.addIssue({
          code: "custom",
          path: ["triggers"],
          message: `a resource monitor can have at most one ${action} trigger`,
        });
      }
    }
  });

/** Object types a privilege can be granted on (SHOW GRANTS spelling, spaces allowed). */
const objectType = z
  .string()
  .regex(/^[A-Za-z_ ]+$/, "expected an object type such as DATABASE, SCHEMA, TABLE, VIEW or WAREHOUSE");

const privileges = z
  .array(z.string().regex(/^[A-Za-z_ ]+$/, "expected a privilege such as SELECT or USAGE"))
  .min(1);

export const grantSchema = z.strictObject({
  privileges,
  /** DATABASE, SCHEMA, TABLE, VIEW, WAREHOUSE, ACCOUNT, … */
  on: objectType,
  /** Qualified object name; omit for ACCOUNT. */
  name: qualified.optional(),
  grantOption: z.boolean().optional(),
});

export const futureGrantSchema = z.strictObject({
  privileges,
  /** Plural or singular object type: TABLES, VIEWS, MATERIALIZED VIEWS. */
  on: objectType,
  /** DATABASE or SCHEMA. */
  in: z.enum(["DATABASE", "SCHEMA"]),
  /** `DB` or `DB.SCHEMA`. */
  name: qualified,
  grantOption: z.boolean().optional(),
});

export const roleSchema = z.strictObject({
  name: identifier,
  comment,
  owner: identifier.optional(),
  /** Roles this role is granted to (its parents in the hierarchy), e.g. SYSADMIN. */
  parents: z.array(identifier).default([]),
  grants: z.array(grantSchema).default([]),
  futureGrants: z.array(futureGrantSchema).default([]),
});

export const userSchema = z.strictObject({
  name: identifier,
  type: z.enum(["PERSON", "SERVICE", "LEGACY_SERVICE"]).optional(),
  loginName: z.string().optional(),
  defaultRole: identifier.nullable().optional(),
  defaultWarehouse: identifier.nullable().optional(),
  defaultNamespace: qualified.nullable().optional(),
  disabled: z.boolean().optional(),
  /** Roles granted to the user. */
  roles: z.array(identifier).default([]),
  /**
   * Public key for key-pair auth: `{ env: 'NAME' }` or `{ var: 'name' }` (never the private key).
   * A literal PEM body is accepted too: a public key is not a secret.
   */
  rsaPublicKey: z.union([z.string().min(1), envValueSchema, varValueSchema]).optional(),
  comment,
});

export const rowAccessPolicySchema = z.strictObject({
  /** Defaults to the environment's database. */
  database: identifier.optional(),
  schema: identifier,
  name: identifier,
  signature: z.array(z.strictObject({ name: identifier, type: z.string().min(1) })).min(1),
  /** The boolean expression after `->`. */
  body: z.string().min(1),
  comment,
  owner: identifier.optional(),
});

export const taskSchema = z
  .strictObject({
    database: identifier.optional(),
    schema: identifier,
    name: identifier,
    warehouse: identifier.nullable().optional(),
    /** `'60 MINUTE'` or `'USING CRON 0 6 * * * UTC'`. */
    schedule: z.string().nullable().optional(),
    /** Predecessor tasks (qualified or in the same schema). */
    after: z.array(qualified).optional(),
    when: z.string().nullable().optional(),
    /** The SQL the task runs. */
    as: z.string().min(1),
    /** Declared state; a new task is created suspended and resumed when this is `started`. */
    state: z.enum(["started", "suspended"]).default("started"),
    comment,
    owner: identifier.optional(),
  })
  .superRefine((task, ctx) => {
    if (task.schedule && task.after && task.after.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["after"],
        message: "a task has either a schedule or predecessors, not both",
      });
    }
  });

/** YAML front matter of a view file (views/<SCHEMA>/<NAME>.sql). */
export const viewFrontMatterSchema = z.strictObject({
  comment: z.string().optional(),
  secure: z.boolean().optional(),
  /** Column name -> comment. */
  columns: z.record(z.string(), z.string()).optional(),
  rowAccessPolicy: z.strictObject({ policy: qualified, on: z.array(identifier).min(1) }).optional(),
  /** Owning role (transferred with COPY CURRENT GRANTS). */
  owner: identifier.optional(),
  /** Extra grants on this view: role -> privileges. */
  grants: z.array(z.strictObject({ role: identifier, privileges })).optional(),
});

export type WarehouseDeclaration = z.input<typeof warehouseSchema>;
export type MonitorDeclaration = z.input<typeof monitorSchema>;
export type GrantDeclaration = z.input<typeof grantSchema>;
export type FutureGrantDeclaration = z.input<typeof futureGrantSchema>;
export type RoleDeclaration = z.input<typeof roleSchema>;
export type UserDeclaration = z.input<typeof userSchema>;
export type RowAccessPolicyDeclaration = z.input<typeof rowAccessPolicySchema>;
export type TaskDeclaration = z.input<typeof taskSchema>;
export type ViewFrontMatter = z.input<typeof viewFrontMatterSchema>;
