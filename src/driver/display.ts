/**
 * One display form for both drivers. The local driver renders the engine's canonical cells with the
 * engine's own formatter; the Snowflake driver gets text from snowflake-sdk (fetchAsString), which
 * matches that form except where the sdk re-renders a value itself (booleans come back upper-case).
 */

/** Normalises one value snowflake-sdk returned as text to the shared display form. */
export function displayFromSdk(type: string, cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  if (type === "boolean") return String(cell).toLowerCase() === "true" ? "true" : "false";
  if (typeof cell === "string") return cell;
  if (cell instanceof Uint8Array) return Buffer.from(cell).toString("hex").toUpperCase();
  if (typeof cell === "object") return JSON.stringify(cell);
  return String(cell);
}
