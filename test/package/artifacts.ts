/**
 * Checks that CI reports are well-formed, with real parsers: JUnit XML with fast-xml-parser (and its
 * validator), Markdown with marked's lexer, JSON with JSON.parse. Each returns what it found so that
 * tests can assert on the content too.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { type Token, type Tokens, lexer } from "marked";

export interface JUnitCase {
  name: string;
  classname: string;
  outcome: "passed" | "failure" | "error" | "skipped";
  text: string;
}

export interface JUnitSummary {
  tests: number;
  failures: number;
  errors: number;
  cases: JUnitCase[];
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Parses a JUnit document; throws when it is not well-formed XML or its counts disagree with its cases. */
export function parseJUnit(text: string): JUnitSummary {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "#text" });
  const doc = parser.parse(text) as { testsuites?: Record<string, unknown> };
  if (!doc.testsuites) throw new Error("no <testsuites> root");
  const root = doc.testsuites as Record<string, unknown> & { testsuite?: unknown };
  const cases: JUnitCase[] = [];
  for (const suite of asList(root.testsuite as Record<string, unknown> | Record<string, unknown>[])) {
    const own: JUnitCase[] = [];
    for (const raw of asList(suite.testcase as Record<string, unknown> | Record<string, unknown>[] | undefined)) {
      const testcase = typeof raw === "object" && raw !== null ? raw : {};
      const outcome = "failure" in testcase ? "failure" : "error" in testcase ? "error" : "skipped" in testcase ? "skipped" : "passed";
      const body = testcase[outcome] as string | { "#text"?: string } | undefined;
      own.push({
        name: String(testcase.name ?? ""),
        classname: String(testcase.classname ?? ""),
        outcome,
        text: typeof body === "string" ? body : (body?.["#text"] ?? ""),
      });
    }
    const count = (outcome: JUnitCase["outcome"]) => own.filter((c) => c.outcome === outcome).length;
    if (Number(suite.tests) !== own.length) throw new Error(`suite ${String(suite.name)}: tests="${String(suite.tests)}" but ${own.length} test cases`);
    if (Number(suite.failures ?? 0) !== count("failure")) throw new Error(`suite ${String(suite.name)}: failures="${String(suite.failures)}" but ${count("failure")} <failure>`);
    if (Number(suite.errors ?? 0) !== count("error")) throw new Error(`suite ${String(suite.name)}: errors="${String(suite.errors)}" but ${count("error")} <error>`);
    cases.push(...own);
  }
  const tests = Number(root.tests ?? cases.length);
  if (tests !== cases.length) throw new Error(`<testsuites tests="${tests}"> but ${cases.length} test cases`);
  return {
    tests,
    failures: cases.filter((c) => c.outcome === "failure").length,
    errors: cases.filter((c) => c.outcome === "error").length,
    cases,
  };
}

export interface MarkdownSummary {
  headings: string[];
  tables: { header: string[]; rows: string[][] }[];
  code: { lang: string; text: string }[];
}

/**
 * Lexes Markdown as GitHub renders a comment: every table must parse as a table (a row of pipes left
 * as a paragraph means a broken table), every code fence must close, and there must be a heading.
 */
export function parseMarkdown(text: string): MarkdownSummary {
  const tokens = lexer(text);
  const summary: MarkdownSummary = { headings: [], tables: [], code: [] };
  const fences = text.split("\n").filter((line) => /^\s*```/.test(line)).length;
  if (fences % 2 !== 0) throw new Error(`an unclosed code fence (${fences} fence lines)`);
  const visit = (list: Token[]) => {
    for (const token of list) {
      if (token.type === "heading") summary.headings.push((token as Tokens.Heading).text);
      else if (token.type === "table") {
        const table = token as Tokens.Table;
        const header = table.header.map((cell) => cell.text);
        const rows = table.rows.map((row) => row.map((cell) => cell.text));
        for (const row of rows) if (row.length !== header.length) throw new Error(`a table row with ${row.length} cells under ${header.length} headers`);
        summary.tables.push({ header, rows });
      } else if (token.type === "code") summary.code.push({ lang: (token as Tokens.Code).lang ?? "", text: (token as Tokens.Code).text });
      else if (token.type === "paragraph" && /^\s*\|.*\|\s*$/m.test((token as Tokens.Paragraph).text))
        throw new Error(`a table that did not parse: ${(token as Tokens.Paragraph).text.split("\n")[0]}`);
      if ("tokens" in token && Array.isArray(token.tokens) && token.type !== "paragraph") visit(token.tokens as Token[]);
    }
  };
  visit(tokens);
  if (summary.headings.length === 0) throw new Error("no heading");
  return summary;
}

/** Parses JSON; throws with the parser's message. */
export function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}
