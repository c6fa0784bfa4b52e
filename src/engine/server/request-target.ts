/**
 * The request target (path and query) as the router reads it. A target that is not a URL path, or
 * whose path holds a malformed %-escape (`/queries/%E0%A4%A/result`), is the client's mistake: a 400
 * with Snowflake's error body, never a 500 from a decoder deeper in.
 */
import { HttpProblem } from "./http-io.js";

export function requestTarget(raw: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(raw ?? "/", "http://local");
  } catch {
    throw new HttpProblem(400, "390400", "The request target is not a valid URL path.");
  }
  try {
    decodeURIComponent(url.pathname);
  } catch {
    throw new HttpProblem(400, "390400", "The request path holds a malformed %-escape.");
  }
  return url;
}
