/** Longest search text accepted (the directory's own search takes at most 200 characters). */
export const MAX_QUERY_LENGTH = 200;

/** The search text, or why it is refused (the caller translates the reason). */
export type QueryText = { text: string } | { refused: "tooLong" | "badCharacters" };

// C0 and C1 control characters; tabs and line breaks count as spaces (pasted text has them).
const CONTROL = /[\u0000-\u0008\v\f\u000e-\u001f\u007f-\u009f]/;
const SPACES = /\s+/g;

/**
 * Checks a typed search text: whitespace is collapsed, control characters and over-long text are
 * refused with a reason the user can act on (Teams shows it in place of results).
 */
export function checkQueryText(raw: string): QueryText {
  // Measured before any work on it: 10 kB of text is refused without being scanned further.
  if (raw.length > MAX_QUERY_LENGTH * 4) return { refused: "tooLong" };
  if (CONTROL.test(raw)) return { refused: "badCharacters" };
  const text = raw.replace(SPACES, " ").trim();
  if (text.length > MAX_QUERY_LENGTH) return { refused: "tooLong" };
  return { text };
}
