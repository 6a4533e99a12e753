/**
 * What the experiment commands leave in their output folder: the full result
 * as JSON, tables as CSV and Markdown, figures as PNG (Chart.js in Chromium).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnnotationExperimentResult } from './annotation-experiment.js'
import type { EffortExperimentResult } from './effort-experiment.js'
import { renderCharts, type ChartFigure } from './render-charts.js'

export interface WrittenOutput {
  files: string[]
  figuresSkipped: string | null
}

const ADAPTIVE_COLOUR = '#1f6feb'
const RANDOM_COLOUR = '#d4471f'

export async function writeAnnotationOutput(outDir: string, title: string, settings: Record<string, unknown>, result: AnnotationExperimentResult): Promise<WrittenOutput> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const write = (name: string, text: string): void => {
    writeFileSync(join(outDir, name), text)
    files.push(join(outDir, name))
  }
  write('annotation.json', JSON.stringify({ title, settings, ...result }, null, 1))
  write(
    'annotation-curve.csv',
    csv(
      ['method', 'seed', 'clean_records', 'dev_micro_f1_text', 'dev_macro_f1_text', 'dev_micro_f1_with_names', 'training_seconds'],
      [
        ...result.adaptive.map((point) => ['adaptive', '', point.cleanRecords, point.text, point.macroText, point.withNames, point.trainingSeconds]),
        ...result.random.map((point) => ['random', point.seed, point.cleanRecords, point.text, point.macroText, point.withNames, point.trainingSeconds]),
      ],
    ),
  )
  const table = result.table4
  write(
    'table4.csv',
    csv(
      ['chapter', 'range', 'title', 'codes', 'gold', 'adaptive_precision', 'adaptive_recall', 'adaptive_f1', 'random_f1'],
      table.rows.map((row) => [row.chapter, row.range, row.title.en, row.codes, row.gold, row.precision, row.recall, row.f1, row.randomF1 ?? '']),
    ),
  )
  const randomMicro = table.random.length > 0 ? table.random.reduce((sum, metrics) => sum + metrics.microF1, 0) / table.random.length : null
  const headline = result.headline
  write(
    'table4.md',
    [
      `# ${title}: per ICD chapter at ${table.cleanRecords} clean records (${table.split}, text model, micro-F1)`,
      '',
      '| chapter | range | title | codes | gold | adaptive P | adaptive R | adaptive F1 | random F1 |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|',
      ...table.rows.map((row) => `| ${row.chapter} | ${row.range} | ${row.title.en} | ${row.codes} | ${row.gold} | ${n(row.precision)} | ${n(row.recall)} | ${n(row.f1)} | ${row.randomF1 === null ? '—' : n(row.randomF1)} |`),
      `| all | | | ${table.adaptive.codes} | | ${n(table.adaptive.precision)} | ${n(table.adaptive.recall)} | **${n(table.adaptive.microF1)}** | **${randomMicro === null ? '—' : n(randomMicro)}** |`,
      '',
      '## Effort against effectiveness (dev micro-F1, text model)',
      '',
      '| clean records | adaptive | random (mean over seeds) |',
      '|---:|---:|---:|',
      ...curveRows(result).map((row) => `| ${row.cleanRecords} | ${row.adaptive === null ? '' : n(row.adaptive)} | ${row.random === null ? '' : n(row.random)} |`),
      '',
      `Random selection's best: ${n(headline.random.microF1)} with ${headline.random.cleanRecords} clean records; ` +
        (headline.adaptiveRecords === null
          ? 'the adaptive queue does not reach it.'
          : `the adaptive queue reaches it with ${headline.adaptiveRecords} (${pct(headline.saving)} fewer).`),
      `Adaptive's last point: ${n(headline.adaptiveFinal.microF1)} with ${headline.adaptiveFinal.cleanRecords} clean records; ` +
        (headline.randomRecordsForAdaptiveFinal === null
          ? 'random selection does not reach it within the counts tried.'
          : `random selection needs ${headline.randomRecordsForAdaptiveFinal} for it (adaptive uses ${pct(headline.savingAgainstRandom)} fewer).`),
      '',
    ].join('\n'),
  )
  const figures: ChartFigure[] = (['text', 'withNames'] as const).map((metric) => ({
    file: join(outDir, metric === 'text' ? 'annotation-curve.png' : 'annotation-curve-with-names.png'),
    width: 760,
    height: 460,
    config: curveChart(result, metric, `${title}: dev micro-F1 (${metric === 'text' ? 'text model' : 'text model + diagnosis names'}) against clean records annotated`),
  }))
  const rendered = await renderCharts(figures)
  return { files: [...files, ...rendered.written], figuresSkipped: rendered.skipped }
}

export async function writeEffortOutput(outDir: string, title: string, settings: Record<string, unknown>, result: EffortExperimentResult): Promise<WrittenOutput> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const write = (name: string, text: string): void => {
    writeFileSync(join(outDir, name), text)
    files.push(join(outDir, name))
  }
  write('effort.json', JSON.stringify({ title, settings, ...result }, null, 1))
  write(
    'effort.csv',
    csv(
      ['case_number', 'case', 'seed', 'clean', 'noisy', 'raw', 'noise_ratio', 'dev_micro_f1_text', 'test_micro_f1_text', 'dev_macro_f1_text', 'dev_micro_f1_with_names', 'training_seconds'],
      result.results.map((entry) => [entry.number, entry.name, entry.seed, entry.records.clean, entry.records.noisy, entry.records.raw, entry.noiseRatio, entry.point.text.dev, entry.point.text.test ?? '', entry.point.text.devMacro, entry.point.withNames.dev, entry.point.trainingSeconds]),
    ),
  )
  const chosen = result.costEffective
  write(
    'effort.md',
    [
      `# ${title}: effort against effectiveness (dev micro-F1, mean over seeds, no kNN)`,
      '',
      '| # | case | clean | noisy | raw | name errors | text model | + names |',
      '|---:|---|---:|---:|---:|---:|---:|---:|',
      ...result.summary.map((entry) => `| ${entry.number} | ${entry.name}${entry.name === chosen.name ? ' **(cost-effective)**' : ''} | ${entry.clean} | ${entry.noisy} | ${entry.raw} | ${pct(entry.noiseRatio)} | ${n(entry.text)} | ${n(entry.withNames)} |`),
      '',
      `Cost-effective setting (among the cases at ${pct(chosen.noiseRatio)} name errors, the corpus's own): **${chosen.name}** — ${chosen.clean} clean records, ${n(chosen.text)}, within ${chosen.tolerance} of the best (${chosen.best.name}, ${n(chosen.best.text)}).`,
      '',
    ].join('\n'),
  )
  const rendered = await renderCharts([
    {
      file: join(outDir, 'effort.png'),
      width: 900,
      height: 520,
      config: {
        type: 'bar',
        data: {
          labels: result.summary.map((entry) => `${entry.number}`),
          datasets: [
            { label: 'text model', data: result.summary.map((entry) => entry.text), backgroundColor: ADAPTIVE_COLOUR },
            { label: 'text model + names', data: result.summary.map((entry) => entry.withNames), backgroundColor: '#8fb8f5' },
          ],
        },
        options: {
          plugins: {
            title: { display: true, text: `${title}: dev micro-F1 per case (cost-effective: case ${result.summary.find((entry) => entry.name === chosen.name)?.number ?? '—'})` },
            // Four cases a line: ten names on one line ran off both edges of the figure.
            subtitle: { display: true, text: linesOf(result.summary.map((entry) => `${entry.number}: ${entry.name}`), 4), font: { size: 11 } },
          },
          scales: { y: { min: Math.max(0, Math.floor(Math.min(...result.summary.map((entry) => entry.text)) * 10) / 10 - 0.1), max: 1, title: { display: true, text: 'dev micro-F1' } }, x: { title: { display: true, text: 'case' } } },
        },
      },
    },
  ])
  return { files: [...files, ...rendered.written], figuresSkipped: rendered.skipped }
}

function curveRows(result: AnnotationExperimentResult): Array<{ cleanRecords: number; adaptive: number | null; random: number | null }> {
  const counts = [...new Set([...result.adaptive, ...result.random].map((point) => point.cleanRecords))].sort((a, b) => a - b)
  return counts.map((cleanRecords) => {
    const adaptive = result.adaptive.find((point) => point.cleanRecords === cleanRecords)?.text ?? null
    const random = result.random.filter((point) => point.cleanRecords === cleanRecords).map((point) => point.text)
    return { cleanRecords, adaptive, random: random.length > 0 ? random.reduce((sum, value) => sum + value, 0) / random.length : null }
  })
}

function curveChart(result: AnnotationExperimentResult, metric: 'text' | 'withNames', title: string): Record<string, unknown> {
  const counts = [...new Set(result.random.map((point) => point.cleanRecords))].sort((a, b) => a - b)
  const randomMean = counts.map((cleanRecords) => {
    const values = result.random.filter((point) => point.cleanRecords === cleanRecords).map((point) => point[metric])
    return { x: cleanRecords, y: values.reduce((sum, value) => sum + value, 0) / values.length }
  })
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'adaptive queue', data: result.adaptive.map((point) => ({ x: point.cleanRecords, y: point[metric] })), borderColor: ADAPTIVE_COLOUR, backgroundColor: ADAPTIVE_COLOUR },
        { label: 'random selection (mean over seeds)', data: randomMean, borderColor: RANDOM_COLOUR, backgroundColor: RANDOM_COLOUR },
        {
          label: 'random selection (each seed)',
          type: 'scatter',
          data: result.random.map((point) => ({ x: point.cleanRecords, y: point[metric] })),
          borderColor: RANDOM_COLOUR,
          backgroundColor: 'rgba(212, 71, 31, 0.25)',
          pointRadius: 3,
        },
      ],
    },
    options: {
      plugins: { title: { display: true, text: title } },
      scales: { x: { type: 'linear', title: { display: true, text: 'clean records annotated' } }, y: { title: { display: true, text: 'dev micro-F1' } } },
    },
  }
}

function csv(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (value: string | number): string => {
    const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : value
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n'
}

function linesOf(items: string[], perLine: number): string[] {
  const lines: string[] = []
  for (let start = 0; start < items.length; start += perLine) lines.push(items.slice(start, start + perLine).join('   ·   '))
  return lines
}

function n(value: number): string {
  return value.toFixed(3)
}

function pct(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)} %`
}
