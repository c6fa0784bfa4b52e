/** RESOURCE MONITOR: declared in monitors/ with `defineMonitor`, with the warehouses it governs. */
import { z } from "zod";
import { quoteIdentifier, quoteString } from "../identifiers.js";
import {
  isNullMarker,
  normaliseFrequency,
  normaliseNumber,
  parseNameList,
  sortTriggers,
  triggersFromShow,
} from "../normalise.js";
import type { MonitorFrequency, MonitorTrigger } from "../types.js";
import {
  buildWarehouse,
  type WarehouseDeclaration,
  type WarehouseObject,
  warehouseDeclaration,
  warehouseSchema,
} from "./warehouse.js";
import {
  alterReason,
  declaredName,
  defined,
  displayList,
  ident,
  identifierSchema,
  mapRows,
  sqlText,
  step,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, RenderedStatement, ShowRow } from "./types.js";

export interface ResourceMonitorObject {
  kind: "resource_monitor";
  name: string;
  creditQuota?: number | null;
  frequency?: MonitorFrequency;
  /** Create-only (`IMMEDIATELY` or a timestamp); reported back in the session time zone, never compared. */
  startTimestamp?: string;
  endTimestamp?: string | null;
  notifyUsers?: string[];
  /** Sorted by percent then action; an empty list means no triggers. */
  triggers?: MonitorTrigger[];
}

const trigger = z.strictObject({
  percent: z.number().int().positive(),
  action: z.enum(["NOTIFY", "SUSPEND", "SUSPEND_IMMEDIATE"]),
});

