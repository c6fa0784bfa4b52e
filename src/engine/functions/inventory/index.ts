/**
 * The function inventory joined: every category module's entries, and lookups by name and category.
 * Owners edit their category modules; this file only joins them (add a category here once).
 */
import { aggregate } from "./aggregate.js";
import { bitwise } from "./bitwise.js";
import { conditional } from "./conditional.js";
import { context } from "./context.js";
import { conversion } from "./conversion.js";
import { dataGeneration } from "./data-generation.js";
import { dataMetric } from "./data-metric.js";
import { datetime } from "./datetime.js";
import { differentialPrivacy } from "./differential-privacy.js";
import { encryption } from "./encryption.js";
import { file } from "./file.js";
import { geospatial } from "./geospatial.js";
import { hash } from "./hash.js";
import { informationSchema } from "./information-schema.js";
import { metadata } from "./metadata.js";
import { ml } from "./ml.js";
import { notification } from "./notification.js";
import { numeric } from "./numeric.js";
import { operators } from "./operators.js";
import { organizationUsers } from "./organization-users.js";
import { period } from "./period.js";
import { regexp } from "./regexp.js";
import { semistructured } from "./semistructured.js";
import { string } from "./string.js";
import { system } from "./system.js";
import { table } from "./table.js";
import type { InventoryCategory, InventoryEntry } from "./types.js";
import { vector } from "./vector.js";
import { window } from "./window.js";

export {
  defaultPage,
  type InventoryCategory,
  type InventoryEntry,
  type InventoryStatus,
  pageUrl,
  SERVICES,
  type ServiceKey,
} from "./types.js";

/** Each category: its documentation title and the branch that owns its module and cases. */
export const CATEGORIES: Record<InventoryCategory, { title: string; owner: string }> = {
  aggregate: { title: "Aggregate functions", owner: "fid-text" },
  bitwise: { title: "Bitwise expression functions", owner: "fid-core" },
  conditional: { title: "Conditional expression functions", owner: "fid-core" },
  context: { title: "Context functions", owner: "fid-core" },
  conversion: { title: "Conversion functions", owner: "fid-core" },
  "data-generation": { title: "Data generation functions", owner: "fid-core" },
  "data-metric": { title: "Data metric functions", owner: "fid-core" },
  datetime: { title: "Date & time functions", owner: "fid-time" },
  "differential-privacy": { title: "Differential privacy functions", owner: "fid-core" },
  encryption: { title: "Encryption functions", owner: "fid-core" },
  file: { title: "File functions", owner: "fid-core" },
  geospatial: { title: "Geospatial functions", owner: "fid-core" },
  hash: { title: "Hash functions", owner: "fid-core" },
  "information-schema": { title: "Information Schema table functions", owner: "fid-core" },
  metadata: { title: "Metadata functions", owner: "fid-core" },
  ml: { title: "ML, Cortex and AI functions", owner: "fid-core" },
  notification: { title: "Notification functions", owner: "fid-core" },
  numeric: { title: "Numeric functions", owner: "fid-core" },
  operators: { title: "Operators", owner: "fid-core" },
  "organization-users": { title: "Organization user functions", owner: "fid-core" },
  period: { title: "Period functions", owner: "fid-core" },
  regexp: { title: "String functions (regular expressions)", owner: "fid-text" },
  semistructured: { title: "Semi-structured and structured data functions", owner: "fid-text" },
  string: { title: "String & binary functions", owner: "fid-text" },
  system: { title: "System functions", owner: "fid-core" },
  table: { title: "Table functions", owner: "fid-core" },
  vector: { title: "Vector functions", owner: "fid-core" },
  window: { title: "Window functions", owner: "fid-text" },
};

/** Every entry, in category order. */
export const INVENTORY: readonly InventoryEntry[] = [
  ...aggregate,
  ...bitwise,
  ...conditional,
  ...context,
  ...conversion,
  ...dataGeneration,
  ...dataMetric,
  ...datetime,
  ...differentialPrivacy,
  ...encryption,
  ...file,
  ...geospatial,
  ...hash,
  ...informationSchema,
  ...metadata,
  ...ml,
  ...notification,
  ...numeric,
  ...operators,
  ...organizationUsers,
  ...period,
  ...regexp,
  ...semistructured,
  ...string,
  ...system,
  ...table,
  ...vector,
  ...window,
];

let byName: Map<string, InventoryEntry[]> | undefined;

/** Callable entries by upper-case name and alias (several entries can share a name: one per page). */
function callableIndex(): Map<string, InventoryEntry[]> {
  if (byName) return byName;
  byName = new Map();
  for (const entry of INVENTORY) {
    if (entry.syntax !== undefined) continue;
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const key = name.toUpperCase();
      const list = byName.get(key) ?? [];
      list.push(entry);
      byName.set(key, list);
    }
  }
  return byName;
}

/**
 * The entries a call `NAME(…)` may mean, by its upper-case (possibly qualified) name, e.g.
 * `UPPER`, `SYSTEM$TYPEOF`, `SNOWFLAKE.CORTEX.COMPLETE`. Empty when the reference has no such function.
 */
export function lookupFunction(name: string): readonly InventoryEntry[] {
  return callableIndex().get(name.toUpperCase()) ?? [];
}

/** The entries of one category. */
export function inventoryOf(category: InventoryCategory): InventoryEntry[] {
  return INVENTORY.filter((entry) => entry.category === category);
}
