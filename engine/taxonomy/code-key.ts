/** Upper-cased code without dots, spaces or hyphens: `e11.9`, `E11.9` and `E119` find the same code. */
export function codeKey(code: string): string {
  return code.toUpperCase().replace(/[.\s-]/g, '')
}
