/**
 * Turns validated declarations into the desired model and checks every cross-reference (a grant
 * to an undeclared role, a warehouse naming an undeclared monitor, …), collecting all problems.
 * What each declaration becomes, and what each object checks, is its kind module's
 * (src/model/kinds/); this file only runs them.
 */
import { ProjectError } from "../../errors/index.js";
import {
  type AccountModel,
  type BuildContext,
  buildView,
  type CheckContext,
  DECLARATIONS,
  type DeclarationBrand,
  isSystemRole,
  kindOf,
  type ModelObject,
  type ObjectKind,
  objectKey,
  objectLabel,
  quoteIdentifier,
  resolveIdentifier,
  type ViewSource,
} from "../../model/index.js";
import type { DeclarationContext } from "./define.js";

export type { ViewSource } from "../../model/index.js";

/** A validated declaration and the file it came from. */
export interface LocatedValue<T> {
  file: string;
  value: T;
}

/** A validated declaration of one brand (`defineRole` -> `role`; the config's `database`, `schema`). */
export interface LocatedDeclaration extends LocatedValue<unknown> {
  brand: DeclarationBrand;
}

export interface BuildInput {
  declarations: LocatedDeclaration[];
  views: LocatedValue<ViewSource>[];
}

export interface BuildResult {
  model: AccountModel;
  sources: Map<string, string>;
  problems: ProjectError[];
}

type Problem = (
  file: string,
  object: string,
  message: string,
  hint: string,
  path?: string,
  detail?: { code?: "VIEW_SQL" | "ROLE_CYCLE"; line?: number },
) => void;

/** Builds the desired model for one environment from validated declarations. */
export function buildDesiredModel(
  input: BuildInput,
  context: DeclarationContext,
  processEnv: NodeJS.ProcessEnv,
  ignore: readonly string[],
): BuildResult {
  const database = resolveIdentifier(context.database);
  const db = quoteIdentifier(database);
  const objects = new Map<string, ModelObject>();
  const sources = new Map<string, string>();
  const problems: ProjectError[] = [];
  const problem: Problem = (file, object, message, hint, path, detail) =>
    problems.push(
      new ProjectError(detail?.code ?? "DECLARATION_REFERENCE", message, {
        location: {
          file,
          object,
          ...(path ? { path } : {}),
          ...(detail?.line !== undefined ? { line: detail.line } : {}),
        },
        hint,
      }),
    );
  const contextFor = (file: string): BuildContext => ({
    ...context,
    database,
    db,
    processEnv,
    file,
    problem: (object, message, hint, path, detail) => problem(file, object, message, hint, path, detail),
    add(object) {
      const key = objectKey(object);
      const previous = sources.get(key);
      if (previous !== undefined) {
        const hint = "Declare each object once; remove one of the declarations.";
        problem(file, objectLabel(object), `declared twice (also in ${previous})`, hint);
        return;
      }
      objects.set(key, object);
      sources.set(key, file);
    },
  });

  for (const { file, brand, value } of input.declarations) {
    DECLARATIONS.get(brand)?.build(value as never, contextFor(file));
  }
  for (const { file, value } of input.views) buildView(value, contextFor(file));

  checkReferences(objects, sources, db, context.schemas, problem);
  checkRoleCycles(objects, sources, problem);

  const names = (kind: ObjectKind) => [...objects.values()].filter((o) => o.kind === kind).map((o) => o.name);
  const scope = {
    databases: [db],
    roles: names("role"),
    warehouses: names("warehouse"),
    monitors: names("resource_monitor"),
    users: names("user"),
    ignore: [...ignore],
  };
  return { model: { objects, scope }, sources, problems };
}

/** Every object's cross-references (its kind's `check`) and its declared owner. */
function checkReferences(
  objects: Map<string, ModelObject>,
  sources: Map<string, string>,
  db: string,
  configSchemas: readonly string[],
  problem: Problem,
): void {
  const has = (kind: ObjectKind, name: string) => objects.has(`${kind}:${name}`);
  const roleKnown = (name: string) => has("role", name) || isSystemRole(resolveIdentifier(name));
  const schemas = new Set(configSchemas.map((s) => `${db}.${quoteIdentifier(resolveIdentifier(s))}`));
  for (const [key, object] of objects) {
    const file = sources.get(key) ?? "?";
    const label = objectLabel(object);
    const check: CheckContext = {
      has,
      roleKnown,
      db,
      schemas,
      problem: (message, hint, path) => problem(file, label, message, hint, path),
    };
    const owner = (object as { owner?: string }).owner;
    if (owner !== undefined && !roleKnown(owner)) {
      check.problem(
        `is owned by role ${owner}, which is not declared`,
        "Declare the role in roles/ or fix the name.",
        "owner",
      );
    }
    kindOf(object.kind).check?.(object, check);
  }
}

/**
 * Parent roles must form a tree without loops: Snowflake refuses the grant that closes a circle, so
 * a cycle would pass `plan` and stop `apply` half way. Each cycle is reported once, at the grant that
 * closes it, naming every role in it.
 */
function checkRoleCycles(
  objects: Map<string, ModelObject>,
  sources: Map<string, string>,
  problem: Problem,
): void {
  const parents = new Map<string, { parent: string; key: string }[]>();
  for (const [key, object] of objects) {
    if (object.kind !== "role_grant" || object.granteeType !== "ROLE") continue;
    const list = parents.get(object.role) ?? [];
    list.push({ parent: object.grantee, key });
    parents.set(object.role, list);
  }
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (role: string, trail: string[]): void => {
    if (done.has(role)) return;
    const at = trail.indexOf(role);
    if (at >= 0) {
      const cycle = trail.slice(at);
      const id = [...cycle].sort().join(",");
      if (reported.has(id)) return;
      reported.add(id);
      const closing = parents.get(trail[trail.length - 1]!)?.find((p) => p.parent === role);
      const file = (closing && sources.get(closing.key)) ?? "?";
      problem(
        file,
        `ROLE ${trail[trail.length - 1]}`,
        `parent roles form a cycle: ${[...cycle, role].join(" -> ")}`,
        "Snowflake refuses a grant that closes a circle of roles: remove one of these parents.",
        "parents",
        { code: "ROLE_CYCLE" },
      );
      return;
    }
    for (const { parent } of parents.get(role) ?? []) visit(parent, [...trail, role]);
    done.add(role);
  };
  for (const role of [...parents.keys()].sort()) visit(role, []);
}
