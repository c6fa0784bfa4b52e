/**
 * Jinja filters that nunjucks does not have: `map`, `items`, `unique`, `min`, `max` and `tojson`,
 * with Jinja's meaning (keyword arguments such as `attribute=` arrive as nunjucks' keyword object).
 */
import type nunjucks from "nunjucks";

type Keywords = Record<string, unknown> & { __keywords?: true };

/** Splits nunjucks' trailing keyword-arguments object off positional arguments. */
function split(args: unknown[]): { positional: unknown[]; keywords: Keywords } {
  const last = args[args.length - 1] as Keywords | undefined;
  if (last && typeof last === "object" && last.__keywords) {
    return { positional: args.slice(0, -1), keywords: last };
  }
  return { positional: args, keywords: {} };
}

/** `a.b.c` of an item, as Jinja's `attribute=` reads it (dots reach into nested values). */
function attribute(item: unknown, path: unknown): unknown {
  if (path === undefined || path === null) return item;
  let value = item;
  for (const part of String(path).split(".")) {
    value =
      value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (value !== null && typeof value === "object") return Object.keys(value);
  return [];
}

/** Python's json.dumps with Jinja's tojson settings: sorted keys, `, ` and `: `, HTML-safe escapes. */
function toJson(value: unknown, indent?: number): string {
  const dump = (v: unknown, depth: number): string => {
    if (v === undefined || v === null) return "null";
    if (typeof v === "string")
      return JSON.stringify(v).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
    if (typeof v !== "object") return JSON.stringify(v);
    const pad = indent ? `\n${" ".repeat(indent * (depth + 1))}` : "";
    const end = indent ? `\n${" ".repeat(indent * depth)}` : "";
    const separator = indent ? "," : ", ";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[${v.map((x) => pad + dump(x, depth + 1)).join(separator)}${end}]`;
    }
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return "{}";
    return `{${keys.map((k) => `${pad}${dump(k, depth + 1)}: ${dump((v as Record<string, unknown>)[k], depth + 1)}`).join(separator)}${end}}`;
  };
  return dump(value, 0)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/'/g, "\\u0027");
}

/** Adds the filters to an environment. */
export function addJinjaFilters(environment: nunjucks.Environment): void {
  environment.addFilter("map", (items: unknown, ...args: unknown[]) => {
    const { positional, keywords } = split(args);
    const list = asList(items);
    if (positional.length === 0) {
      return list.map((item) => attribute(item, keywords.attribute) ?? keywords.default);
    }
    const filter = environment.getFilter(String(positional[0])) as (...a: unknown[]) => unknown;
    return list.map((item) => filter(item, ...positional.slice(1)));
  });
  environment.addFilter("items", (value: unknown) =>
    value !== null && typeof value === "object" ? Object.entries(value) : [],
  );
  environment.addFilter("unique", (items: unknown, ...args: unknown[]) => {
    const { keywords } = split(args);
    const seen = new Set<unknown>();
    return asList(items).filter((item) => {
      let key = attribute(item, keywords.attribute);
      if (typeof key === "string" && keywords.case_sensitive !== true) key = key.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
  const extreme =
    (sign: 1 | -1) =>
    (items: unknown, ...args: unknown[]) => {
      const { keywords } = split(args);
      const list = asList(items);
      if (list.length === 0) return undefined;
      const key = (item: unknown) => {
        const value = attribute(item, keywords.attribute);
        return typeof value === "string" && keywords.case_sensitive !== true ? value.toLowerCase() : value;
      };
      const compare = (a: unknown, b: unknown) =>
        (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
      // Python's max and min keep the first of equal items.
      return list.reduce((best, item) => (sign * compare(key(item), key(best)) > 0 ? item : best));
    };
  environment.addFilter("max", extreme(1));
  environment.addFilter("min", extreme(-1));
  environment.addFilter("tojson", (value: unknown, indent?: unknown) =>
    toJson(value, typeof indent === "number" ? indent : undefined),
  );
}
