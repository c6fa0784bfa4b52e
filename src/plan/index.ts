/**
 * Orders differences by dependency and renders them to DDL steps: roles before grants, monitors
 * before the warehouses that use them, views after what they read (dependencies from the SQL),
 * tasks after their predecessors; drops and revokes last. Destructive steps are marked. A
 * difference that cannot be rendered throws PlanError; nothing is skipped.
 */
import type { DiffResult, DifferenceKind, ObjectDifference } from "../diff/index.js";
import { PlanError } from "../errors/index.js";
import {
  type ChangeCategory,
  CREATE_ORDER,
  kindOf,
  type ModelObject,
  type ObjectKind,
  REMOVE_ORDER,
} from "../model/index.js";
import { renderDifference } from "./render.js";

export { type RenderContext, type RenderedStatement, renderDifference } from "./render.js";

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

/** Topological order of objects inside one kind by the kind's `dependsOn` (view reads, task predecessors). */
function byDependencies(differences: ObjectDifference[], reverse: boolean): ObjectDifference[] {
  const byName = new Map(differences.map((d) => [d.name, d]));
  const deps = (d: ObjectDifference): string[] => {
    const object = (d.desired ?? d.live) as ModelObject;
    const dependsOn = kindOf(object.kind).dependsOn?.(object) ?? [];
    return dependsOn.filter((n) => byName.has(n) && n !== d.name);
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
  const viewsRebuilt = new Set(
    diff.differences
      .filter(
        (d) =>
          d.objectKind === "view" &&
          (d.kind === "missing" ||
            (d.kind === "changed" && d.properties.some((p) => p.property === "queryCanonical"))),
      )
      .map((d) => d.name),
  );
  const context = { desired: [...(desiredObjects ?? [])], viewsRebuilt };
  const inKindOrder = (kind: ObjectKind, group: ObjectDifference[], reverse: boolean) =>
    kindOf(kind).dependsOn ? byDependencies(group, reverse) : group;
  const forward = diff.differences.filter((d) => d.kind !== "unexpected");
  const removals = diff.differences.filter((d) => d.kind === "unexpected");
  const ordered: ObjectDifference[] = [];
  for (const kind of CREATE_ORDER)
    ordered.push(
      ...inKindOrder(
        kind,
        forward.filter((d) => d.objectKind === kind),
        false,
      ),
    );
  for (const kind of REMOVE_ORDER)
    ordered.push(
      ...inKindOrder(
        kind,
        removals.filter((d) => d.objectKind === kind),
        true,
      ),
    );
  const steps: PlanStep[] = [];
  for (const difference of ordered) {
    for (const statement of renderDifference(difference, context)) {
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
