/**
 * VIEW: declared as a file, views/<SCHEMA>/<VIEW_NAME>.sql: the SELECT (Handlebars-rendered) with
 * optional YAML front matter (comment, secure, owner, column comments, row access policy, grants).
 */
import { z } from "zod";
import { quoteString, resolveIdentifier, splitQualifiedName } from "../identifiers.js";
import { isNullMarker, normaliseBoolean, normaliseComment, normalisePrivilege } from "../normalise.js";
import {
  canonicalSql,
  checkSql,
  notASingleQuery,
  createTextIsSecure,
  extractViewQuery,
  queryDependencies,
} from "../sql.js";
import { grantPrivilegeProblem } from "../privileges.js";
import { grant } from "./grant.js";
import { policyAttachment } from "./policy-attachment.js";
import {
  cannotRender,
  commentStep,
  declaredName,
  defined,
  ident,
  identifierSchema,
  mapRows,
  ownerOf,
  privilegesSchema,
  qualifiedSchema,
  qualifyIn,
  step,
  text,
} from "./shared.js";
import type { BuildContext, KindDefinition, RenderedStatement, ShowRow } from "./types.js";

export interface ViewObject {
  kind: "view";
  /** `DB.SCHEMA.VIEW`. */
  name: string;
  database: string;
  schema: string;
  /** The SELECT, as written (kept for the report diff). */
  query: string;
  /** Canonical token form of `query`, compared instead of the text. */
  queryCanonical: string;
  secure?: boolean;
  comment?: string | null;
  /** Create-only: column comments. */
  columnComments?: Record<string, string>;
  /** Create-only: `{ policy, columns }` row access policy attachment. */
  rowAccessPolicy?: { policy: string; columns: string[] } | null;
  /** Qualified names of relations the query reads (dependencies for ordering). */
  dependsOn?: string[];
  /** Where it was declared (`views/ANALYTICS/X.sql`), for messages. */
  source?: string;
  /** Line of `source` where `query` starts (after front matter and blank lines), for error locations. */
  sourceLine?: number;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

/** YAML front matter of a view file (views/<SCHEMA>/<NAME>.sql). */
export const viewFrontMatterSchema = z.strictObject({
  comment: z.string().optional(),
  secure: z.boolean().optional(),
  /** Column name -> comment. */
  columns: z.record(z.string(), z.string()).optional(),
  rowAccessPolicy: z
    .strictObject({ policy: qualifiedSchema, on: z.array(identifierSchema).min(1) })
    .optional(),
  /** Owning role (transferred with COPY CURRENT GRANTS). */
  owner: identifierSchema.optional(),
  /** Extra grants on this view: role -> privileges. */
  grants: z.array(z.strictObject({ role: identifierSchema, privileges: privilegesSchema })).optional(),
});
export type ViewFrontMatter = z.input<typeof viewFrontMatterSchema>;

/** A view file, rendered. */
export interface ViewSource {
  schema: string;
  name: string;
  sql: string;
  frontMatter: z.output<typeof viewFrontMatterSchema>;
  bodyLine: number;
}

/** SHOW VIEWS: the query is taken from `text` (the CREATE statement) and compared as tokens. */
export function viewFromRow(row: ShowRow): ViewObject | undefined {
  if (normaliseBoolean(text(row, "is_materialized")) === true) return undefined;
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  if (schema === "INFORMATION_SCHEMA") return undefined;
  const createText = text(row, "text");
  // A secure view's text is hidden unless our role owns it: then the query cannot be compared.
  const query = isNullMarker(createText) ? undefined : extractViewQuery(createText!);
  const secure =
    normaliseBoolean(text(row, "is_secure")) ?? (createText ? createTextIsSecure(createText) : undefined);
  return defined({
    kind: "view" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    query: query ?? "",
    queryCanonical: query === undefined ? undefined : canonicalSql(query),
    secure,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
    dependsOn: query
      ? queryDependencies(query, text(row, "database_name") ?? "", text(row, "schema_name") ?? "")
      : undefined,
  }) as ViewObject;
}

/** SHOW VIEWS of every managed database (tables read it too, to tell views' columns apart). */
export async function readViews(
  reader: { show(sql: string): Promise<ShowRow[]> },
  databases: readonly string[],
): Promise<ViewObject[]> {
  const perDatabase = await Promise.all(
    databases.map(async (database) =>
      mapRows(await reader.show(`SHOW VIEWS IN DATABASE ${database}`), viewFromRow),
    ),
  );
  return perDatabase.flat();
}

function viewDdl(v: ViewObject, replace: boolean): RenderedStatement[] {
  const statements: RenderedStatement[] = [
    step(
      `CREATE ${replace ? "OR REPLACE " : ""}${v.secure ? "SECURE " : ""}VIEW ${v.name}${replace ? " COPY GRANTS" : ""} AS\n${v.query}`,
      replace ? "replace (query changed)" : "create",
    ),
  ];
  if (v.comment)
    statements.push(step(`ALTER VIEW ${v.name} SET COMMENT = ${quoteString(v.comment)}`, "comment"));
  for (const [column, comment] of Object.entries(v.columnComments ?? {})) {
    statements.push(
      step(`ALTER VIEW ${v.name} ALTER COLUMN ${column} COMMENT ${quoteString(comment)}`, "column comment"),
    );
  }
  // Created and replaced views attach their policy here (a replaced view loses it); the view's
  // ROW ACCESS POLICY ON object (./policy-attachment.ts) repairs it alone when only it differs.
  if (v.rowAccessPolicy) {
    statements.push(
      step(
        `ALTER VIEW ${v.name} ADD ROW ACCESS POLICY ${v.rowAccessPolicy.policy} ON (${v.rowAccessPolicy.columns.join(", ")})`,
        "row access policy",
      ),
    );
  }
  return statements;
}

/** Line breaks before the first non-blank character (trimmed off the query, so its lines shift). */
function leadingLineBreaks(sql: string): number {
  const leading = /^\s*/.exec(sql)?.[0] ?? "";
  return leading.split("\n").length - 1;
}

/** Builds a view (and the grants of its front matter) from its rendered file. */
export function buildView(source: ViewSource, context: BuildContext): void {
  const schema = declaredName(source.schema);
  const name = `${context.db}.${schema}.${declaredName(source.name)}`;
  const query = source.sql.trim().replace(/;\s*$/, "").trim();
  if (query === "") {
    context.problem(`VIEW ${name}`, "the view file has no SELECT", "Write the view's SELECT in the file.");
    return;
  }
  const sqlProblem = checkSql(query) ?? notASingleQuery(query);
  if (sqlProblem) {
    context.problem(
      `VIEW ${name}`,
      `does not parse as Snowflake SQL: ${sqlProblem.message}`,
      "Fix the SELECT; run `mercurios render` to see the SQL after templating.",
      undefined,
      {
        code: "VIEW_SQL",
        ...(sqlProblem.line === undefined ? {} : { line: sqlProblem.line + source.bodyLine - 1 }),
      },
    );
    return;
  }
  const fm = source.frontMatter;
  const schemaName = resolveIdentifier(source.schema);
  context.add({
    kind: "view",
    name,
    database: context.db,
    schema,
    query,
    queryCanonical: canonicalSql(query),
    secure: fm.secure ?? false,
    comment: fm.comment ?? null,
    dependsOn: queryDependencies(query, context.database, schemaName),
    source: context.file,
    sourceLine: source.bodyLine + leadingLineBreaks(source.sql),
    ...(fm.owner ? { owner: declaredName(fm.owner) } : {}),
    ...(fm.columns
      ? {
          columnComments: Object.fromEntries(
            Object.entries(fm.columns).map(([column, comment]) => [declaredName(column), comment]),
          ),
        }
      : {}),
    ...(fm.rowAccessPolicy
      ? {
          rowAccessPolicy: {
            policy: qualifyIn(fm.rowAccessPolicy.policy, 3, context.database, schemaName),
            columns: fm.rowAccessPolicy.on.map(declaredName),
          },
        }
      : {}),
  });
  if (fm.rowAccessPolicy) {
    context.add(
      policyAttachment({
        domain: "VIEW",
        entity: name,
        policy: qualifyIn(fm.rowAccessPolicy.policy, 3, context.database, schemaName),
        columns: fm.rowAccessPolicy.on.map(declaredName),
      }),
    );
  }
  for (const g of fm.grants ?? []) {
    for (const privilege of g.privileges) {
      const problem = grantPrivilegeProblem("VIEW", normalisePrivilege(privilege));
      if (problem) {
        context.problem(
          `VIEW ${name}`,
          `a grant on the view: ${problem.message}`,
          problem.hint,
          "front matter.grants",
        );
        continue;
      }
      context.add(
        grant({
          privilege: normalisePrivilege(privilege),
          objectType: "VIEW",
          objectName: name,
          role: declaredName(g.role),
          grantOption: false,
        }),
      );
    }
  }
}

/** A view written back as its file: the front matter Snowflake can report, and the query. */
export interface WrittenView {
  /** Folder and file name as written (`ANALYTICS`, `DAILY_SALES_SUMMARY`). */
  schema: string;
  name: string;
  frontMatter: ViewFrontMatter;
  query: string;
}

export const viewKind: KindDefinition<"view"> = {
  kind: "view",
  label: "VIEW",
  category: "schema",
  order: { report: 25, create: 75, remove: 40 },
  comparedByDefault: true,
  properties: {
    queryCanonical: { label: "query", sourceText: (view) => view.query },
    secure: { label: "secure", category: "security" },
    comment: { label: "comment" },
    owner: { label: "owner", category: "security" },
  },
  read: (reader, { scope }) => readViews(reader, scope.databases),
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  dependsOn: (view) => view.dependsOn ?? [],
  ownershipType: "VIEW",
  create: (view) => viewDdl(view, false),
  alter(view, changes) {
    if (changes.some((c) => c.property === "queryCanonical")) return viewDdl(view, true);
    return changes.map((change) => {
      if (change.property === "secure")
        return step(`ALTER VIEW ${view.name} ${view.secure ? "SET" : "UNSET"} SECURE`, "alter secure");
      if (change.property === "comment") return commentStep(`ALTER VIEW ${view.name}`, view.comment);
      return cannotRender(
        `VIEW ${view.name}`,
        change.label,
        "Report this as a bug: every compared view property should render.",
      );
    });
  },
  remove: (view) => `DROP VIEW ${view.name}`,
  removal: "drop",
  check(object, context) {
    if (!context.schemas.has(`${object.database}.${object.schema}`)) {
      context.problem(
        `is in schema folder views/${object.schema}, which is not in the config's schemas`,
        "Move the file to a views/<SCHEMA>/ folder named in `schemas`, or add the schema to the config.",
      );
    }
    if (object.rowAccessPolicy && !context.has("row_access_policy", object.rowAccessPolicy.policy)) {
      context.problem(
        `uses row access policy ${object.rowAccessPolicy.policy}, which is not declared`,
        "Declare it with defineRowAccessPolicy in roles/.",
        "front matter.rowAccessPolicy",
      );
    }
  },
  write(view) {
    const [, schema = view.schema, name = view.name] = splitQualifiedName(view.name).map(declaredName);
    const frontMatter: ViewFrontMatter = {
      ...(view.comment ? { comment: view.comment } : {}),
      ...(view.secure ? { secure: true } : {}),
      ...(view.owner ? { owner: view.owner } : {}),
      ...(view.columnComments && Object.keys(view.columnComments).length > 0
        ? { columns: view.columnComments }
        : {}),
      ...(view.rowAccessPolicy
        ? { rowAccessPolicy: { policy: view.rowAccessPolicy.policy, on: view.rowAccessPolicy.columns } }
        : {}),
    };
    const written: WrittenView = { schema, name, frontMatter, query: view.query };
    return { folder: "views", value: written };
  },
};
