import { describe, expect, it } from 'vitest'
import { aRole, roleMay, rolesWith } from './roles.js'

describe('roles', () => {
  it('names a role as a sentence does: a coder, an admin, an auditor', () => {
    expect(['coder', 'supervisor', 'admin', 'auditor'].map(aRole)).toEqual(['a coder', 'a supervisor', 'an admin', 'an auditor'])
  })

  it('keeps patient records from the administrator and the auditor, and user management from everyone but the administrator', () => {
    expect(rolesWith('read-records')).toEqual(['coder', 'supervisor'])
    expect(roleMay('admin', 'read-records')).toBe(false)
    expect(rolesWith('manage-users')).toEqual(['admin'])
  })
})
