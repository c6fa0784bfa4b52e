/**
 * The zod schema of `mercurios.config.ts`. Every config type is inferred from here (`z.infer`), so the
 * schema is the single source of truth for what a config may contain.
 */
import { z } from "zod";
import { BUILT_IN_NAMES } from "../template/built-ins.js";

/** A short description of a wrong value for messages (never the value of a possible secret). */
function describeInput(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Snowflake identifier as written in the config: unquoted style, upper-case by convention. */
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, "expected an unquoted Snowflake identifier such as MERCURIOS_DATA");

const envVarName = z
  .string({ error: "expected the name of an environment variable (string)" })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name such as SNOWFLAKE_PASSWORD");

/** A value read from an environment variable when the environment is resolved: `{ env: 'NAME' }`. */
export const envRefSchema = z.strictObject({ env: envVarName });
export type EnvRef = z.infer<typeof envRefSchema>;

/** A connection field that may be written literally or read from an environment variable. */
const plainOrEnv = z.union([z.string(), envRefSchema], {
  error: (issue) => `expected string or { env: 'VARIABLE_NAME' }, got ${describeInput(issue.input)}`,
});

/**
 * A secret connection field: only a reference to an environment variable is accepted, so a password
 * can never be committed in the config file.
 */
const secretRef = z.strictObject(
  { env: envVarName },
  {
    error: (issue) =>
      typeof issue.input === "string"
        ? "a literal secret is not allowed in the config file; write { env: 'VARIABLE_NAME' } and set that environment variable"
        : "expected { env: 'VARIABLE_NAME' }",
  },
);

/** Fields of a Snowflake connection written out in the config (the snowflake-sdk option names). */
export const connectionFieldsSchema = z.strictObject({
  account: plainOrEnv,
  user: plainOrEnv,
  role: plainOrEnv.optional(),
  warehouse: plainOrEnv.optional(),
  database: plainOrEnv.optional(),
  schema: plainOrEnv.optional(),
  /** SNOWFLAKE (password), SNOWFLAKE_JWT (key pair), OAUTH, EXTERNALBROWSER, PROGRAMMATIC_ACCESS_TOKEN … */
  authenticator: plainOrEnv.optional(),
  host: plainOrEnv.optional(),
  /** Path of a private key file (not a secret itself; the key file's passphrase is). */
  privateKeyPath: plainOrEnv.optional(),
  password: secretRef.optional(),
  privateKey: secretRef.optional(),
  privateKeyPass: secretRef.optional(),
  token: secretRef.optional(),
  passcode: secretRef.optional(),
});
export type ConnectionFields = z.infer<typeof connectionFieldsSchema>;

/** Names of connection fields that hold secrets (only environment references are allowed). */
export const SECRET_CONNECTION_FIELDS = [
  "password",
  "privateKey",
  "privateKeyPass",
  "token",
  "passcode",
] as const;

/** A connection: the name of a `[connection]` in Snowflake's connections.toml, or the fields themselves. */
export const connectionSchema = z.union(
  [z.string().min(1, "expected a connections.toml connection name"), connectionFieldsSchema],
  { error: "expected a connections.toml connection name or an object with account and user" },
);
export type ConnectionConfig = z.infer<typeof connectionSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export type VarScalar = z.infer<typeof scalar>;

/**
 * A template variable: a plain value, or `{ env: 'NAME', secret?: true, default?: … }` read from the
 * environment. A secret var can only come from an environment variable (or `--var`), never a literal.
 */
export const varSchema = z.union(
  [
    scalar,
    z.strictObject({
      env: envVarName,
      secret: z.boolean().optional(),
      default: scalar.optional(),
    }),
  ],
  { error: "expected a string, number, boolean or { env: 'VARIABLE_NAME', secret?: true }" },
);
export type VarConfig = z.infer<typeof varSchema>;

/**
 * Names the templates provide themselves; a config var or `--var` with one of these names would shadow
 * a built-in and is rejected.
 */
export const RESERVED_VAR_NAMES = BUILT_IN_NAMES;

const varName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a var name must be letters, digits and underscores")
  .refine((name) => !(RESERVED_VAR_NAMES as readonly string[]).includes(name), {
    error: (issue) => `'${String(issue.input)}' is a built-in template variable and cannot be a var name`,
  });

export const varsSchema = z.record(varName, varSchema);

/**
 * How the project database is declared (created by `up` before migrations, drift-checked). The
 * same fields as the DATABASE kind's declaration (src/model/kinds/database.ts); a test keeps them equal.
 */
export const databaseOptionsSchema = z.strictObject({
  /** TRANSIENT: no Fail-safe; cannot be changed after creation. */
  transient: z.boolean().optional(),
  /** Time Travel retention in days; `null` declares Snowflake's default. */
  dataRetentionTimeInDays: z.number().int().min(0).max(90).nullable().optional(),
  comment: z.string().nullable().optional(),
});
export type DatabaseOptions = z.infer<typeof databaseOptionsSchema>;

/** How a schema is declared (the SCHEMA kind's declaration, src/model/kinds/schema.ts, without its name). */
export const schemaOptionsSchema = databaseOptionsSchema.extend({
  /** WITH MANAGED ACCESS: only the schema owner grants privileges on its objects. */
  managedAccess: z.boolean().optional(),
});
export type SchemaOptions = z.infer<typeof schemaOptionsSchema>;

