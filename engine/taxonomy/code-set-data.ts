/**
 * A code set as parsed from a source file, before it is stored. Every importer
 * (ICD-10-CM table, Chinese clinical tables, generic CSV, WHO ClaML, the demo
 * catalogue) produces this one shape; `installCodeSet` stores it.
 */
export type CodeLevel = 'chapter' | 'block' | 'category' | 'code'

export interface CodeEntry {
  /** As the edition writes it, e.g. `I10`, `E11.9`, `A00.000x001`, or a chapter id such as `IX` or `I00-I99`. */
  code: string
  /** Title in the code set's main language. */
  title: string
  /** Code of the parent entry in this set; null for a chapter (top level). */
  parent: string | null
  level: CodeLevel
  /** True where the code may be assigned to a record (a leaf, or as the edition says). */
  assignable: boolean
}

export type TermKind = 'title' | 'synonym' | 'index'

export interface CodeTerm {
  code: string
  term: string
  /** BCP 47 language of the term: `en`, `zh`, `es`. */
  language: string
  /** `title`: the code's title in `language`; `synonym`/`index`: other names that search finds. */
  kind: TermKind
}

export interface CodeSetData {
  /** Stable name of the edition, e.g. `icd10cm`, `icd10-cn-clinical`, `demo`. */
  name: string
  /** Version of the edition, e.g. `2019`, `2.0`, `v601`. Name + version identify a code set. */
  version: string
  /** Main language of `CodeEntry.title`. */
  language: string
  /** Human-readable description shown in the UI. */
  label: string
  codes: CodeEntry[]
  /** Extra terms; each code's main title is added by the store and need not be repeated here. */
  terms: CodeTerm[]
}
