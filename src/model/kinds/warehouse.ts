/** WAREHOUSE: declared in monitors/ (inside `defineMonitor`, or with `defineWarehouse`). */
import { z } from "zod";
import { quoteString } from "../identifiers.js";
import {
  displayWarehouseSize,
  normaliseAutoSuspend,
  normaliseBoolean,
  normaliseComment,
  normaliseNumber,
  normaliseWarehouseSize,
  WAREHOUSE_SIZE_SPELLINGS,
} from "../normalise.js";
import type { WarehouseSize } from "../types.js";
import {
  alterReason,
  cannotRender,
  commentSchema,
  declaredName,
  declaredOptionalName,
  defined,
  identifierSchema,
  ident,
  mapRows,
  optionalIdent,
  ownerOf,
  sqlBool,
  step,
  text,
  when,
} from "./shared.js";
import type { BuildContext, KindDefinition, RenderedStatement, ShowRow } from "./types.js";

export interface WarehouseObject {
  kind: "warehouse";
  name: string;
  size?: WarehouseSize;
  type?: "STANDARD" | "SNOWPARK-OPTIMIZED";
  minClusterCount?: number;
  maxClusterCount?: number;
  scalingPolicy?: "STANDARD" | "ECONOMY";
  /** Seconds; `null` means never suspend (Snowflake reports it as NULL or 0). */
  autoSuspend?: number | null;
  autoResume?: boolean;
  /** Create-only: Snowflake cannot report it back, so it is never compared. */
  initiallySuspended?: boolean;
  resourceMonitor?: string | null;
  enableQueryAcceleration?: boolean;
  queryAccelerationMaxScaleFactor?: number;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

const size = z.string().refine((value) => WAREHOUSE_SIZE_SPELLINGS.includes(value.toUpperCase()), {
  error: (issue) =>
    `unknown warehouse size '${String(issue.input)}'; use XSMALL, SMALL, MEDIUM, LARGE, XLARGE, XXLARGE (2X-LARGE), … X6LARGE`,
});

export const warehouseSchema = z.strictObject({
  name: identifierSchema,
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
  resourceMonitor: identifierSchema.nullable().optional(),
  enableQueryAcceleration: z.boolean().optional(),
  queryAccelerationMaxScaleFactor: z.number().int().min(0).max(100).optional(),
  comment: commentSchema,
  /** Owning role; compared and transferred (GRANT OWNERSHIP … COPY CURRENT GRANTS) only when declared. */
  owner: identifierSchema.optional(),
});
export type WarehouseDeclaration = z.input<typeof warehouseSchema>;

/** SHOW WAREHOUSES. */
export function warehouseFromRow(row: ShowRow): WarehouseObject {
  const type = text(row, "type")?.toUpperCase();
  const scaling = text(row, "scaling_policy")?.toUpperCase();
  return defined({
    kind: "warehouse",
    name: ident(text(row, "name")),
    size: normaliseWarehouseSize(text(row, "size") ?? ""),
    type: type === "STANDARD" || type === "SNOWPARK-OPTIMIZED" ? type : undefined,
    minClusterCount: normaliseNumber(text(row, "min_cluster_count")) ?? undefined,
    maxClusterCount: normaliseNumber(text(row, "max_cluster_count")) ?? undefined,
    scalingPolicy: scaling === "STANDARD" || scaling === "ECONOMY" ? scaling : undefined,
    autoSuspend: "auto_suspend" in row ? normaliseAutoSuspend(text(row, "auto_suspend")) : undefined,
    autoResume: normaliseBoolean(text(row, "auto_resume")),
    resourceMonitor: "resource_monitor" in row ? optionalIdent(text(row, "resource_monitor")) : undefined,
    enableQueryAcceleration: normaliseBoolean(text(row, "enable_query_acceleration")),
    queryAccelerationMaxScaleFactor:
      normaliseNumber(text(row, "query_acceleration_max_scale_factor")) ?? undefined,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row),
  } satisfies WarehouseObject);
}

const PARAMS: Record<string, string> = {
  size: "WAREHOUSE_SIZE",
  type: "WAREHOUSE_TYPE",
  minClusterCount: "MIN_CLUSTER_COUNT",
  maxClusterCount: "MAX_CLUSTER_COUNT",
  scalingPolicy: "SCALING_POLICY",
  autoSuspend: "AUTO_SUSPEND",
  autoResume: "AUTO_RESUME",
  initiallySuspended: "INITIALLY_SUSPENDED",
  resourceMonitor: "RESOURCE_MONITOR",
  enableQueryAcceleration: "ENABLE_QUERY_ACCELERATION",
  queryAccelerationMaxScaleFactor: "QUERY_ACCELERATION_MAX_SCALE_FACTOR",
  comment: "COMMENT",
};

function paramValue(property: string, value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return sqlBool(value);
  if (property === "comment" || property === "type") return quoteString(String(value));
  return String(value);
}

function createWarehouse(w: WarehouseObject): RenderedStatement[] {
  const record = w as unknown as Record<string, unknown>;
  const settings = Object.entries(PARAMS)
    .filter(([property]) => {
      const value = record[property];
      return value !== undefined && !(value === null && property !== "autoSuspend");
    })
    .map(([property, param]) => `${param} = ${paramValue(property, record[property])}`);
  return [
    step(`CREATE WAREHOUSE ${w.name}${settings.length ? ` WITH ${settings.join(" ")}` : ""}`, "create"),
  ];
}

