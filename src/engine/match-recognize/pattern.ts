/**
 * MATCH_RECOGNIZE's PATTERN: a regular expression over symbols, parsed into a tree.
 *
 * Precedence is Snowflake's, as its reference states it: the alternative operator `|` binds
 * tighter than concatenation, so `A B | C D` is `A (B | C) D`; parentheses override it.
 * Quantifiers (`* + ? {n} {n,} {,m} {n,m}`, each with a trailing `?` for reluctant) apply to the
 * symbol, group or PERMUTE before them. `{- … -}` marks what it holds as excluded from the output.
 */
import { sfErrors } from "../errors.js";
import { symbolName } from "./clause.js";

/** A node of the pattern tree. */
export type PatternNode =
  | { kind: "symbol"; name: string; excluded: boolean }
  | { kind: "start" }
  | { kind: "end" }
  | { kind: "sequence"; items: PatternNode[] }
  | { kind: "alternative"; options: PatternNode[] }
  | { kind: "repeat"; node: PatternNode; min: number; max: number; greedy: boolean };

type Lexeme = { text: string; at: number };

function lex(pattern: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if ((ch === "{" && pattern[i + 1] === "-") || (ch === "-" && pattern[i + 1] === "}")) {
      out.push({ text: ch + (pattern[i + 1] as string), at: i });
      i += 2;
    } else if (ch === "{") {
      const close = pattern.indexOf("}", i);
      if (close < 0) throw patternError(pattern, "unclosed quantifier");
      out.push({ text: pattern.slice(i, close + 1).replace(/\s+/g, ""), at: i });
      i = close + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < pattern.length && !(pattern[j] === '"' && pattern[j + 1] !== '"'))
        j += pattern[j] === '"' ? 2 : 1;
      out.push({ text: pattern.slice(i, j + 1), at: i });
      i = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(
        pattern.slice(i),
      ) as RegExpExecArray;
      out.push({ text: m[0], at: i });
      i += m[0].length;
    } else if ("()|,^$*+?".includes(ch)) {
      out.push({ text: ch, at: i });
      i++;
    } else {
      throw patternError(pattern, `unexpected '${ch}'`);
    }
  }
  return out;
}

function patternError(pattern: string, what: string) {
  return sfErrors.compilation(`MATCH_RECOGNIZE: invalid PATTERN (${pattern.trim()}): ${what}`);
}

/** Every ordering of `items`, in the order their indexes sort (the first argument first). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

const MAX_PERMUTE_ARGUMENTS = 6;

/** Parses a PATTERN body (the text between its parentheses). */
export function parsePattern(pattern: string): PatternNode {
  const lexemes = lex(pattern);
  let pos = 0;
  let excludedDepth = 0;
  const peek = () => lexemes[pos]?.text;
  const expect = (text: string) => {
    if (peek() !== text)
      throw patternError(pattern, `expected '${text}'${peek() ? ` before '${peek()}'` : " at the end"}`);
    pos++;
  };
  const startsPrimary = (t: string | undefined) =>
    t !== undefined &&
    (t === "(" || t === "{-" || t === "^" || t === "$" || /^[A-Za-z_"\u0080-\uffff]/.test(t));

  const sequence = (): PatternNode => {
    const items: PatternNode[] = [];
    while (startsPrimary(peek())) items.push(alternative());
    if (items.length === 0) throw patternError(pattern, peek() ? `unexpected '${peek()}'` : "empty pattern");
    return items.length === 1 ? (items[0] as PatternNode) : { kind: "sequence", items };
  };
  const alternative = (): PatternNode => {
    const options = [quantified()];
    while (peek() === "|") {
      pos++;
      options.push(quantified());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { kind: "alternative", options };
  };
  const quantified = (): PatternNode => {
    let node = primary();
    for (;;) {
      const q = peek();
      let bounds: [number, number] | null = null;
      if (q === "*") bounds = [0, Infinity];
      else if (q === "+") bounds = [1, Infinity];
      else if (q === "?") bounds = [0, 1];
      else if (q?.startsWith("{") && q !== "{-") {
        const m = /^\{(\d*)(,?)(\d*)\}$/.exec(q);
        if (m === null || (m[1] === "" && m[3] === ""))
          throw patternError(pattern, `invalid quantifier '${q}'`);
        const min = m[1] === "" ? 0 : Number(m[1]);
        const max = m[2] === "" ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (max < min) throw patternError(pattern, `invalid quantifier '${q}'`);
        bounds = [min, max];
      }
      if (bounds === null) return node;
      pos++;
      const reluctant = peek() === "?";
      if (reluctant) pos++;
      node = { kind: "repeat", node, min: bounds[0], max: bounds[1], greedy: !reluctant };
    }
  };
  const primary = (): PatternNode => {
    const t = peek();
    if (t === "^" || t === "$") {
      pos++;
      return { kind: t === "^" ? "start" : "end" };
    }
    if (t === "(") {
      pos++;
      const inner = sequence();
      expect(")");
      return inner;
    }
    if (t === "{-") {
      pos++;
      excludedDepth++;
      const inner = sequence();
      excludedDepth--;
      expect("-}");
      return inner;
    }
    if (t !== undefined && t.toUpperCase() === "PERMUTE" && lexemes[pos + 1]?.text === "(") {
      pos += 2;
      const args = [sequence()];
      while (peek() === ",") {
        pos++;
        args.push(sequence());
      }
      expect(")");
      if (args.length > MAX_PERMUTE_ARGUMENTS)
        throw sfErrors.unsupported(
          `MATCH_RECOGNIZE: PERMUTE with more than ${MAX_PERMUTE_ARGUMENTS} arguments`,
        );
      return {
        kind: "alternative",
        options: permutations(args).map((items) => ({ kind: "sequence", items }) as PatternNode),
      };
    }
    if (t === undefined || !/^[A-Za-z_"\u0080-\uffff]/.test(t))
      throw patternError(pattern, t ? `unexpected '${t}'` : "unexpected end");
    pos++;
    return { kind: "symbol", name: symbolName(t), excluded: excludedDepth > 0 };
  };

  const root = sequence();
  if (pos < lexemes.length) throw patternError(pattern, `unexpected '${peek()}'`);
  return root;
}

/** The names of the symbols a pattern uses. */
export function patternSymbols(node: PatternNode, into = new Set<string>()): Set<string> {
  if (node.kind === "symbol") into.add(node.name);
  else if (node.kind === "sequence") for (const n of node.items) patternSymbols(n, into);
  else if (node.kind === "alternative") for (const n of node.options) patternSymbols(n, into);
  else if (node.kind === "repeat") patternSymbols(node.node, into);
  return into;
}

/** True when the pattern marks anything for exclusion. */
export function hasExclusion(node: PatternNode): boolean {
  if (node.kind === "symbol") return node.excluded;
  if (node.kind === "sequence") return node.items.some(hasExclusion);
  if (node.kind === "alternative") return node.options.some(hasExclusion);
  if (node.kind === "repeat") return hasExclusion(node.node);
  return false;
}
