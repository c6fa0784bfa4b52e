/**
 * Orders differences by dependency and renders them to DDL steps: roles before grants, monitors
 * before the warehouses that use them, views after what they read (dependencies from the SQL),
 * tasks after their predecessors; drops and revokes last. Destructive steps are marked. A
 * difference that cannot be rendered throws PlanError; nothing is skipped.
 */
import type { DiffResult, DifferenceKind, ObjectDifference } from "../diff/index.js";
import { PlanError } from "../errors/index.js";
import type { ChangeCategory, ModelObject, ObjectKind, WarehouseObject } from "../model/index.js";
import { renderDifference } from "./render.js";

export { type RenderedStatement, renderDifference } from "./render.js";

/** One DDL statement of a plan. */
export interface PlanStep {
  /** 1-based position. */
  number: number;
  sql: string;
  /** Drops, revokes and recreations: refused by apply without --allow-destructive. */
  destructive: boolean;
  reason: string;
  /** The difference it resolves. */
  key: string;
  label: string;
  objectKind: ObjectKind;
  category: ChangeCategory;
  difference: DifferenceKind;
}

export interface Plan {
  steps: PlanStep[];
  differences: ObjectDifference[];
  destructiveSteps: number;
}

const FORWARD_ORDER: ObjectKind[] = [
  "role",
  "resource_monitor",
  "warehouse",
  "user",
  "role_grant",
  "row_access_policy",
  "table",
  "view",
  "grant",
  "future_grant",
  "task",
];

const REMOVAL_ORDER: ObjectKind[] = [
  "grant",
  "future_grant",
  "role_grant",
  "task",
  "view",
  "row_access_policy",
  "table",
  "user",
  "warehouse",
  "resource_monitor",
  "role",
];

/** Topological order of objects by `dependsOn` (views) or `after` (tasks), inside one kind. */
function byDependencies(differences: ObjectDifference[], reverse: boolean): ObjectDifference[] {
  const byName = new Map(differences.map((d) => [d.name, d]));
  const deps = (d: ObjectDifference): string[] => {
    const object = (d.desired ?? d.live) as ModelObject;
    if (object.kind === "view") return (object.dependsOn ?? []).filter((n) => byName.has(n) && n !== d.name);
    if (object.kind === "task") return (object.after ?? []).filter((n) => byName.has(n) && n !== d.name);
    return [];
  };
  const ordered: ObjectDifference[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (d: ObjectDifference, trail: string[]) => {
    const seen = state.get(d.name);
    if (seen === "done") return;
    if (seen === "visiting") {
      throw new PlanError("PLAN_CYCLE", `dependency cycle: ${[...trail, d.name].join(" -> ")}`, {
        location: { object: d.label },
        hint: "Views (or tasks) read each other in a circle; break the cycle.",
      });
    }
    state.set(d.name, "visiting");
    for (const dep of deps(d).sort()) visit(byName.get(dep)!, [...trail, d.name]);
    state.set(d.name, "done");
    ordered.push(d);
  };
  for (const d of [...differences].sort((a, b) => a.name.localeCompare(b.name))) visit(d, []);
  return reverse ? ordered.reverse() : ordered;
}

/** Builds the ordered plan for a diff. Throws PlanError for anything it cannot render. */
export function buildPlan(diff: DiffResult, desiredObjects?: Iterable<ModelObject>): Plan {
  const desiredWarehouses = [...(desiredObjects ?? [])].filter(
    (o): o is WarehouseObject => o.kind === "warehouse",
  );
  const forward = diff.differences.filter((d) => d.kind !== "unexpected");
  const removals = diff.differences.filter((d) => d.kind === "unexpected");
  const ordered: ObjectDifference[] = [];
  for (const kind of FORWARD_ORDER) {
    const group = forward.filter((d) => d.objectKind === kind);
    ordered.push(...(kind === "view" || kind === "task" ? byDependencies(group, false) : group));
  }
  for (const kind of REMOVAL_ORDER) {
    const group = removals.filter((d) => d.objectKind === kind);
    ordered.push(...(kind === "view" || kind === "task" ? byDependencies(group, true) : group));
  }
  const steps: PlanStep[] = [];
  for (const difference of ordered) {
    for (const statement of renderDifference(difference, { desiredWarehouses })) {
      steps.push({
        number: steps.length + 1,
        sql: statement.sql,
        destructive: statement.destructive,
        reason: statement.reason,
        key: difference.key,
        label: difference.label,
        objectKind: difference.objectKind,
        category: difference.category,
        difference: difference.kind,
      });
    }
  }
  return {
    steps,
    differences: diff.differences,
    destructiveSteps: steps.filter((s) => s.destructive).length,
  };
}
