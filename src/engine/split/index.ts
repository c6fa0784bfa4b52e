/**
 * Statement splitter: cuts a Snowflake SQL script into statements, as Snowsight and SnowSQL do.
 *
 * Rules (decided here, relied on by the engine's executeScript and by the migration runner):
 * - A statement ends at a `;` outside strings, quoted identifiers, comments, `$$…$$` bodies and
 *   Snowflake Scripting blocks, or at the end of the script.
 * - A statement's `text` runs from its first meaningful token to its last one: comments before it
 *   and between its end and the `;` are dropped; comments inside it are kept verbatim. The `;` is
 *   not part of the text.
 * - Empty statements (`;;`) and statements made only of comments are dropped.
 * - `BEGIN … END` (with nested blocks, IF/CASE/LOOP/FOR/WHILE/REPEAT … END …) and
 *   `DECLARE … BEGIN … END` are one statement, also as the body of `CREATE PROCEDURE … AS`.
 *   `BEGIN;`, `BEGIN TRANSACTION`, `BEGIN WORK` and `BEGIN NAME t` start a transaction instead.
 * - A string, quoted identifier, block comment or `$$` body that is never closed is a syntax error
 *   (SnowflakeError 001003 with the opener's line and position): running what comes before it would
 *   apply half a script, as if the rest were text.
 * - `line` and `column` are 1-based; `offset` and `endOffset` are 0-based string indexes into the
 *   script (`script.slice(offset, endOffset) === text`).
 */
import { SnowflakeError } from "../errors.js";
import { isComment, type Token, tokenize } from "./lexer.js";

/** The error `splitStatements` throws, so a caller outside the engine (the runner) can catch it from here. */
export { SnowflakeError } from "../errors.js";
export type { Token, TokenizeOptions, TokenKind } from "./lexer.js";
export { isComment, tokenize } from "./lexer.js";

/** One statement cut out of a script. */
export interface SplitStatement {
  /** 0-based position among the script's (non-empty) statements. */
  index: number;
  /** The statement's text without the terminating `;` and without leading/trailing comments. */
  text: string;
  /** 1-based line of the statement's first character. */
  line: number;
  /** 1-based column of the statement's first character. */
  column: number;
  /** 0-based index of the first character in the script. */
  offset: number;
  /** 0-based index just past the last character of `text`. */
  endOffset: number;
  /** True when a `;` closed the statement, false for a last statement without one. */
  terminated: boolean;
  /** True for an anonymous Snowflake Scripting block (`BEGIN … END`, `DECLARE … END`). */
  scripting: boolean;
}

/** Words that may follow END to name what it closes (`END IF`, `END LOOP`, …). */
const END_QUALIFIERS = new Set(["IF", "LOOP", "CASE", "FOR", "WHILE", "REPEAT"]);
/** Words after BEGIN that make it a transaction start rather than a block. */
const TRANSACTION_WORDS = new Set(["TRANSACTION", "WORK", "NAME"]);

