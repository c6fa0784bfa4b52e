/**
 * The row-pattern matcher: a backtracking search over one partition's rows (not a regular
 * expression over letters, since a row can satisfy several symbols at once). Alternatives are
 * tried in the order written, greedy quantifiers try one more repetition before stopping and
 * reluctant ones the reverse, so the first complete match found is the one Snowflake reports.
 */
import { sfErrors } from "../errors.js";
import type { AfterMatchSkip } from "./clause.js";
import type { PatternNode } from "./pattern.js";

/** One row of a match: its position in the partition, the symbol it was mapped to, exclusion. */
export interface MatchedRow {
  position: number;
  symbol: string;
  excluded: boolean;
}

/** A match in a partition: its number there, the position it started at, its rows (may be none). */
export interface Match {
  number: number;
  start: number;
  rows: MatchedRow[];
}

/** Which symbols each row satisfies: `satisfies(position, symbol)`. */
export type SymbolTest = (position: number, symbol: string) => boolean;

type Path = { row: MatchedRow; previous: Path } | null;
type Continuation = (position: number, path: Path) => Path | false;

function extend(
  node: PatternNode,
  size: number,
  test: SymbolTest,
  position: number,
  path: Path,
  k: Continuation,
): Path | false {
  switch (node.kind) {
    case "symbol":
      if (position >= size || !test(position, node.name)) return false;
      return k(position + 1, {
        row: { position, symbol: node.name, excluded: node.excluded },
        previous: path,
      });
    case "start":
      return position === 0 ? k(position, path) : false;
    case "end":
      return position === size ? k(position, path) : false;
    case "sequence": {
      const step = (i: number, at: number, p: Path): Path | false =>
        i === node.items.length
          ? k(at, p)
          : extend(node.items[i] as PatternNode, size, test, at, p, (next, np) => step(i + 1, next, np));
      return step(0, position, path);
    }
    case "alternative":
      for (const option of node.options) {
        const found = extend(option, size, test, position, path, k);
        if (found !== false) return found;
      }
      return false;
    case "repeat": {
      const repeat = (count: number, at: number, p: Path): Path | false => {
        const more = (): Path | false =>
          count < node.max
            ? extend(node.node, size, test, at, p, (next, np) =>
                // An iteration that consumes no row adds nothing once the minimum is met.
                next === at && count + 1 > node.min ? false : repeat(count + 1, next, np),
              )
            : false;
        const stop = (): Path | false => (count >= node.min ? k(at, p) : false);
        if (node.greedy) {
          const found = more();
          return found !== false ? found : stop();
        }
        const found = stop();
        return found !== false ? found : more();
      };
      return repeat(0, position, path);
    }
  }
}

/** The first match starting at `start`, as its rows in order, or null when there is none. */
export function matchAt(
  pattern: PatternNode,
  size: number,
  test: SymbolTest,
  start: number,
): MatchedRow[] | null {
  let found: Path | false;
  try {
    found = extend(
      pattern,
      size,
      test,
      start,
      null,
      (_end, path) => path ?? { row: END_OF_EMPTY, previous: null },
    );
  } catch (e) {
    if (e instanceof RangeError)
      throw sfErrors.unsupported(
        "MATCH_RECOGNIZE: a match this long (the local engine's matcher ran out of stack)",
      );
    throw e;
  }
  if (found === false) return null;
  const rows: MatchedRow[] = [];
  for (let p: Path = found; p !== null; p = p.previous) if (p.row !== END_OF_EMPTY) rows.push(p.row);
  return rows.reverse();
}

/** Marks a successful empty match (the continuation must return something other than false). */
const END_OF_EMPTY: MatchedRow = { position: -1, symbol: "", excluded: false };

/** Every match in a partition of `size` rows, searching from each row as AFTER MATCH SKIP says. */
export function matchPartition(
  pattern: PatternNode,
  size: number,
  test: SymbolTest,
  skip: AfterMatchSkip,
): Match[] {
  const matches: Match[] = [];
  let position = 0;
  while (position < size) {
    const rows = matchAt(pattern, size, test, position);
    if (rows === null) {
      position++;
      continue;
    }
    matches.push({ number: matches.length + 1, start: position, rows });
    position = rows.length === 0 ? position + 1 : nextStart(skip, position, rows);
  }
  return matches;
}

function nextStart(skip: AfterMatchSkip, start: number, rows: MatchedRow[]): number {
  if (skip.kind === "PAST_LAST_ROW") return (rows[rows.length - 1] as MatchedRow).position + 1;
  if (skip.kind === "TO_NEXT_ROW") return start + 1;
  const mapped = rows.filter((r) => r.symbol === skip.symbol);
  const target = skip.which === "FIRST" ? mapped[0] : mapped[mapped.length - 1];
  if (target === undefined)
    throw sfErrors.generic(
      `MATCH_RECOGNIZE: AFTER MATCH SKIP TO ${skip.which} ${skip.symbol} found no row mapped to ${skip.symbol} in a match.`,
    );
  if (target.position <= start)
    throw sfErrors.generic(
      `MATCH_RECOGNIZE: AFTER MATCH SKIP TO ${skip.which} ${skip.symbol} does not move past the first row of a match.`,
    );
  return target.position;
}
