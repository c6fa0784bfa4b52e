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

/**
 * The pattern compiled to a backtracking machine's instructions (an explicit stack rather than
 * recursion, so a match may run over any number of rows): SYMBOL consumes a row satisfying it,
 * SPLIT tries its first target and keeps the second for backtracking, MARK / PROGRESS stop an
 * unbounded repetition whose iteration consumed no row.
 */
type Instruction =
  | { op: "SYMBOL"; name: string; excluded: boolean }
  | { op: "START" }
  | { op: "END" }
  | { op: "SPLIT"; first: number; second: number }
  | { op: "JUMP"; to: number }
  | { op: "MARK"; slot: number }
  | { op: "PROGRESS"; slot: number }
  | { op: "MATCH" };

/** Instructions a pattern may compile to (bounded quantifiers are unrolled). */
const MAX_INSTRUCTIONS = 200_000;

/** A compiled pattern: its instructions and how many MARK slots it uses. */
export interface Program {
  code: Instruction[];
  slots: number;
}

/** Compiles a pattern tree (see the Instruction comment). */
export function compile(pattern: PatternNode): Program {
  const code: Instruction[] = [];
  let slots = 0;
  const emit = (i: Instruction): number => {
    if (code.length >= MAX_INSTRUCTIONS)
      throw sfErrors.unsupported("MATCH_RECOGNIZE: a PATTERN this large (quantifier bounds too high)");
    code.push(i);
    return code.length - 1;
  };
  const split = (): number => emit({ op: "SPLIT", first: -1, second: -1 });
  const patch = (at: number, first: number, second: number) => {
    code[at] = { op: "SPLIT", first, second };
  };
  const gen = (node: PatternNode): void => {
    switch (node.kind) {
      case "symbol":
        emit({ op: "SYMBOL", name: node.name, excluded: node.excluded });
        return;
      case "start":
        emit({ op: "START" });
        return;
      case "end":
        emit({ op: "END" });
        return;
      case "sequence":
        for (const item of node.items) gen(item);
        return;
      case "alternative": {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i === node.options.length - 1) {
            gen(option);
            return;
          }
          const at = split();
          gen(option);
          jumps.push(emit({ op: "JUMP", to: -1 }));
          patch(at, at + 1, code.length);
        });
        for (const j of jumps) code[j] = { op: "JUMP", to: code.length };
        return;
      }
      case "repeat": {
        for (let i = 0; i < node.min; i++) gen(node.node);
        const order = (body: number, exit: number): [number, number] =>
          node.greedy ? [body, exit] : [exit, body];
        if (node.max === Infinity) {
          const slot = slots++;
          const loop = split();
          emit({ op: "MARK", slot });
          gen(node.node);
          emit({ op: "PROGRESS", slot });
          emit({ op: "JUMP", to: loop });
          patch(loop, ...order(loop + 1, code.length));
          return;
        }
        const optional: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          optional.push(split());
          gen(node.node);
        }
        for (const at of optional) patch(at, ...order(at + 1, code.length));
        return;
      }
    }
  };
  gen(pattern);
  emit({ op: "MATCH" });
  return { code, slots };
}

interface Branch {
  pc: number;
  position: number;
  length: number;
  marks: number[];
}

/** The first match of a compiled pattern starting at `start`, as its rows in order, or null. */
export function run(program: Program, size: number, test: SymbolTest, start: number): MatchedRow[] | null {
  const { code } = program;
  const path: MatchedRow[] = [];
  const stack: Branch[] = [{ pc: 0, position: start, length: 0, marks: new Array(program.slots).fill(-1) }];
  for (let branch = stack.pop(); branch !== undefined; branch = stack.pop()) {
    let { pc, position } = branch;
    const marks = branch.marks;
    path.length = branch.length;
    for (;;) {
      const i = code[pc] as Instruction;
      if (i.op === "SYMBOL") {
        if (position >= size || !test(position, i.name)) break;
        path.push({ position, symbol: i.name, excluded: i.excluded });
        position++;
        pc++;
      } else if (i.op === "SPLIT") {
        stack.push({ pc: i.second, position, length: path.length, marks: marks.slice() });
        pc = i.first;
      } else if (i.op === "JUMP") {
        pc = i.to;
      } else if (i.op === "MARK") {
        marks[i.slot] = position;
        pc++;
      } else if (i.op === "PROGRESS") {
        // An iteration that consumed no row adds nothing: this branch ends.
        if (marks[i.slot] === position) break;
        pc++;
      } else if (i.op === "START") {
        if (position !== 0) break;
        pc++;
      } else if (i.op === "END") {
        if (position !== size) break;
        pc++;
      } else {
        return path.slice();
      }
    }
  }
  return null;
}

/** The first match starting at `start`, as its rows in order, or null when there is none. */
export function matchAt(
  pattern: PatternNode,
  size: number,
  test: SymbolTest,
  start: number,
): MatchedRow[] | null {
  return run(compile(pattern), size, test, start);
}

/** Every match in a partition of `size` rows, searching from each row as AFTER MATCH SKIP says. */
export function matchPartition(
  pattern: PatternNode,
  size: number,
  test: SymbolTest,
  skip: AfterMatchSkip,
): Match[] {
  const program = compile(pattern);
  const matches: Match[] = [];
  let position = 0;
  while (position < size) {
    const rows = run(program, size, test, position);
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
