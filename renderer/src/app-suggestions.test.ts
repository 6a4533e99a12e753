import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import App from './App.svelte'
import { I18n } from './lib/i18n/i18n.svelte.js'
import { KEYMAP } from './lib/keymap.js'
import { testIds } from './lib/test-ids.js'
import { recordView } from './lib/testing/fixtures.js'
import { createMemoryApp } from './lib/testing/memory-app.js'
import type { MemoryAppOptions } from './lib/testing/memory-app.js'
import { Workstation } from './lib/workstation.svelte.js'

async function openRecord(options: MemoryAppOptions = {}) {
  const app = createMemoryApp([recordView({ id: 'R-001' }), recordView({ id: 'R-002' })], options)
  const user = userEvent.setup()
  render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
  // The mode arrives with the workspace; the header shows it once known.
  await waitFor(() => expect(screen.getByTestId(testIds.codingMode)).toHaveAttribute('data-mode', options.mode ?? 'assisted'))
  await user.click(await screen.findByRole('button', { name: /R-001/ }))
  await screen.findByTestId(testIds.record)
  return { app, user }
}

const evidenceMarks = () => within(screen.getByTestId(testIds.clinicalText)).queryAllByTestId(testIds.evidence)
const suggestionRow = (code: string) => screen.getAllByTestId(testIds.suggestion).find((row) => row.dataset.code === code)
const assignedCodes = () => screen.queryAllByTestId(testIds.assignedCode).map((row) => row.dataset.code)

describe('App with AI suggestions', () => {
  it('in assisted mode paints the selected suggestion’s evidence and codes with the suggestion keys only', async () => {
    const { app, user } = await openRecord()
    await waitFor(() => expect(screen.getByTestId(testIds.suggestions)).toHaveAttribute('data-state', 'ready'))
    expect(screen.getByTestId(testIds.evidenceLegend)).toHaveTextContent('Evidence for I10')
    expect(evidenceMarks().map((mark) => mark.textContent)).toEqual(['dizziness', 'Blood pressure', '182/104'])
    expect(screen.getAllByTestId(testIds.similarCase)).toHaveLength(2)

    await user.keyboard('s')
    expect(suggestionRow('I10')).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(suggestionRow('E11.9')).toHaveFocus()
    // E11.9 comes from the diagnosis names: no evidence in the text to paint.
    expect(evidenceMarks()).toEqual([])
    await user.keyboard('a')
    expect(assignedCodes()).toEqual(['E11.9'])
    await user.keyboard('{ArrowUp}a')
    expect(assignedCodes()).toEqual(['E11.9', 'I10'])
    expect(suggestionRow('I10')).toHaveAttribute('data-assigned', 'accepted')
    // I10 is the suggested primary: accepted after E11.9, it takes the primary mark (the coder had not chosen one).
    expect(screen.getAllByTestId(testIds.assignedCode).find((row) => row.dataset.code === 'I10')).toHaveAttribute('data-primary', 'true')

    const slider = screen.getByRole('slider', { name: 'Confidence threshold' })
    await user.keyboard('--')
    expect(slider).toHaveValue('0.25')
    expect(suggestionRow('R51')?.closest(`[data-testid="${testIds.suggestionGroup}"]`)).toHaveAttribute('data-source', 'text')
    await user.keyboard('=+')
    expect(slider).toHaveValue('0.35')
    expect(app.callsTo('suggest')).toHaveLength(1)

    // Keys typed into the search box stay text.
    await user.click(screen.getByRole('combobox', { name: 'Search ICD-10 codes' }))
    await user.keyboard('a-s')
    expect(screen.getByRole('combobox', { name: 'Search ICD-10 codes' })).toHaveValue('a-s')
    expect(slider).toHaveValue('0.35')

    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(await screen.findByText('1 of 2 submitted')).toBeInTheDocument()
    expect(app.callsTo('submitDecision')[0]?.codes).toEqual([
      { code: 'E11.9', isPrimary: false },
      { code: 'I10', isPrimary: true },
    ])
    expect(app.callsTo('submitDecision')[0]?.primary).toMatchObject({ suggested: 'I10', confirmed: false })
  })

  it('in black-box mode shows the codes with probabilities, but no evidence, sources or similar cases', async () => {
    const { app, user } = await openRecord({ mode: 'black-box' })
    await waitFor(() => expect(screen.getByTestId(testIds.suggestions)).toHaveAttribute('data-state', 'ready'))
    expect(suggestionRow('I10')).toHaveTextContent('91%')
    expect(evidenceMarks()).toEqual([])
    expect(screen.queryByTestId(testIds.evidenceLegend)).not.toBeInTheDocument()
    expect(screen.queryByTestId(testIds.suggestionGroup)).not.toBeInTheDocument()
    expect(screen.queryByTestId(testIds.similarCases)).not.toBeInTheDocument()

    await user.hover(suggestionRow('I10')!)
    expect(evidenceMarks()).toEqual([])
    await user.keyboard('a')
    expect(assignedCodes()).toEqual(['I10'])
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))
    await screen.findByText('1 of 2 submitted')
    expect(app.callsTo('submitDecision')[0]).toMatchObject({ mode: 'black-box' })
  })

  it('in manual mode shows no AI at all and never asks the model', async () => {
    const { app, user } = await openRecord({ mode: 'manual' })
    await user.click(await screen.findByRole('button', { name: /R-002/ }))
    await waitFor(() => expect(screen.getByTestId(testIds.record)).toHaveAttribute('data-record-id', 'R-002'))

    expect(screen.queryByTestId(testIds.suggestions)).not.toBeInTheDocument()
    expect(evidenceMarks()).toEqual([])
    await user.keyboard('a=')
    expect(assignedCodes()).toEqual([])
    expect(app.callsTo('suggest')).toEqual([])

    await user.keyboard('?')
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(within(dialog).queryByRole('heading', { name: 'Suggestions' })).not.toBeInTheDocument()
    expect(within(dialog).getAllByTestId(testIds.shortcutEntry)).toHaveLength(KEYMAP.filter((entry) => entry.group !== 'suggestions').length)
  })

  it('codes without suggestions, calmly, when no model is installed', async () => {
    await openRecord({ model: false })
    await waitFor(() => expect(screen.getByTestId(testIds.suggestions)).toHaveAttribute('data-state', 'no-model'))
    expect(screen.getByTestId(testIds.suggestionsNote)).toHaveTextContent('No model installed — coding without suggestions.')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Search ICD-10 codes' })).toBeInTheDocument()
  })

  it('lists the suggestion keys in the help overlay, from the same keymap', async () => {
    const { user } = await openRecord()
    await user.keyboard('?')
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    const suggestionActions = KEYMAP.filter((entry) => entry.group === 'suggestions').map((entry) => entry.action)
    const listed = within(dialog).getAllByTestId(testIds.shortcutEntry).map((entry) => entry.dataset.action)
    expect(listed).toEqual(expect.arrayContaining(suggestionActions))
    expect(within(dialog).getByText('Accept the selected suggestion').closest('div')).toHaveTextContent('a')
  })
})

