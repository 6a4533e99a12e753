import { describe, expect, it } from 'vitest'
import { decisionChanges } from './decision-diff.js'
import { decision } from './testing/fixtures.js'

describe('decisionChanges', () => {
  it('calls the oldest version the first coding', () => {
    expect(decisionChanges(decision(), undefined)).toEqual({ first: true, added: [], removed: [], primary: null })
  })

  it('lists codes added and removed and a primary that moved', () => {
    const first = decision({ codes: [{ code: 'I10', title: '', isPrimary: true }, { code: 'E11.9', title: '', isPrimary: false }] })
    const second = decision({ version: 2, codes: [{ code: 'E11.9', title: '', isPrimary: true }, { code: 'E78.5', title: '', isPrimary: false }] })
    expect(decisionChanges(second, first)).toEqual({ first: false, added: ['E78.5'], removed: ['I10'], primary: { from: 'I10', to: 'E11.9' } })
  })

  it('reports nothing when only the comment changed', () => {
    expect(decisionChanges(decision({ version: 2, comment: 'rechecked' }), decision())).toEqual({ first: false, added: [], removed: [], primary: null })
  })
})
