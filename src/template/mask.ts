/** Masking of secret values in SQL that is printed or logged. */

/** What a secret is replaced with. */
export const MASK = "********";

/** Environment-variable names whose values are secrets: …SECRET…, …PASSWORD…, …TOKEN…, …KEY…. */
export function isSecretName(name: string): boolean {
  return /SECRET|PASSWORD|PASSPHRASE|TOKEN|KEY/i.test(name);
}

/**
 * Replaces every occurrence of each secret value in `text` with the mask, including the forms the
 * value takes inside a SQL string literal (`'` doubled, `\` doubled). Longer secrets are replaced
 * first so that a secret containing another is masked whole.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(secret.replace(/\\/g, "\\\\").replace(/'/g, "''"));
  }
  let masked = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    masked = masked.split(form).join(MASK);
  }
  return masked;
}
