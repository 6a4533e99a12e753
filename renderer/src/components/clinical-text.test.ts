import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { EvidenceSpan } from '../../../contract/domain.js'
import { EvidenceCursor } from '../lib/evidence-cursor.svelte.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { testIds } from '../lib/test-ids.js'
import { recordView, suggestions } from '../lib/testing/fixtures.js'
import ClinicalText from './ClinicalText.svelte'

const SECTIONS = recordView().sections
const HYPERTENSION_EVIDENCE = suggestions().codes[0]?.evidence ?? []

function renderText(evidence: readonly EvidenceSpan[], evidenceCode: string | null = 'I10') {
  return render(ClinicalText, { sections: SECTIONS, language: 'en', evidence, evidenceCode, i18n: new I18n('en') })
}

const marks = () => screen.queryAllByTestId(testIds.evidence)

describe('ClinicalText evidence heatmap', () => {
  it('paints each evidence span over its own text, in the section it indexes, heavier where the weight is', () => {
    renderText(HYPERTENSION_EVIDENCE)
    expect(marks().map((mark) => [mark.textContent, mark.dataset.section, mark.dataset.weight])).toEqual([
      ['dizziness', '0', '0.35'],
      ['Blood pressure', '1', '1'],
      ['182/104', '1', '0.6'],
    ])
    expect(marks()[1]).toHaveAttribute('title', 'Evidence for I10 (weight 100%)')
    expect(screen.getByTestId(testIds.evidenceLegend)).toHaveTextContent('Evidence for I10')
  })

  it('steps through the highlighted passages in reading order with the legend’s buttons, marking the current one', async () => {
    const cursor = new EvidenceCursor()
    render(ClinicalText, { sections: SECTIONS, language: 'en', evidence: HYPERTENSION_EVIDENCE, evidenceCode: 'I10', recordId: 'R-001', cursor, i18n: new I18n('en') })
    const user = userEvent.setup()
    const position = screen.getByTestId(testIds.evidencePosition)
    expect(position).toHaveTextContent('– of 3')
    expect(marks().map((mark) => mark.dataset.passage)).toEqual(['0', '1', '2'])

    await user.click(screen.getByRole('button', { name: 'Next highlighted passage' }))
    await user.click(screen.getByRole('button', { name: 'Next highlighted passage' }))
    expect(position).toHaveTextContent('2 of 3')
    expect(marks().map((mark) => mark.classList.contains('current'))).toEqual([false, true, false])
    await user.click(screen.getByRole('button', { name: 'Previous highlighted passage' }))
    await user.click(screen.getByRole('button', { name: 'Previous highlighted passage' }))
    expect(position).toHaveTextContent('3 of 3')
  })

  it('leaves every section’s text exactly as it was, marks included', () => {
    renderText(HYPERTENSION_EVIDENCE)
    const paragraphs = screen.getAllByTestId(testIds.textSection).map((section) => section.querySelector('p')?.textContent)
    expect(paragraphs).toEqual(SECTIONS.map((section) => section.text))
  })

  it('paints overlapping spans once, at the stronger weight', () => {
    renderText([
      { section: 1, start: 0, end: 5, weight: 0.3 },
      { section: 1, start: 0, end: 14, weight: 0.8 },
      { section: 1, start: 6, end: 22, weight: 0.5 },
    ])
    expect(marks().map((mark) => [mark.textContent, mark.dataset.weight])).toEqual([
      ['Blood pressure', '0.8'],
      [' 182/104', '0.5'],
    ])
  })

  it('ignores spans for sections the record does not have', () => {
    renderText([{ section: 7, start: 0, end: 4, weight: 1 }])
    expect(marks()).toEqual([])
    expect(screen.queryByTestId(testIds.evidenceLegend)).not.toBeInTheDocument()
  })

  it('renders plain text, findable whole, without evidence', () => {
    renderText([], null)
    expect(marks()).toEqual([])
    expect(screen.getByText('Blood pressure 182/104 on admission.')).toBeInTheDocument()
  })
})
