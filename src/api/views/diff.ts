/**
 * Use case `views diff <name>`: one declared view, rendered for the environment, against the live
 * view on its target. The definition and attributes are compared by drift's own diff (canonical
 * SQL, so layout-only edits are in sync); the columns of both sides are read on the target the
 * same way (`LIMIT 0` queries, nothing created). Removed and retyped columns are breaking, and the
 * declared views that read the view are the ones affected.
 */
import { createTwoFilesPatch } from "diff";
import { DriverError } from "../../errors/index.js";
import type { ViewObject } from "../../model/index.js";
import { breakingChanges, type ViewDiffReport } from "../../report/view-diff.js";
import { queryTag } from "../declarations.js";
import { compareColumns, declaredViewColumns, liveViewColumns, type ViewColumn } from "./columns.js";
import { loadDeclaredViews } from "./declared.js";
import { attributeName, compareViews, type ViewsCommonOptions, withViewTarget } from "./list.js";

export interface ViewDiffOptions extends ViewsCommonOptions {
  /** The view as the user types it: `TOP_SHOPS`, `analytics.top_shops`, `DB.SCHEMA.VIEW`. */
  name: string;
}

/** Unified diff of the live SELECT to the declared one, hunks only (the file headers say nothing here). */
export function selectTextDiff(live: string, declared: string): string {
  if (live.trim() === declared.trim()) return "";
  const patch = createTwoFilesPatch("live", "declared", `${live.trim()}\n`, `${declared.trim()}\n`, "", "", {
    context: 3,
  });
  return patch.slice(patch.indexOf("@@")).trimEnd();
}

async function liveColumns(
  driver: Parameters<typeof liveViewColumns>[0],
  view: ViewObject,
  tag: string,
): Promise<ViewColumn[]> {
  try {
    return await liveViewColumns(driver, view.name, tag);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    throw new DriverError(
      "LIVE_VIEW_FAILED",
      `the live view ${view.name} does not run on the target: ${error.message}`,
      {
        location: { object: `VIEW ${view.name}` },
        hint: "Something it reads was changed or dropped after it was created; `mercurios apply` recreates it from the declaration.",
        cause: error,
      },
    );
  }
}

/** `views diff`: the declared view against the live one. Throws VIEW_UNKNOWN, VIEW_QUERY_FAILED, TARGET_NOT_SET_UP. */
export async function diffView(options: ViewDiffOptions): Promise<ViewDiffReport> {
  const { environment } = options;
  const declared = await loadDeclaredViews(environment, options.processEnv);
  const view = declared.resolve(options.name);
  return withViewTarget(options, async (driver) => {
    const comparison = await compareViews(driver, declared, environment, "views-diff");
    const tag = queryTag("views-diff", environment);
    const key = `view:${view.name}`;
    const live = comparison.live.objects.get(key) as ViewObject | undefined;
    const properties = comparison.differences.get(key)?.properties ?? [];
    const declaredColumns = await declaredViewColumns(driver, view, tag);
    const liveCols = live ? await liveColumns(driver, live, tag) : null;
    const changes = liveCols
      ? compareColumns(declaredColumns, liveCols)
      : { added: declaredColumns, removed: [], retyped: [] };
    const liveText = live && live.queryCanonical !== undefined ? live.query : null;
    const sameDefinition = live !== undefined && !properties.some((p) => p.property === "queryCanonical");
    const textDiff = liveText === null ? "" : selectTextDiff(liveText, view.query);
    const attributes = properties
      .filter((p) => p.property !== "queryCanonical")
      .map((p) => ({ attribute: attributeName(p.label), declared: p.declaredText, live: p.liveText }));
    const columns = { declared: declaredColumns, live: liveCols, ...changes };
    const columnsDiffer = changes.added.length + changes.removed.length + changes.retyped.length > 0;
    const status: ViewDiffReport["status"] = !live
      ? "missing"
      : !sameDefinition || attributes.length > 0 || columnsDiffer
        ? "changed"
        : "in sync";
    return {
      environment: environment.name,
      view: view.name,
      source: view.source ?? null,
      status,
      definition: {
        same: sameDefinition,
        layoutOnly: sameDefinition && liveText !== null && textDiff !== "",
        textDiff,
        declared: view.query,
        live: liveText,
      },
      attributes,
      columns,
      breaking: breakingChanges(columns),
      affected: [...declared.graph.readers(view.name)],
      upstreamChanged: declared.graph
        .upstream([view.name])
        .filter((name) => name !== view.name && comparison.differences.has(`view:${name}`)),
    };
  });
}
