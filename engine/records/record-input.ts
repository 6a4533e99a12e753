/**
 * A record as an importer produced it, before it is stored. CSV/JSON with a
 * mapping, the CodiEsp layout and the demo generator all produce this shape;
 * `storeImportBatch` writes it in one atomic batch.
 */
/** Section kinds are part of the contract: the import mapping names them and the UI translates them. */
export type { SectionKind } from '../../contract/import-mapping.js'
import type { SectionKind } from '../../contract/import-mapping.js'

export interface RecordSection {
  kind: SectionKind
  /** Heading as the source wrote it (any language); the UI falls back to a translated `kind`. */
  title: string
  text: string
}

/** Errors the quality-control simulator can inject into a structured diagnosis name. */
export type InjectedError = 'vague' | 'wrong' | 'missing'

export interface DiagnosisNameInput {
  text: string
  isPrimary: boolean
  /** Set only by the noise injector: which error was injected, and the name before it. */
  injectedError?: InjectedError
  originalText?: string
}

export interface GoldCodeInput {
  code: string
  isPrimary: boolean
}

/** An evidence mention, e.g. a CodiEsp `*X.tsv` row: the words in the text that support a code. */
export interface EvidenceMentionInput {
  code: string
  /** `diagnosis` or `procedure`. */
  kind: 'diagnosis' | 'procedure'
  text: string
  /** Character offsets `[start, end)` into the section text; several for discontinuous mentions. */
  spans: Array<[number, number]>
}

export type RecordSplit = 'train' | 'dev' | 'test' | 'background' | 'none'

/** The patient's sex as the coding rules need it; absent when the source does not say. */
export type PatientSex = 'female' | 'male'

export interface RecordInput {
  /** Identifier in the source system; unique in a workspace; re-importing the same id updates that record. */
  externalId: string
  language: string
  split: RecordSplit
  patientId?: string
  encounterId?: string
  department?: string
  admittedAt?: string
  dischargedAt?: string
  /** Absent where the source does not record it (CodiEsp): rules that need it report it unchecked. */
  sex?: PatientSex
  /** Whole years at admission. */
  age?: number
  /** Days at admission, where a birth date gives it (newborns); absent otherwise. */
  ageDays?: number
  sections: RecordSection[]
  diagnosisNames: DiagnosisNameInput[]
  goldCodes: GoldCodeInput[]
  mentions: EvidenceMentionInput[]
}
