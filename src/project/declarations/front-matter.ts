/**
 * Optional YAML front matter of a view file, inside a leading SQL block comment or `---` fences:
 *
 *     ---                              /* ---
 *     comment: Daily sales per shop    comment: Daily sales per shop
 *     secure: true                     --- *\/
 *     ---
 *     SELECT ...                       SELECT ...
 */
import { parse as parseYaml } from "yaml";

export interface SplitFrontMatter {
  /** Parsed YAML, or undefined when there is none. */
  data: unknown;
  /** The SQL after the front matter. */
  body: string;
  /** 1-based line of the body's first line in the file, for error positions. */
  bodyLine: number;
}

const FENCED = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const COMMENTED = /^\/\*[ \t]*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*\*\/[ \t]*(?:\r?\n|$)/;

/** Splits front matter from a view file. Throws the yaml library's error on invalid YAML. */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const match = FENCED.exec(text) ?? COMMENTED.exec(text);
  if (!match) return { data: undefined, body: text, bodyLine: 1 };
  const header = match[0];
  const data: unknown = parseYaml(match[1] ?? "");
  const bodyLine = header.split("\n").length - (header.endsWith("\n") ? 1 : 0) + 1;
  return { data: data ?? {}, body: text.slice(header.length), bodyLine };
}
