/**
 * The declared views of an environment, rendered for it, with their dependency graph, and the
 * lookup of a view by the name a user types (`TOP_SHOPS`, `analytics.top_shops`, `DB.SCHEMA.VIEW`).
 * Shared by the `views` subcommands and `dev`.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import { ProjectError } from "../../errors/index.js";
import { buildViewGraph, resolveIdentifier, type ViewGraph, type ViewObject } from "../../model/index.js";
import type { DesiredState, ModuleDeclarations } from "../../project/declarations/index.js";
import { loadDesiredState } from "../declarations.js";

/** An environment's declared views. */
export interface DeclaredViews {
  /** The whole desired state (views, and everything else declared), rendered for the environment. */
  desired: DesiredState;
  /** The declared views only, with their edges. */
  graph: ViewGraph;
  /**
   * The declared view a user means by `name`: one, two or three dot-separated parts, folded as
   * Snowflake folds unquoted identifiers. Throws ProjectError VIEW_UNKNOWN (with close names) or
   * VIEW_AMBIGUOUS (the same view name in two schemas).
   */
  resolve(name: string): ViewObject;
}

/** Splits `A.b."c"` into resolved parts (quoted parts kept as written). */
function nameParts(name: string): string[] {
  const parts = name.match(/"(?:[^"]|"")*"|[^.]+/g) ?? [];
  return parts.map((p) => resolveIdentifier(p.trim()));
}

function unquoted(part: string): string {
  return part.replace(/^"|"$/g, "").replace(/""/g, '"');
}

/** Matches the trailing parts of a qualified name (`DB.SCHEMA.VIEW`) against the parts typed. */
function matches(view: ViewObject, typed: string[]): boolean {
  const qualified = [view.database, view.schema, view.name.split(".").pop() ?? ""].map(unquoted);
  const tail = qualified.slice(qualified.length - typed.length);
  return typed.length <= 3 && tail.every((part, i) => part === unquoted(typed[i] ?? ""));
}

/**
 * Loads and renders the environment's declarations and builds the view graph. `modules` (an earlier
 * load's `desired.modules`) skips re-importing roles/ and monitors/ when only views/ changed.
 */
export async function loadDeclaredViews(
  environment: ResolvedEnvironment,
  processEnv: NodeJS.ProcessEnv = process.env,
  options: { modules?: ModuleDeclarations } = {},
): Promise<DeclaredViews> {
  const desired = await loadDesiredState(environment, processEnv, options);
  const views = [...desired.model.objects.values()].filter((o): o is ViewObject => o.kind === "view");
  const graph = buildViewGraph(views);
  return {
    desired,
    graph,
    resolve(name: string): ViewObject {
      const typed = nameParts(name);
      const found = [...graph.views.values()].filter((v) => matches(v, typed));
      if (found.length === 1) return found[0]!;
      if (found.length > 1) {
        throw new ProjectError("VIEW_AMBIGUOUS", `'${name}' names ${found.length} declared views`, {
          location: { object: `VIEW ${name}` },
          hint: `Qualify it with its schema: ${found.map((v) => `${unquoted(v.schema)}.${unquoted(v.name.split(".").pop() ?? "")}`).join(", ")}.`,
        });
      }
      const last = unquoted(typed[typed.length - 1] ?? "");
      const close = [...graph.views.values()]
        .map((v) => `${unquoted(v.schema)}.${unquoted(v.name.split(".").pop() ?? "")}`)
        .filter((n) => n.includes(last.slice(0, 4)) || last.includes(n.split(".")[1] ?? "\u0000"));
      const known = [...graph.views.values()].map(
        (v) => `${unquoted(v.schema)}.${unquoted(v.name.split(".").pop() ?? "")}`,
      );
      throw new ProjectError("VIEW_UNKNOWN", `no declared view '${name}' in ${environment.name}`, {
        location: { object: `VIEW ${name}` },
        hint:
          close.length > 0
            ? `Did you mean ${close.join(" or ")}? (\`mercurios views list\` shows every declared view)`
            : known.length > 0
              ? `Declared views: ${known.join(", ")}. Views are files views/<SCHEMA>/<NAME>.sql.`
              : "The project declares no views: add views/<SCHEMA>/<NAME>.sql.",
      });
    },
  };
}
