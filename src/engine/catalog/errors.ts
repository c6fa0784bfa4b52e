/**
 * Errors the account catalog raises, carrying Snowflake's error code and SQLSTATE so the engine's
 * shape step and the REST server report them exactly as Snowflake would.
 */
import { SnowflakeError } from "../errors.js";

/** A SnowflakeError raised by the account catalog. */
export class CatalogError extends SnowflakeError {
  constructor(code: string, sqlState: string, message: string) {
    super(code, sqlState, message);
    this.name = "SnowflakeError";
  }
}

export function catalogError(code: string, sqlState: string, message: string): CatalogError {
  return new CatalogError(code, sqlState, message);
}

/** `Object 'X' does not exist or not authorized.` (002003). */
export function notFound(kind: string, name: string): CatalogError {
  return catalogError(
    "002003",
    // Snowflake: 42S02 (base table or view not found) for objects, 02000 for warehouses, roles, ….
    kind === "Object" ? "42S02" : "02000",
    `SQL compilation error:\n${kind} '${name}' does not exist or not authorized.`,
  );
}

/** `Object 'X' already exists.` (002002). */
export function alreadyExists(kind: string, name: string): CatalogError {
  return catalogError("002002", "42710", `SQL compilation error:\n${kind} '${name}' already exists.`);
}

/** `Insufficient privileges to operate on <kind> 'X'` (003001). */
export function insufficient(kind: string, name: string): CatalogError {
  return catalogError(
    "003001",
    "42501",
    `SQL access control error:\nInsufficient privileges to operate on ${kind.toLowerCase()} '${name}'`,
  );
}

export function invalidValue(message: string): CatalogError {
  return catalogError("002029", "22023", `SQL compilation error:\n${message}`);
}