const environmentBase = {
  /** Overrides the project database for this environment (e.g. a per-developer clone). */
  database: identifier.optional(),
  /** Overrides the project's `databaseOptions` field by field in this environment (e.g. longer retention in prod). */
  databaseOptions: databaseOptionsSchema.optional(),
  vars: varsSchema.default({}),
  description: z.string().optional(),
};

/** The embedded Snowflake engine on DuckDB. */
export const localEnvironmentSchema = z.strictObject({
  kind: z.literal("local"),
  /** DuckDB file of the local engine, relative to the project root. */
  localDb: z.string().min(1).default(".mercurios/local.duckdb"),
  ...environmentBase,
});

/** A real Snowflake account. */
export const snowflakeEnvironmentSchema = z.strictObject({
  kind: z.literal("snowflake"),
  connection: connectionSchema,
  ...environmentBase,
});

export const environmentSchema = z.discriminatedUnion(
  "kind",
  [localEnvironmentSchema, snowflakeEnvironmentSchema],
  {
    error: (issue) => {
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      return typeof kind === "string"
        ? `expected kind: 'local' or 'snowflake', got '${kind}'`
        : "expected an object with kind: 'local' or 'snowflake'";
    },
  },
);
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type LocalEnvironmentConfig = z.infer<typeof localEnvironmentSchema>;
export type SnowflakeEnvironmentConfig = z.infer<typeof snowflakeEnvironmentSchema>;

export const tenantSchema = z.strictObject({
  /** Stable id stored in every row's TENANT_ID column. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "a tenant id is lower-case letters, digits, '_' and '-'"),
  name: z.string().min(1),
  /** The point-of-sale system the tenant's data comes from. */
  source: z.string().default("prohandel"),
});
export type TenantConfig = z.infer<typeof tenantSchema>;

export const historySchema = z.strictObject({
  /** Defaults to the environment's database. */
  database: identifier.optional(),
  schema: identifier.default("ADMIN"),
  table: identifier.default("MERCURIOS_CHANGE_HISTORY"),
});

export const seedSchema = z.strictObject({
  /** Environments that load the deterministic sample POS data. */
  environments: z.array(z.string()).default(["local"]),
  /** Seed of the pseudo-random generator, so every run produces the same rows. */
  randomSeed: z.number().int().default(42),
  /** Days of sales history to generate, ending on `endDate`. */
  days: z.number().int().positive().default(90),
  endDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
    .default("2026-10-31"),
});

/**
 * Drift ignore pattern: `<KIND> <NAME>` (case-insensitive) where NAME may use `*` and `?` wildcards, e.g. `ROLE ACCOUNTADMIN`,
 * `WAREHOUSE COMPUTE_WH`, `VIEW MERCURIOS_DATA.ANALYTICS.TMP_*`, or `* SNOWFLAKE*`.
 */
const ignorePattern = z
  .string()
  .regex(
    /^(\*|[A-Za-z_][A-Za-z_ ]*?)\s+\S.*$/,
    "expected '<KIND> <NAME pattern>', e.g. 'ROLE ACCOUNTADMIN' or 'VIEW *.TMP_*'",
  );

/**
 * A project's own modules behind the toolkit's extension point (docs/guide/extensions.md): paths
 * relative to the project root. A project that names none has no `seed` data and no `cost` figures.
 */
export const extensionsSchema = z.strictObject({
  /** Sample data: `mercurios seed`, and `up` in `seed.environments`. */
  seed: z.string().min(1).optional(),
  /** Credits per monitor this month: `mercurios cost`. */
  cost: z.string().min(1).optional(),
});

export const configSchema = z.strictObject({
  /** The project database, e.g. MERCURIOS_DATA. */
  database: identifier,
  /**
   * Template language of migrations and views: `handlebars` (the default) or `jinja`, as schemachange
   * renders scripts. Left out, a schemachange-config.yml beside the config file means `jinja`.
   */
  templates: z.enum(["handlebars", "jinja"], { error: "expected 'handlebars' or 'jinja'" }).optional(),
  /**
   * Jinja only: the folder `{% include 'modules/…' %}` and `{% import 'modules/…' %}` read from, relative
   * to the project root (schemachange's modules folder). Default `modules`.
   */
  modulesFolder: z.string().min(1).optional(),
  /** Schemas in dependency order: migrations run schema by schema in this order. */
  schemas: z.array(identifier).min(1, "list at least one schema"),
  /** The database's declared options (TRANSIENT, retention, comment); `up` creates the database first. */
  databaseOptions: databaseOptionsSchema.default({}),
  /** Declared options per schema (MANAGED ACCESS, TRANSIENT, retention, comment), by schema name. */
  schemaOptions: z.record(z.string(), schemaOptionsSchema).default({}),
  /** Name of the environment used when --env is not given. */
  defaultEnvironment: z.string().default("local"),
  /** Vars shared by every environment; an environment's own vars override them. */
  vars: varsSchema.default({}),
  environments: z.record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/, "an environment name is lower-case letters, digits, '_' and '-'"),
    environmentSchema,
  ),
  history: historySchema.default({ schema: "ADMIN", table: "MERCURIOS_CHANGE_HISTORY" }),
  tenants: z.array(tenantSchema).default([]),
  ignore: z.array(ignorePattern).default([]),
  seed: seedSchema.default({ environments: ["local"], randomSeed: 42, days: 90, endDate: "2026-10-31" }),
  extensions: extensionsSchema.default({}),
});

/** A validated config, with defaults filled in. */
export type MercuriosConfig = z.infer<typeof configSchema>;
/** What a user writes in mercurios.config.ts (defaults may be left out). */
export type MercuriosConfigInput = z.input<typeof configSchema>;