/** Builds a declared warehouse; `monitor` is the monitor it is declared inside, if any. */
export function buildWarehouse(
  value: z.output<typeof warehouseSchema>,
  context: BuildContext,
  monitor?: string,
): void {
  const resourceMonitor =
    monitor ??
    (value.resourceMonitor === undefined ? undefined : declaredOptionalName(value.resourceMonitor));
  context.add({
    kind: "warehouse",
    name: declaredName(value.name),
    ...when("size", value.size === undefined ? undefined : normaliseWarehouseSize(value.size)!),
    ...when("type", value.type),
    ...when("minClusterCount", value.minClusterCount),
    ...when("maxClusterCount", value.maxClusterCount),
    ...when("scalingPolicy", value.scalingPolicy),
    ...when("autoSuspend", value.autoSuspend === 0 ? null : value.autoSuspend),
    ...when("autoResume", value.autoResume),
    ...when("initiallySuspended", value.initiallySuspended),
    ...when("resourceMonitor", resourceMonitor),
    ...when("enableQueryAcceleration", value.enableQueryAcceleration),
    ...when("queryAccelerationMaxScaleFactor", value.queryAccelerationMaxScaleFactor),
    ...when("comment", value.comment === undefined ? undefined : value.comment || null),
    ...when("owner", value.owner === undefined ? undefined : declaredName(value.owner)),
  });
}

/** The declaration a warehouse is written as (inside its monitor, or with `defineWarehouse`). */
export function warehouseDeclaration(w: WarehouseObject, insideMonitor: boolean): WarehouseDeclaration {
  const { kind: _kind, resourceMonitor, ...rest } = w;
  return {
    ...rest,
    ...(insideMonitor || resourceMonitor === undefined ? {} : { resourceMonitor }),
  } as WarehouseDeclaration;
}

export const warehouseKind: KindDefinition<"warehouse"> = {
  kind: "warehouse",
  label: "WAREHOUSE",
  category: "cost",
  order: { report: 10, create: 30, remove: 90 },
  comparedByDefault: true,
  properties: {
    size: {
      label: "warehouse_size",
      display: (value) => `${String(value)} (${displayWarehouseSize(value as WarehouseSize)})`,
    },
    type: { label: "type" },
    minClusterCount: { label: "min_cluster_count" },
    maxClusterCount: { label: "max_cluster_count" },
    scalingPolicy: { label: "scaling_policy" },
    autoSuspend: { label: "auto_suspend" },
    autoResume: { label: "auto_resume" },
    resourceMonitor: { label: "resource_monitor" },
    enableQueryAcceleration: { label: "enable_query_acceleration" },
    queryAccelerationMaxScaleFactor: { label: "query_acceleration_max_scale_factor" },
    comment: { label: "comment" },
    owner: { label: "owner", category: "security" },
  },
  read: async (reader) => mapRows(await reader.show("SHOW WAREHOUSES"), warehouseFromRow),
  isManaged: (object, scope) => scope.warehouses.includes(object.name),
  ownershipType: "WAREHOUSE",
  create: (object) => createWarehouse(object),
  alter(desired, changes) {
    const sets: string[] = [];
    const unsets: string[] = [];
    for (const change of changes) {
      const param = PARAMS[change.property];
      if (!param)
        cannotRender(
          `WAREHOUSE ${desired.name}`,
          change.label,
          "This property cannot be changed by mercurios.",
        );
      if (
        change.declared === null &&
        (change.property === "resourceMonitor" || change.property === "comment")
      )
        unsets.push(param);
      else sets.push(`${param} = ${paramValue(change.property, change.declared)}`);
    }
    const reason = alterReason(changes);
    return [
      ...(sets.length ? [step(`ALTER WAREHOUSE ${desired.name} SET ${sets.join(" ")}`, reason)] : []),
      ...(unsets.length ? [step(`ALTER WAREHOUSE ${desired.name} UNSET ${unsets.join(", ")}`, reason)] : []),
    ];
  },
  remove: (object) => `DROP WAREHOUSE ${object.name}`,
  removal: "drop",
  declaration: {
    brand: "warehouse",
    schema: warehouseSchema,
    build: (value: z.output<typeof warehouseSchema>, context) => buildWarehouse(value, context),
  },
  check(object, context) {
    if (object.resourceMonitor && !context.has("resource_monitor", object.resourceMonitor)) {
      context.problem(
        `names resource monitor ${object.resourceMonitor}, which is not declared`,
        "Declare the monitor in monitors/ (or declare the warehouse inside it).",
        "resourceMonitor",
      );
    }
  },
  write(object, context) {
    const monitor = object.resourceMonitor;
    const governed =
      monitor && context.objects.some((o) => o.kind === "resource_monitor" && o.name === monitor);
    if (governed) return undefined; // written inside its monitor
    return { folder: "monitors", helper: "defineWarehouse", value: warehouseDeclaration(object, false) };
  },
};
