/** The shapes the UI sees. Everything that crosses the IPC boundary is defined here. */
import { z } from 'zod'

export const CodeLevel = z.enum(['chapter', 'block', 'category', 'code'])

export const CodeSetInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.string(),
  language: z.string(),
  label: z.string(),
  codeCount: z.number().int(),
  active: z.boolean(),
})
export type CodeSetInfo = z.infer<typeof CodeSetInfo>

export const CodeRef = z.object({
  code: z.string(),
  title: z.string(),
  level: CodeLevel,
  assignable: z.boolean(),
})
export type CodeRef = z.infer<typeof CodeRef>

export const CodeHit = CodeRef.extend({
  /** The term that matched the query where it is not the title (a synonym, an index term). */
  matchedTerm: z.string().nullable(),
  /** Ancestors from the chapter down, so the hierarchy can be shown beside the hit. */
  path: z.array(z.object({ code: z.string(), title: z.string() })),
})
export type CodeHit = z.infer<typeof CodeHit>

export const RecordStatus = z.enum(['todo', 'submitted'])
export type RecordStatus = z.infer<typeof RecordStatus>

export const RecordSummary = z.object({
  id: z.string(),
  language: z.string(),
  department: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  status: RecordStatus,
  /** First diagnosis name, so the queue says what the case is about. */
  headline: z.string(),
  codeCount: z.number().int(),
})
export type RecordSummary = z.infer<typeof RecordSummary>

export const Section = z.object({ kind: z.string(), title: z.string(), text: z.string() })
export type Section = z.infer<typeof Section>

export const DiagnosisName = z.object({
  position: z.number().int(),
  text: z.string(),
  isPrimary: z.boolean(),
})
export type DiagnosisName = z.infer<typeof DiagnosisName>

export const DecisionCode = z.object({
  code: z.string(),
  isPrimary: z.boolean(),
})
export type DecisionCode = z.infer<typeof DecisionCode>

export const CodingMode = z.enum(['assisted', 'black-box', 'manual'])
export type CodingMode = z.infer<typeof CodingMode>

export const Decision = z.object({
  recordId: z.string(),
  version: z.number().int().positive(),
  /** User id of the coder, and the name to show. */
  coder: z.string(),
  coderName: z.string(),
  submittedAt: z.string(),
  comment: z.string(),
  /** Active coding time, measured by the UI (pauses while hidden or idle). */
  activeMs: z.number().int().min(0),
  mode: CodingMode,
  codes: z.array(DecisionCode.extend({ title: z.string() })),
})
export type Decision = z.infer<typeof Decision>

export const RecordView = z.object({
  id: z.string(),
  language: z.string(),
  patientId: z.string().nullable(),
  encounterId: z.string().nullable(),
  department: z.string().nullable(),
  admittedAt: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  status: RecordStatus,
  sections: z.array(Section),
  diagnosisNames: z.array(DiagnosisName),
  /** Newest first; the first is the current coding. */
  decisions: z.array(Decision),
})
export type RecordView = z.infer<typeof RecordView>

export const WorkspaceInfo = z.object({
  name: z.string(),
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    role: z.enum(['coder', 'supervisor', 'admin']),
    /** The mode a supervisor set for this coder: which decision support the app shows. */
    mode: CodingMode,
  }),
  recordCount: z.number().int(),
  submittedCount: z.number().int(),
  codeSets: z.array(CodeSetInfo),
})
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>
