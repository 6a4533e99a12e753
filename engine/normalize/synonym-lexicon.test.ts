import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { normalizeName } from './normalizer.js'
import { editSynonym, loadSynonymLexicon } from './synonym-lexicon.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

describe('the admin synonym lexicon', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('starts as the built-in table at version 0', () => {
    const lexicon = loadSynonymLexicon(temp.workspace.database)
    expect(lexicon.version).toBe(0)
    expect(lexicon.entries.find((entry) => entry.term === '冠心病')).toMatchObject({ expansion: '冠状动脉粥样硬化性心脏病', origin: 'built-in' })
  })

  it('adds a term as a new audited version that the normaliser uses from the next name on', () => {
    const { database } = temp.workspace
    expect(normalizeName(workspaceNormalizer(database, temp.codeSetId), 'EBP').codes.some((code) => code.code === 'I10')).toBe(false)
    expect(editSynonym(database, { term: 'EBP', expansion: 'essential hypertension', action: 'add', actor: 'coder', reason: 'ward 3 writes it so' })).toBe(1)
    const normalizer = workspaceNormalizer(database, temp.codeSetId)
    expect(normalizer.synonymVersion).toBe(1)
    expect(normalizeName(normalizer, 'EBP').codes[0]?.code).toBe('I10')
    const audit = database.prepare<{ actor: string; detail: string }>("SELECT actor, detail FROM audit_log WHERE action = 'name-synonyms.add'").get()
    expect(audit?.actor).toBe('coder')
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ term: 'EBP', expansion: 'essential hypertension', before: null, reason: 'ward 3 writes it so' })
  })

  it('removes a built-in term as another version, keeping every edit', () => {
    const { database } = temp.workspace
    editSynonym(database, { term: '房颤', action: 'remove', actor: 'coder' })
    const lexicon = loadSynonymLexicon(database)
    expect(lexicon.version).toBe(1)
    expect(lexicon.removed).toEqual(['房颤'])
    expect(lexicon.entries.some((entry) => entry.term === '房颤')).toBe(false)
    editSynonym(database, { term: '房颤', expansion: '心房颤动', action: 'add', actor: 'coder' })
    expect(loadSynonymLexicon(database)).toMatchObject({ version: 2, removed: [] })
    expect(database.prepare<{ n: number }>('SELECT count(*) AS n FROM name_synonyms').get()?.n).toBe(2)
  })

  it('never changes an edit in place', () => {
    const { database } = temp.workspace
    editSynonym(database, { term: '血压高', expansion: '原发性高血压', action: 'add', actor: 'coder' })
    expect(() => database.prepare("UPDATE name_synonyms SET expansion = 'x'").run()).toThrow(/versioned/)
    expect(() => database.prepare('DELETE FROM name_synonyms').run()).toThrow(/versioned/)
  })

  it('refuses an empty term, an add without expansion, and removing an unknown term', () => {
    const { database } = temp.workspace
    expect(() => editSynonym(database, { term: ' ', expansion: 'x', action: 'add', actor: 'coder' })).toThrow(/Give the term/)
    expect(() => editSynonym(database, { term: '血压高', action: 'add', actor: 'coder' })).toThrow(/Give the expansion of "血压高"/)
    expect(() => editSynonym(database, { term: '不存在', action: 'remove', actor: 'coder' })).toThrow(/not in the synonym lexicon/)
    expect(loadSynonymLexicon(database).version).toBe(0)
  })
})
