/**
 * A policy body (row access or masking) as the expression one session evaluates: its arguments
 * replaced by the protected columns, CURRENT_ROLE() / CURRENT_USER() / IS_ROLE_IN_SESSION()
 * evaluated for this session, and unqualified table names in the body qualified with the policy's
 * database and schema (a policy body runs in its own schema, with its owner's rights).
 */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { tokenize } from "./lexer.js";
import type { PolicyArgument } from "./model.js";
import { quotePart } from "./names.js";
import { sessionRoles } from "./privileges.js";

/** What binding needs of a policy. */
export interface BindablePolicy {
  database: string;
  schema: string;
  args: PolicyArgument[];
  body: string;
}

/**
 * The body with argument i replaced by `columns[i]` of the relation named `relationName`. With a
 * subquery in the body, those columns are qualified by the relation's name so they cannot bind to
 * a same-named column of a mapping table.
 */
export function bindPolicyBody(
  env: CatalogEnv,
  ctx: CatalogContext,
  p: BindablePolicy,
  columns: readonly string[],
  relationName: string,
): string {
  const roles = sessionRoles(env, ctx);
  const inSession = [...roles.roles];
  const body = p.body;
  const tokens = tokenize(body);
  const hasSubquery = tokens.some((t) => t.kind === "word" && t.text.toUpperCase() === "SELECT");
  const qualifier = hasSubquery ? `"${relationName.replace(/"/g, '""')}".` : "";
  const argMap = new Map(p.args.map((a, i) => [a.name, `${qualifier}"${columns[i]!.replace(/"/g, '""')}"`]));
  let out = "";
  let last = 0;
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const upper = t.kind === "word" ? t.text.toUpperCase() : "";
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    let replacement: string | null = null;
    let end = t.end;
    const isCall = next?.kind === "symbol" && next.text === "(";
    const afterDot = prev?.kind === "symbol" && prev.text === ".";
    if (
      t.kind === "word" &&
      isCall &&
      (upper === "CURRENT_ROLE" || upper === "CURRENT_USER" || upper === "INVOKER_ROLE")
    ) {
      const close = tokens[i + 2];
      if (close?.text === ")") {
        replacement = lit(upper === "CURRENT_USER" ? ctx.user : ctx.role);
        end = close.end;
        i += 2;
      }
    } else if (
      t.kind === "word" &&
      isCall &&
      (upper === "IS_ROLE_IN_SESSION" || upper === "IS_GRANTED_TO_INVOKER_ROLE")
    ) {
      // IS_ROLE_IN_SESSION(<expr>) becomes <expr> IN (<roles in session>).
      let depth = 0;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (tokens[j]!.text === "(") depth++;
        if (tokens[j]!.text === ")" && --depth === 0) break;
      }
      const inner = body.slice(tokens[i + 2]!.start, tokens[j - 1]!.end);
      replacement = `((${rewriteInner(inner)}) IN (${inSession.map(lit).join(", ")}))`;
      end = tokens[j]!.end;
      i = j;
    } else if (t.kind === "word" && !afterDot && !isCall && argMap.has(upper)) {
      replacement = argMap.get(upper)!;
    } else if (t.kind === "quoted" && !afterDot && argMap.has(t.text)) {
      replacement = argMap.get(t.text)!;
    } else if (
      t.kind === "word" &&
      (upper === "FROM" || upper === "JOIN") &&
      next &&
      (next.kind === "word" || next.kind === "quoted")
    ) {
      // Qualify the table name that follows with the policy's database / schema.
      const nameTokens = [next];
      let k = i + 2;
      while (tokens[k]?.text === "." && tokens[k + 1]) {
        nameTokens.push(tokens[k + 1]!);
        k += 2;
      }
      if (next.kind === "word" && ["SELECT", "LATERAL", "TABLE"].includes(next.text.toUpperCase())) continue;
      const written = body.slice(next.start, nameTokens[nameTokens.length - 1]!.end);
      const prefix =
        nameTokens.length === 1
          ? `${quotePart(p.database)}.${quotePart(p.schema)}.`
          : nameTokens.length === 2
            ? `${quotePart(p.database)}.`
            : "";
      out += body.slice(last, next.start) + prefix + written;
      last = nameTokens[nameTokens.length - 1]!.end;
      i = k - 1;
      continue;
    }
    if (replacement !== null) {
      out += body.slice(last, t.start) + replacement;
      last = end;
    }
  }
  out += body.slice(last);
  return out;

  function rewriteInner(inner: string): string {
    return inner.replace(/\b[A-Za-z_][A-Za-z0-9_$]*\b/g, (w) => {
      const col = argMap.get(w.toUpperCase());
      return col ?? w;
    });
  }
}
