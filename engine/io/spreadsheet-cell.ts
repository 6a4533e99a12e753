/**
 * Text cells a spreadsheet must not run. Excel and LibreOffice treat a cell that
 * starts with `=`, `+`, `-` or `@` (and, in some, a tab or carriage return) as a
 * formula, so a coder's comment like `=HYPERLINK(…)` in an export would become a
 * link or a command on a supervisor's machine (CSV injection, OWASP). Such text
 * gets a leading apostrophe, which spreadsheets show as text. Numbers are written
 * as numbers and never escaped.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One CSV field: made safe for spreadsheets, then quoted where it holds a comma, quote or line break. */
export function csvField(text: string): string {
  const safe = spreadsheetSafe(text)
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
