/**
 * The dependency graph of a set of views: which relations each view reads (`dependsOn`, taken from
 * the SQL) and which views read it. Used to create views in a working order, to find what a
 * change to one view affects, and by lineage. Pure: no database.
 */
import { ProjectError } from "../errors/index.js";
import type { ViewObject } from "./types.js";

/** The views of a project (or of a live schema) and the edges between them. */
export interface ViewGraph {
  /** Views by qualified name (`DB.SCHEMA.VIEW`). */
  readonly views: ReadonlyMap<string, ViewObject>;
  /** Every view name, each after the views it reads (ties in name order). */
  readonly order: readonly string[];
  /** Relations (tables or views, qualified) that `name` reads directly. */
  reads(name: string): readonly string[];
  /** Views of the graph that read `name` (a view or a table) directly, in name order. */
  readers(name: string): readonly string[];
  /** `names` and every view of the graph they read, transitively, in creation order. */
  upstream(names: Iterable<string>): string[];
  /** `names` (views only) and every view of the graph that reads them, transitively, in creation order. */
  downstream(names: Iterable<string>): string[];
}

/**
 * Builds the graph. Throws ProjectError VIEW_CYCLE (naming the cycle and the first view's file) when
 * views read each other in a circle, because no creation order exists then.
 */
export function buildViewGraph(views: Iterable<ViewObject>): ViewGraph {
  const byName = new Map<string, ViewObject>();
  for (const view of views) byName.set(view.name, view);
  const reads = new Map<string, string[]>();
  const readers = new Map<string, string[]>();
  for (const view of byName.values()) {
    const deps = [...new Set(view.dependsOn ?? [])].filter((d) => d !== view.name).sort();
    reads.set(view.name, deps);
    for (const dep of deps) {
      const list = readers.get(dep) ?? [];
      list.push(view.name);
      readers.set(dep, list);
    }
  }
  for (const list of readers.values()) list.sort();

  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): void => {
    const seen = state.get(name);
    if (seen === "done") return;
    if (seen === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const source = byName.get(name)?.source;
      throw new ProjectError("VIEW_CYCLE", `views read each other in a circle: ${cycle.join(" -> ")}`, {
        location: { object: `VIEW ${name}`, ...(source ? { file: source } : {}) },
        hint: "Break the cycle: one of these views must stop reading the next.",
      });
    }
    state.set(name, "visiting");
    for (const dep of reads.get(name) ?? []) if (byName.has(dep)) visit(dep, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  const position = new Map(order.map((name, i) => [name, i]));
  const inOrder = (names: Set<string>): string[] =>
    [...names].filter((n) => position.has(n)).sort((a, b) => position.get(a)! - position.get(b)!);

  const closure = (start: Iterable<string>, next: (name: string) => readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...next(name));
    }
    return seen;
  };

  return {
    views: byName,
    order,
    reads: (name) => reads.get(name) ?? [],
    readers: (name) => readers.get(name) ?? [],
    upstream: (names) => inOrder(closure(names, (n) => (reads.get(n) ?? []).filter((d) => byName.has(d)))),
    downstream: (names) => inOrder(closure(names, (n) => readers.get(n) ?? [])),
  };
}
