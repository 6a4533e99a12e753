import { fireEvent, render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { CodeHit } from '../../../contract/domain.js'
import { CodeSearch } from '../lib/code-search.svelte.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import { codeHit, ok } from '../lib/testing/fixtures.js'
import CodeSearchBox from './CodeSearchBox.svelte'

const HITS = [
  codeHit('I10', 'Essential (primary) hypertension', { matchedTerm: '高血压' }),
  codeHit('I11.9', 'Hypertensive heart disease without heart failure'),
  codeHit('I15.9', 'Secondary hypertension, unspecified'),
]

function setup(added: string[] = []) {
  const fake = createFakeClient({ searchCodes: () => ok({ items: HITS, elapsedMs: 2 }) })
  const search = new CodeSearch(fake.client, 0)
  const chosen: CodeHit[] = []
  const onChoose = vi.fn((hit: CodeHit) => {
    chosen.push(hit)
    return !added.includes(hit.code)
  })
  render(CodeSearchBox, { search, isAdded: (code: string) => added.includes(code), onChoose, i18n: new I18n('en') })
  const input = screen.getByRole('combobox', { name: 'Search ICD-10 codes' })
  return { user: userEvent.setup(), input, chosen, onChoose, fake }
}

function selectedCode(): string | null {
  return screen.getByRole('option', { selected: true }).getAttribute('data-code')
}

describe('CodeSearchBox', () => {
  it('lists code, title, matched term and hierarchy path for each hit', async () => {
    const { user, input } = setup()
    await user.type(input, '高血压')

    const first = await screen.findByRole('option', { name: /^I10 / })
    expect(first).toHaveTextContent('Essential (primary) hypertension')
    expect(first).toHaveTextContent('matched “高血压”')
    expect(first).toHaveTextContent('I00-I99 Diseases of the circulatory system › I10-I15 Hypertensive diseases')
    expect(screen.getByRole('status')).toHaveTextContent('3 codes found')
  })

  it('moves the highlight with the arrow keys and adds the highlighted code with Enter', async () => {
    const { user, input, chosen } = setup()
    await user.type(input, 'hypertension')
    await screen.findAllByRole('option')
    expect(selectedCode()).toBe('I10')
    expect(input).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { selected: true }).id)

    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(selectedCode()).toBe('I15.9')
    await user.keyboard('{ArrowUp}')
    expect(selectedCode()).toBe('I11.9')
    await user.keyboard('{Enter}')

    expect(chosen.map((hit) => hit.code)).toEqual(['I11.9'])
    expect(input).toHaveValue('')
    expect(screen.queryAllByRole('option')).toEqual([])
    expect(input).toHaveFocus()
  })

  it('keeps the list open when Enter picks a code that is already in the coding', async () => {
    const { user, input, onChoose } = setup(['I10'])
    await user.type(input, 'I10')
    const option = await screen.findByRole('option', { name: /^I10 / })
    expect(option).toHaveAttribute('aria-disabled', 'true')

    await user.keyboard('{Enter}')
    expect(onChoose).toHaveBeenCalledTimes(1)
    expect(input).toHaveValue('I10')
  })

  it('leaves Enter to the input method while a Chinese word is being composed', async () => {
    const { user, input, onChoose } = setup()
    await user.type(input, 'gao')
    await screen.findAllByRole('option')

    await fireEvent.keyDown(input, { key: 'Enter', isComposing: true })
    expect(onChoose).not.toHaveBeenCalled()
  })

  it('adds a code clicked with the mouse', async () => {
    const { user, input, chosen } = setup()
    await user.type(input, 'hyper')
    await user.click(await screen.findByRole('option', { name: /^I15\.9 / }))
    expect(chosen.map((hit) => hit.code)).toEqual(['I15.9'])
  })

  it('says when nothing matches', async () => {
    const fake = createFakeClient({ searchCodes: () => ok({ items: [], elapsedMs: 1 }) })
    render(CodeSearchBox, { search: new CodeSearch(fake.client, 0), isAdded: () => false, onChoose: () => true, i18n: new I18n('en') })
    await userEvent.setup().type(screen.getByRole('combobox'), 'zzz')
    expect(await screen.findByText('No assignable codes match “zzz”.')).toBeInTheDocument()
  })
})