/** Splits a script into its statements; throws a syntax error for an unterminated token. */
export function splitStatements(script: string): SplitStatement[] {
  const tokens = tokenize(script);
  const lineStarts = computeLineStarts(script);
  const open = tokens.find((t) => t.unterminated);
  if (open) throw unterminatedError(script, open, lineStarts);
  const significant = tokens.filter((t) => !isComment(t));
  const out: SplitStatement[] = [];

  let first: Token | null = null;
  let last: Token | null = null;
  let firstWord: string | null = null;
  let prevWord: string | null = null;
  let sawRoutine = false;
  let scripting = false;
  // Block state: open constructs awaiting END, a DECLARE section awaiting BEGIN, loop headers
  // awaiting DO/LOOP, and whether the next word starts a statement inside the block.
  let depth = 0;
  let pendingDeclare = false;
  let headers = 0;
  let atStart = false;

  const finish = (terminated: boolean): void => {
    if (first && last) {
      const pos = position(lineStarts, first.start);
      out.push({
        index: out.length,
        text: script.slice(first.start, last.end),
        line: pos.line,
        column: pos.column,
        offset: first.start,
        endOffset: last.end,
        terminated,
        scripting,
      });
    }
    first = last = null;
    firstWord = prevWord = null;
    sawRoutine = scripting = pendingDeclare = atStart = false;
    depth = headers = 0;
  };

  for (let k = 0; k < significant.length; k++) {
    const tok = significant[k]!;
    const inBlock = depth > 0 || pendingDeclare;
    if (tok.kind === "semicolon") {
      if (!inBlock) {
        finish(true);
      } else {
        atStart = true;
        prevWord = null;
      }
      continue;
    }
    const word = tok.kind === "word" ? tok.upper! : null;
    const next = significant[k + 1];
    const nextWord = next?.kind === "word" ? next.upper! : null;

    if (first === null) {
      first = tok;
      firstWord = word;
      if (word === "BEGIN" && !beginsTransaction(next)) {
        depth = 1;
        atStart = true;
        scripting = true;
      } else if (word === "DECLARE") {
        pendingDeclare = true;
        atStart = true;
        scripting = true;
      }
    } else if (inBlock) {
      if (word === null) {
        atStart = false;
      } else if (word === "BEGIN") {
        if (!beginsTransaction(next)) {
          depth++;
          pendingDeclare = false;
        }
        atStart = true;
      } else if (word === "END") {
        depth = Math.max(0, depth - 1);
        if (nextWord !== null && END_QUALIFIERS.has(nextWord)) {
          k++;
          last = next!;
        }
        atStart = false;
      } else if (word === "CASE") {
        depth++;
        atStart = false;
      } else if (word === "IF") {
        if (atStart && nextWord !== "NOT" && nextWord !== "EXISTS") depth++;
        atStart = false;
      } else if (word === "FOR" || word === "WHILE") {
        if (atStart) {
          depth++;
          headers++;
        }
        atStart = false;
      } else if (word === "DO" || word === "LOOP") {
        if (headers > 0) headers--;
        else if (word === "LOOP" && atStart) depth++;
        atStart = true;
      } else if (word === "REPEAT") {
        const isFunctionCall = next?.kind === "punct" && script[next.start] === "(";
        if (atStart && !isFunctionCall) depth++;
        atStart = !isFunctionCall;
      } else {
        atStart = word === "THEN" || word === "ELSE";
      }
    } else if (word !== null) {
      // Top level of an ordinary statement: only a routine body written without `$$` opens a block.
      if (word === "PROCEDURE" || word === "FUNCTION") sawRoutine = true;
      const routineHeader =
        sawRoutine && prevWord === "AS" && (firstWord === "CREATE" || firstWord === "WITH");
      if (routineHeader && word === "BEGIN") {
        depth = 1;
        atStart = true;
      } else if (routineHeader && word === "DECLARE") {
        pendingDeclare = true;
        atStart = true;
      }
    }
    prevWord = word;
    last = tok;
  }
  finish(false);
  return out;
}

const OPENERS: Record<string, string> = {
  string: "string",
  "quoted-identifier": "quoted identifier",
  "dollar-body": "$$ body",
  "block-comment": "comment",
};

/**
 * Snowflake's syntax error at the end of the script, naming the opener that was never closed.
 * Its `line` and `position` are the opener's, so a caller can point at it.
 */
function unterminatedError(script: string, token: Token, lineStarts: number[]): SnowflakeError {
  const end = position(lineStarts, script.length);
  const at = position(lineStarts, token.start);
  const what = OPENERS[token.kind] ?? "token";
  return new SnowflakeError(
    "001003",
    "42000",
    `SQL compilation error:\nsyntax error line ${end.line} at position ${end.column - 1} unexpected '<EOF>'. The ${what} that starts at line ${at.line}, position ${at.column - 1} is never closed.`,
    { line: at.line, position: at.column - 1 },
  );
}

/** True when the token after BEGIN makes it a transaction start (`BEGIN;`, `BEGIN TRANSACTION`, …). */
function beginsTransaction(next: Token | undefined): boolean {
  if (next === undefined || next.kind === "semicolon") return true;
  return next.kind === "word" && TRANSACTION_WORDS.has(next.upper!);
}

function computeLineStarts(script: string): number[] {
  const starts = [0];
  for (let i = 0; i < script.length; i++) if (script[i] === "\n") starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a 0-based offset. */
function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
