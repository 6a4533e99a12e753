/**
 * The checks an imported value must pass before it is stored: no field over
 * `fieldChars`, no record over `recordChars`, no NUL character anywhere (SQLite
 * stores it, but C strings, the FTS index and most exports stop at it, so a
 * value with one would read differently in each place), and a record id the
 * app's API can address. Each check answers with the reason a person reads in
 * the reject report, or null.
 */
import { RECORD_ID_MAX_CHARS } from '../../contract/api.js'
import { formatCount, type Limits } from './limits.js'

/** A problem with one field's value: too long, or holding a NUL. */
export function fieldProblem(field: string, value: string, limits: Pick<Limits, 'fieldChars'>): string | null {
  if (value.length > limits.fieldChars) {
    return `field "${field}" has ${formatCount(value.length)} characters, over the limit of ${formatCount(limits.fieldChars)} (limit fieldChars)`
  }
  const nul = value.indexOf('\u0000')
  if (nul >= 0) return `field "${field}" holds a NUL character (U+0000) at character ${formatCount(nul + 1)}: the file is binary or mis-encoded there`
  return null
}

export function recordIdProblem(externalId: string): string | null {
  if (externalId.length > RECORD_ID_MAX_CHARS) {
    return `record id has ${formatCount(externalId.length)} characters; ids are at most ${RECORD_ID_MAX_CHARS}`
  }
  return null
}

/** Characters a record holds: its section texts and titles and its diagnosis names. */
export function recordCharCount(record: { sections: ReadonlyArray<{ title: string; text: string }>; diagnosisNames: ReadonlyArray<{ text: string }> }): number {
  let total = 0
  for (const section of record.sections) total += section.title.length + section.text.length
  for (const name of record.diagnosisNames) total += name.text.length
  return total
}

export function recordSizeProblem(chars: number, limits: Pick<Limits, 'recordChars'>): string | null {
  if (chars <= limits.recordChars) return null
  return `record has ${formatCount(chars)} characters, over the limit of ${formatCount(limits.recordChars)} (limit recordChars)`
}

export function fileSizeProblem(bytes: number, limits: Pick<Limits, 'fileBytes'>): string | null {
  if (bytes <= limits.fileBytes) return null
  return `file has ${formatCount(bytes)} bytes, over the limit of ${formatCount(limits.fileBytes)} (limit fileBytes); split the export or ask an admin to raise the limit`
}
