/**
 * Bottom-up replacement of expression nodes in a parsed statement (the transpiler's JSON AST), for
 * the passes that wrap typed expressions in casts (numeric.ts, date-results.ts).
 */

type Node = Record<string, unknown>;

/** A function call node as the transpiler's parser writes one (`NAME(args…)`). */
export function functionCall(name: string, args: unknown[]): Node {
  return {
    function: {
      name,
      args,
      distinct: false,
      trailing_comments: [],
      use_bracket_syntax: false,
      no_parens: false,
      quoted: false,
    },
  };
}

/**
 * Rewrites every node's children first, then offers the node to `replace`, which returns it
 * unchanged or a new node in its place. The function inside a window (`window_function.this`) is
 * never replaced on its own, since a wrapper there would split the call from its OVER clause; the
 * window function as a whole is offered instead. Returns true when any node was replaced.
 */
export function replaceBottomUp(ast: unknown, replace: (node: Node) => unknown): boolean {
  let changed = false;
  const offer = (node: unknown): unknown => {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
    const replaced = replace(node as Node);
    if (replaced !== node) changed = true;
    return replaced;
  };
  const visit = (node: unknown, isWindowBody = false): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        visit(node[i]);
        node[i] = offer(node[i]);
      }
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node as Node;
    for (const [key, value] of Object.entries(obj)) {
      visit(value, key === "window_function");
      if (!(isWindowBody && key === "this")) obj[key] = offer(value);
    }
  };
  visit(ast);
  return changed;
}
