/**
 * Snowflake accepts `[INNER] JOIN` without ON or USING (`FROM a INNER JOIN b WHERE a.x = b.x`): the
 * join is a cross join, filtered by WHERE. DuckDB requires a condition on an inner join, so such a
 * join becomes a CROSS JOIN in the parsed statement (a lateral table function joined this way too).
 */

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Turns every condition-less inner join of a parsed statement into a cross join; true when any changed. */
export function crossJoinsWithoutCondition(ast: unknown): boolean {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    if (
      node.kind === "Inner" &&
      "on" in node &&
      node.on === null &&
      Array.isArray(node.using) &&
      node.using.length === 0 &&
      "this" in node
    ) {
      node.kind = "Cross";
      node.use_inner_keyword = false;
      changed = true;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return changed;
}
