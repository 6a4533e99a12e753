import type { ModelReport, SplitMetrics } from '../../../contract/model-report.js'

const f = (value: number | null): string => (value === null ? '—' : value.toFixed(3))

function splitLine(name: string, metrics: SplitMetrics): string {
  return `${name}: micro-F1 ${f(metrics.microF1)}  macro-F1 ${f(metrics.macroF1)}  P ${f(metrics.precision)}  R ${f(metrics.recall)}  micro-AUC ${f(metrics.microAuc)}  R@5/9/15 ${f(metrics.recallAt[5])}/${f(metrics.recallAt[9])}/${f(metrics.recallAt[15])}  (threshold ${metrics.threshold.toFixed(3)}, ${metrics.records} records)`
}

/** The evaluation report as a person reads it in a terminal: headline, comparison, Table 4 by chapter. */
export function describeReport(report: ModelReport): string[] {
  const candidate = report.candidate
  const shown = candidate.test ?? candidate.dev
  const inUse = report.inUse ? (report.inUse.test ?? report.inUse.dev) : null
  const lines = [
    `Model ${report.modelVersion} (${report.codeSet.name} ${report.codeSet.version}, ${report.codes} codes); trainer threshold ${report.trainer.threshold.toFixed(3)}, kNN λ ${report.trainer.knn.lambda}`,
    `  ${splitLine('dev ', candidate.dev)}`,
    ...(candidate.test ? [`  ${splitLine('test', candidate.test)}`] : []),
    report.inUse
      ? `  in use ${report.inUse.modelVersion}: ${splitLine(candidate.test ? 'test' : 'dev', inUse as SplitMetrics)}`
      : '  no model in use to compare with',
    `  calibration (${report.curves.split}): expected calibration error ${f(report.curves.calibration.expectedCalibrationError)}`,
    `  per ICD chapter (${candidate.test ? 'test' : 'dev'}): chapter  range      codes  gold   P      R      F1${inUse ? '     in use F1' : ''}`,
  ]
  for (const row of shown.chapters) {
    const other = inUse?.chapters.find((entry) => entry.chapter === row.chapter)
    lines.push(
      `    ${row.chapter.padEnd(6)} ${row.range.padEnd(9)} ${String(row.codes).padStart(5)} ${String(row.gold).padStart(5)}  ${f(row.precision)}  ${f(row.recall)}  ${f(row.f1)}${inUse ? `  ${other ? f(other.f1) : '—'}` : ''}  ${row.title.en}`,
    )
  }
  return lines
}
