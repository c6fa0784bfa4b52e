/**
 * PARSE_URL(url [, permissive]): the URL's parts as an OBJECT with Snowflake's seven keys (fragment,
 * host, parameters, path, port, query, scheme; absent parts are JSON null). As Snowflake's page shows:
 * the host keeps any user information (`USER:PASS@EXAMPLE.INT`), the path has no leading slash, the
 * port is a string, and `parameters` maps the query's names to their values. A URL without a scheme
 * fails with `100139 Error parsing URL: scheme not specified`, or with `permissive` 1 gives
 * `{"error": "scheme not specified"}`.
 */
import { BIGINT, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition } from "./scalars.js";
import { JSON_TYPE } from "./scalars-variant.js";
import { FunctionValueError } from "./scalars-hash.js";

export interface ParsedUrl {
  fragment: string | null;
  host: string | null;
  parameters: Record<string, string> | null;
  path: string | null;
  port: string | null;
  query: string | null;
  scheme: string;
}

class UrlParseError extends Error {}

/** Splits `text` at the first `separator`: [before, after or null when absent]. */
function cut(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** The parts of a URL; throws UrlParseError with Snowflake's reason when it has no scheme. */
export function parseUrl(url: string): ParsedUrl {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (!scheme) throw new UrlParseError("scheme not specified");
  const [beforeFragment, fragment] = cut(url.slice(scheme[0].length), "#");
  const [rest, query] = cut(beforeFragment, "?");
  let host: string | null = null;
  let port: string | null = null;
  let path: string | null = rest;
  if (rest.startsWith("//")) {
    const authorityEnd = rest.indexOf("/", 2);
    const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    path = authorityEnd < 0 ? null : rest.slice(authorityEnd + 1);
    const withPort = /^(.*?):(\d*)$/.exec(authority);
    // A colon inside user information (before the @) is not a port separator.
    if (withPort && withPort[1]!.length > authority.lastIndexOf("@")) {
      host = withPort[1]!;
      port = withPort[2] === "" ? null : withPort[2]!;
    } else {
      host = authority;
    }
    if (host === "") host = null;
  }
  let parameters: Record<string, string> | null = null;
  if (query !== null && query !== "") {
    parameters = {};
    for (const pair of query.split("&")) {
      if (pair === "") continue;
      const [name, value] = cut(pair, "=");
      parameters[name] = value ?? "";
    }
  }
  return { fragment, host, parameters, path, port, query, scheme: scheme[1]! };
}

/** PARSE_URL's OBJECT as JSON text (keys in Snowflake's order, which is alphabetical). */
export function parseUrlJson(url: string, permissive: boolean): string {
  try {
    const parts = parseUrl(url);
    const ordered = Object.fromEntries(Object.entries(parts).sort(([a], [b]) => a.localeCompare(b)));
    return JSON.stringify(ordered);
  } catch (error) {
    if (!(error instanceof UrlParseError)) throw error;
    if (permissive) return JSON.stringify({ error: error.message });
    throw new FunctionValueError("100139", "22000", `Error parsing URL: ${error.message}`);
  }
}

export const PARSE_URL_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_parse_url",
    parameters: [VARCHAR, BIGINT],
    returns: JSON_TYPE,
    body: ([url, permissive]) => parseUrlJson(String(url), Number(permissive) !== 0),
  },
];