export const monitorSchema = z
  .strictObject({
    name: identifierSchema,
    creditQuota: z.number().nonnegative().nullable().optional(),
    frequency: z.enum(["MONTHLY", "DAILY", "WEEKLY", "YEARLY", "NEVER"]).optional(),
    startTimestamp: z.string().optional(),
    endTimestamp: z.string().nullable().optional(),
    notifyUsers: z.array(identifierSchema).optional(),
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
export type MonitorDeclaration = z.input<typeof monitorSchema>;

/** SHOW RESOURCE MONITORS. */
export function monitorFromRow(row: ShowRow): ResourceMonitorObject {
  const end = text(row, "end_time");
  return defined({
    kind: "resource_monitor" as const,
    name: ident(text(row, "name")),
    creditQuota: "credit_quota" in row ? (normaliseNumber(text(row, "credit_quota")) ?? null) : undefined,
    frequency: normaliseFrequency(text(row, "frequency")),
    // A set end time comes back in the session time zone; only "unset" can be compared reliably.
    endTimestamp: "end_time" in row && isNullMarker(end) ? null : undefined,
    notifyUsers:
      "notify_users" in row
        ? parseNameList(text(row, "notify_users")).map((u) => quoteIdentifier(u))
        : undefined,
    triggers: triggersFromShow(
      text(row, "notify_at"),
      text(row, "suspend_at"),
      text(row, "suspend_immediately_at"),
    ),
  });
}

function triggersClause(m: ResourceMonitorObject): string {
  return (m.triggers ?? []).map((t) => `ON ${t.percent} PERCENT DO ${t.action}`).join(" ");
}

const startClause = (start: string | undefined) =>
  `START_TIMESTAMP = ${!start || start.toUpperCase() === "IMMEDIATELY" ? "IMMEDIATELY" : quoteString(start)}`;

function settings(m: ResourceMonitorObject, changing: Set<string> | undefined): string[] {
  const want = (property: string) => changing === undefined || changing.has(property);
  const out: string[] = [];
  if (m.creditQuota !== undefined && want("creditQuota"))
    out.push(`CREDIT_QUOTA = ${m.creditQuota ?? "NULL"}`);
  if (m.frequency !== undefined && want("frequency")) {
    // FREQUENCY and START_TIMESTAMP must be set together.
    out.push(`FREQUENCY = ${m.frequency}`, startClause(m.startTimestamp));
  } else if (changing === undefined && m.startTimestamp !== undefined) {
    out.push(startClause(m.startTimestamp));
  }
  if (m.endTimestamp !== undefined && want("endTimestamp"))
    out.push(`END_TIMESTAMP = ${sqlText(m.endTimestamp)}`);
  if (m.notifyUsers !== undefined && want("notifyUsers"))
    out.push(`NOTIFY_USERS = (${m.notifyUsers.join(", ")})`);
  return out;
}

function createMonitor(m: ResourceMonitorObject): RenderedStatement[] {
  const s = settings(m, undefined);
  const triggers = triggersClause(m);
  return [
    step(
      `CREATE RESOURCE MONITOR ${m.name}${s.length ? ` WITH ${s.join(" ")}` : ""}${triggers ? ` TRIGGERS ${triggers}` : ""}`,
      "create",
    ),
  ];
}

export const resourceMonitorKind: KindDefinition<"resource_monitor"> = {
  kind: "resource_monitor",
  label: "RESOURCE MONITOR",
  category: "cost",
  order: { report: 11, create: 20, remove: 91 },
  comparedByDefault: true,
  properties: {
    creditQuota: { label: "credit_quota" },
    frequency: { label: "frequency" },
    endTimestamp: { label: "end_timestamp" },
    notifyUsers: { label: "notify_users", display: displayList },
    triggers: {
      label: "triggers",
      display: (value) => {
        const triggers = value as MonitorTrigger[];
        return triggers.length === 0 ? "(none)" : triggers.map((t) => `${t.percent}% ${t.action}`).join(", ");
      },
    },
  },
  read: async (reader) => mapRows(await reader.show("SHOW RESOURCE MONITORS"), monitorFromRow),
  isManaged: (object, scope) => scope.monitors.includes(object.name),
  create: (object) => createMonitor(object),
  alter(desired, changes, context) {
    const changing = new Set(changes.map((c) => c.property));
    if (changing.has("triggers") && (desired.triggers ?? []).length === 0) {
      // Snowflake cannot remove every trigger in place: the monitor is recreated and re-attached.
      const attached = context.desired.filter(
        (o): o is WarehouseObject => o.kind === "warehouse" && o.resourceMonitor === desired.name,
      );
      return [
        {
          sql: `DROP RESOURCE MONITOR ${desired.name}`,
          destructive: true,
          reason: "recreate to remove all triggers",
        },
        ...createMonitor(desired),
        ...attached.map((w) =>
          step(
            `ALTER WAREHOUSE ${w.name} SET RESOURCE_MONITOR = ${desired.name}`,
            "re-attach after recreate",
          ),
        ),
      ];
    }
    const s = settings(desired, changing);
    const triggers = changing.has("triggers") ? triggersClause(desired) : "";
    return [
      step(
        `ALTER RESOURCE MONITOR ${desired.name}${s.length ? ` SET ${s.join(" ")}` : ""}${triggers ? ` TRIGGERS ${triggers}` : ""}`,
        alterReason(changes),
      ),
    ];
  },
  remove: (object) => `DROP RESOURCE MONITOR ${object.name}`,
  removal: "drop",
  declaration: {
    brand: "monitor",
    schema: monitorSchema,
    build(value: z.output<typeof monitorSchema>, context) {
      const name = declaredName(value.name);
      context.add({
        kind: "resource_monitor",
        name,
        ...when("creditQuota", value.creditQuota),
        ...when("frequency", value.frequency),
        ...when("startTimestamp", value.startTimestamp),
        ...when("endTimestamp", value.endTimestamp),
        ...when("notifyUsers", value.notifyUsers?.map(declaredName).sort()),
        ...when("triggers", value.triggers === undefined ? undefined : sortTriggers(value.triggers)),
      });
      for (const warehouse of value.warehouses) {
        if (warehouse.resourceMonitor !== undefined && warehouse.resourceMonitor !== null) {
          const named = declaredName(warehouse.resourceMonitor);
          if (named !== name) {
            context.problem(
              `WAREHOUSE ${warehouse.name}`,
              `is declared inside monitor ${name} but names resource monitor ${named}`,
              "Remove resourceMonitor from a warehouse declared inside defineMonitor.",
            );
          }
        }
        buildWarehouse(warehouse, context, name);
      }
    },
  },
  write(object, context) {
    const warehouses: WarehouseDeclaration[] = context.objects
      .filter((o): o is WarehouseObject => o.kind === "warehouse" && o.resourceMonitor === object.name)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((w) => warehouseDeclaration(w, true));
    const { kind: _kind, ...rest } = object;
    return { folder: "monitors", helper: "defineMonitor", value: { ...rest, warehouses } };
  },
};
