/**
 * Checksums of migration scripts. Two per script: the template's (what the author wrote) and the
 * rendered text's with secret values masked (what ran, minus secrets), so a var change, a secret
 * rotation, a whitespace-only change and a real edit can be told apart.
 */
import { createHash } from "node:crypto";

/**
 * Text as compared: BOM dropped, line endings unified, trailing spaces and trailing blank lines
 * removed. Editors that touch only these don't make an applied script look edited.
 */
export function normaliseScriptText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}

/** SHA-256 hex of the normalised text. */
export function scriptChecksum(text: string): string {
  return createHash("sha256").update(normaliseScriptText(text), "utf8").digest("hex");
}

/**
 * schemachange's checksum of a rendered script (JinjaTemplateProcessor.render, then deploy.py): the
 * SHA-224 hex of the text with a leading BOM removed, surrounding whitespace stripped and one
 * trailing `;` dropped. Computed over the real (unmasked) text, as schemachange does.
 */
export function schemachangeChecksum(rendered: string): string {
  let content = rendered.replace(/^\uFEFF/, "").trim();
  if (content.endsWith(";")) content = content.slice(0, -1);
  return createHash("sha224").update(content, "utf8").digest("hex");
}
