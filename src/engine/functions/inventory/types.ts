/**
 * The function inventory's types: every function and operator of Snowflake's SQL reference, one
 * entry each, with how far the local engine emulates it. The function check (../check.ts) refuses
 * any call that is not in the inventory, and the conformance report measures coverage against it.
 */

/** One inventory module per category; a function listed under several belongs to the first. */
export type InventoryCategory =
  | "aggregate"
  | "bitwise"
  | "conditional"
  | "context"
  | "conversion"
  | "data-generation"
  | "data-metric"
  | "datetime"
  | "differential-privacy"
  | "encryption"
  | "file"
  | "geospatial"
  | "hash"
  | "information-schema"
  | "metadata"
  | "ml"
  | "notification"
  | "numeric"
  | "operators"
  | "organization-users"
  | "period"
  | "regexp"
  | "semistructured"
  | "string"
  | "system"
  | "table"
  | "vector"
  | "window";

/**
 * - `covered`: at least one passing conformance case per documented signature form;
 * - `unsupported`: the engine refuses the call with a clear error (not emulated locally);
 * - `n/a`: needs a Snowflake cloud service (`service` names it); refused with an error saying so;
 * - `todo`: not swept yet; calls are passed on to the engine as they are.
 */
export type InventoryStatus = "covered" | "unsupported" | "n/a" | "todo";

/** Cloud services an `n/a` function needs, as the error names them. */
export const SERVICES = {
  "account-admin": "Snowflake account administration services",
  alerts: "Snowflake alerts",
  budgets: "Snowflake budgets",
  cortex: "Snowflake Cortex AI services",
  "data-quality": "data metric functions and data quality monitoring",
  dbt: "dbt Projects on Snowflake",
  "encryption-keys": "customer-managed keys (Tri-Secret Secure)",
  history: "the usage and history records Snowflake's cloud services keep",
  iceberg: "Apache Iceberg tables and catalog integrations",
  ml: "Snowflake ML model monitors",
  "native-apps": "the Snowflake Native App Framework",
  networking: "private connectivity and network access controls",
  notifications: "notification integrations (email, webhooks, queues)",
  openflow: "Snowflake Openflow",
  organization: "organization accounts and organization users",
  pipes: "stages, Snowpipe and data loading from cloud storage",
  privacy: "differential privacy policies",
  python: "Python packages from the Snowflake Anaconda channel",
  replication: "replication, failover groups and listings",
  "security-integrations": "security integrations (SAML, SCIM, OAuth, external secrets)",
  "semantic-views": "semantic views",
  spcs: "Snowpark Container Services",
  stages: "staged files and FILE values on cloud storage",
} as const;

export type ServiceKey = keyof typeof SERVICES;

/** One function (or operator) of the reference. */
export interface InventoryEntry {
  /** Name as called, upper-case: `ABS`, `SYSTEM$TYPEOF`, `SNOWFLAKE.CORTEX.COMPLETE`; operators by symbol or keyword. */
  name: string;
  /** Other names documented on the same page (`CHAR` for `CHR`, `TO_NUMBER` for `TO_DECIMAL`). */
  aliases?: string[];
  /** The documentation page: `functions/<page>` (operators: `<page>` under sql-reference). */
  page: string;
  category: InventoryCategory;
  /** Further categories the `functions-all` row lists. */
  alsoIn?: InventoryCategory[];
  /**
   * Set when the function is not called as `NAME(…)` (operators, `SYS_CONTEXT(…, 'NAME')`,
   * `<service>!NAME(…)`): such entries never make a `NAME(` call acceptable to the function check.
   */
  syntax?: string;
  status: InventoryStatus;
  /** For `n/a`: the cloud service it needs. */
  service?: ServiceKey;
  /** Documented signature forms (optional arguments, flags, format elements), for coverage. */
  forms?: string[];
  note?: string;
}

/** What a category module writes: the category is its file's, so entries leave it out (page too, when derivable). */
export type EntryInput = Omit<InventoryEntry, "category" | "page"> & { page?: string };

/** The page a name documents by default: lower-case, `$` as `_` (`SYSTEM$TYPEOF` -> `system_typeof`). */
export function defaultPage(name: string): string {
  return name.toLowerCase().replaceAll("$", "_");
}

/** Fills in a category module's entries. */
export function inCategory(category: InventoryCategory, entries: EntryInput[]): InventoryEntry[] {
  return entries.map((entry) => ({ ...entry, page: entry.page ?? defaultPage(entry.name), category }));
}

/** The documentation URL of an entry. */
export function pageUrl(entry: InventoryEntry): string {
  const base = "https://docs.snowflake.com/en/sql-reference/";
  return entry.category === "operators" ? `${base}${entry.page}` : `${base}functions/${entry.page}`;
}
