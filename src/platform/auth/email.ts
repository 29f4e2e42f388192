/** The key an email is looked up and throttled by: trimmed, Unicode-normalised, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
