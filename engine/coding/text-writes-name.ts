/**
 * Whether a record's text writes a diagnosis name out itself: "高血压1级（高危）病史14年"
 * writes the name "高血压1级(高危)". A text that writes the name documents it, whatever
 * the text model scores: a low score for the name's code is then the model's blind
 * spot (fine extension codes it saw few examples of), not the text contradicting the
 * name, so the coding view must not call that name "possibly wrong".
 *
 * Compared after NFKC (full-width brackets and digits → ASCII), lower case, and with
 * whitespace and punctuation removed, so the EMR's own spacing and bracket style do not
 * matter. Names too short to mean anything on their own (under 3 characters of CJK, 5
 * otherwise: "DM", "HTN") never count: they occur inside unrelated words.
 */
const IGNORED = /[\s\p{P}\p{S}]/gu
const HAN = /\p{Script=Han}/u

export function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(IGNORED, '')
}

export function textWritesName(comparableText: string, name: string): boolean {
  const wanted = comparable(name)
  const minLength = HAN.test(wanted) ? 3 : 5
  return wanted.length >= minLength && comparableText.includes(wanted)
}
