import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { RuleWarning } from '../../../contract/coding-rules.js'
import { CodingSession } from '../lib/coding-session.svelte.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { testIds } from '../lib/test-ids.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import { ok, recordView } from '../lib/testing/fixtures.js'
import RuleWarnings from './RuleWarnings.svelte'

const exclusive: RuleWarning = {
  ruleId: 'one-type-of-diabetes',
  family: 'exclusive',
  codes: ['E10.9', 'E11.9'],
  message: 'E10.9 with E11.9: type 1 and type 2 together contradict each other.',
  action: 'Keep the type the record documents.',
  overridable: true,
  choices: [],
}
const heading: RuleWarning = {
  ruleId: 'heading',
  family: 'heading',
  codes: ['A41'],
  message: 'A41 (Other sepsis) is a heading, not a code that can be assigned.',
  action: 'Choose one of the codes under it.',
  overridable: false,
  choices: [
    { code: 'A41.5', title: 'Sepsis due to other Gram-negative organisms' },
    { code: 'A41.9', title: 'Sepsis, unspecified' },
  ],
}

async function setup(warnings: RuleWarning[], unchecked: Array<'sex' | 'age'> = []) {
  const fake = createFakeClient({ checkCoding: () => ok({ ruleSet: { name: 'demo-icd10', version: 1 }, warnings, unchecked, titles: {} }) })
  const session = new CodingSession(fake.client, recordView(), { rules: true })
  session.add({ code: 'A41', title: 'Other sepsis' })
  await vi.waitFor(() => expect(session.ruleCheck).not.toBeNull())
  render(RuleWarnings, { session, i18n: new I18n('en') })
  return { session, user: userEvent.setup() }
}

describe('RuleWarnings', () => {
  it('says which rule, why and what to do, and keeps the codes only with a reason', async () => {
    const { session, user } = await setup([exclusive])
    const item = screen.getByTestId(testIds.ruleWarning)
    expect(item).toHaveTextContent('type 1 and type 2 together contradict each other')
    expect(item).toHaveTextContent('What to do: Keep the type the record documents.')
    expect(item).toHaveTextContent('Rule: one-type-of-diabetes')
    await user.click(within(item).getByTestId(testIds.ruleOverride))
    const keep = within(item).getByTestId(testIds.ruleKeep)
    expect(keep).toBeDisabled()
    await user.type(within(item).getByTestId(testIds.ruleReason), 'Type 1 documented; E11.9 from old letter')
    await user.click(keep)
    expect(screen.getByTestId(testIds.ruleWarning)).toHaveAttribute('data-overridden', 'true')
    expect(session.unresolvedWarnings).toEqual([])
  })

  it('offers a heading\'s codes instead, never an override', async () => {
    const { session, user } = await setup([heading])
    const item = screen.getByTestId(testIds.ruleWarning)
    expect(within(item).queryByTestId(testIds.ruleOverride)).toBeNull()
    await user.click(within(item).getAllByTestId(testIds.ruleChoice)[1]!)
    expect(session.codes.map((code) => [code.code, code.isPrimary])).toEqual([['A41.9', true]])
  })

  it('says honestly when the record gives no sex or age to check', async () => {
    await setup([], ['sex', 'age'])
    expect(screen.getByTestId(testIds.ruleWarnings)).toHaveTextContent("Not checked, the record does not say the patient's sex and age.")
  })
})
