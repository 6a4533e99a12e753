/**
 * Evidence spans → runs of one section's text, each with the weight to paint it.
 * Offsets are UTF-16 indices (the engine's tokenizer keeps them so), which is
 * what `String.prototype.slice` takes. Spans may overlap: a character takes the
 * strongest weight over it, so overlap never paints darker than the model's own
 * strongest token (weights are relative to it, 0–1).
 */
import type { EvidenceSpan } from '../../../contract/domain.js'

export interface HeatSegment {
  start: number
  end: number
  text: string
  /** 0 for plain text; else 0–1. */
  weight: number
}

export function heatSegments(text: string, spans: readonly EvidenceSpan[]): HeatSegment[] {
  const painted = spans.map((span) => fitSpan(text, span)).filter((span) => span.end > span.start && span.weight > 0)
  if (text === '') return []
  if (painted.length === 0) return [{ start: 0, end: text.length, text, weight: 0 }]

  const cuts = [...new Set([0, text.length, ...painted.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b)
  const segments: HeatSegment[] = []
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index] as number
    const end = cuts[index + 1] as number
    const weight = painted.reduce((strongest, span) => (span.start <= start && span.end >= end ? Math.max(strongest, span.weight) : strongest), 0)
    const previous = segments.at(-1)
    if (previous && previous.weight === weight) {
      previous.end = end
      previous.text = text.slice(previous.start, end)
    } else {
      segments.push({ start, end, text: text.slice(start, end), weight })
    }
  }
  return segments
}

/** Clamps a span into the text, keeps surrogate pairs whole (a cut between them shows two broken glyphs) and the weight within 0–1. */
function fitSpan(text: string, span: EvidenceSpan): { start: number; end: number; weight: number } {
  const clampIndex = (index: number) => pairSafe(text, Math.min(text.length, Math.max(0, Math.trunc(index))))
  const weight = Number.isFinite(span.weight) ? Math.min(1, Math.max(0, span.weight)) : 0
  return { start: clampIndex(span.start), end: clampIndex(span.end), weight }
}

function pairSafe(text: string, index: number): number {
  const before = text.charCodeAt(index - 1)
  const at = text.charCodeAt(index)
  const splitsPair = before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff
  return splitsPair ? index - 1 : index
}
