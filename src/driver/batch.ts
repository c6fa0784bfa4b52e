/** The statements of a batch as both drivers send them: trimmed, without a trailing `;`, none empty. */
export function batchStatements(statements: readonly string[]): string[] {
  return statements.map((s) => s.trim().replace(/;\s*$/, "").trim()).filter((s) => s !== "");
}
