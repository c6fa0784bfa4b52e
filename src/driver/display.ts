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

/**
 * The SQL type of a result column from what snowflake-sdk tells about it: a family, a precision and a
 * scale. The sdk does not pass on a text or binary length, so those are `VARCHAR` and `BINARY`
 * without one; everything else reads as the engine and Snowflake write it (`NUMBER(10,2)`,
 * `TIMESTAMP_NTZ(9)`).
 */
export function sqlTypeFromSdk(
  type: string,
  precision: number | null,
  scale: number | null,
): string | undefined {
  const family = type.toLowerCase();
  switch (family) {
    case "fixed":
      return precision !== null && scale !== null ? `NUMBER(${precision},${scale})` : undefined;
    case "real":
      return "FLOAT";
    case "text":
      return "VARCHAR";
    case "time":
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz":
      return scale !== null ? `${family.toUpperCase()}(${scale})` : family.toUpperCase();
    case "date":
    case "boolean":
    case "binary":
    case "variant":
    case "object":
    case "array":
      return family.toUpperCase();
    default:
      return undefined;
  }
}
