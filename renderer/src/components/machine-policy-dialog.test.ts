import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { PolicyView } from '../../../contract/policy.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { MachinePolicyPanel } from '../lib/machine-policy.svelte.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import { failure, ok } from '../lib/testing/fixtures.js'
import { testIds } from '../lib/test-ids.js'
import MachinePolicyDialog from './MachinePolicyDialog.svelte'

const HOSPITAL_POLICY: PolicyView = {
  source: '/etc/clinicoco/policy.json',
  searched: '/etc/clinicoco/policy.json',
  keyIds: ['6143d871e9793fa0'],
  policy: {
    policyVersion: 1,
    workspaceDir: '/var/lib/clinicoco/workspace',
    models: { trustedKeys: [{ name: 'Model board 2026', publicKey: 'MCowBQYDK2VwAyEA0YkGIeiiAW6Z5hGmhI9tjr5qCTUyiLgrQ5w4ez4w6mg=' }], requireSigned: true, allowWorkspaceKeys: false },
    idleLockMinutes: 10,
    limits: { fieldChars: 200000 },
    backup: { dir: '/srv/backup', everyHours: 24, keep: 14 },
    allowBrowserMode: false,
  },
}

function setting(name: string): HTMLElement {
  const row = screen.getAllByTestId(testIds.policySetting).find((element) => element.dataset.setting === name)
  if (!row) throw new Error(`no ${name} row`)
  return row
}

describe('the machine policy dialog', () => {
  it('shows what IT set, where it was read from, and offers nothing to edit', async () => {
    const fake = createFakeClient({ getMachinePolicy: () => ok(HOSPITAL_POLICY) })
    render(MachinePolicyDialog, { panel: new MachinePolicyPanel(fake.client), onClose: () => {}, i18n: new I18n('en') })
    expect(await screen.findByText('Read from /etc/clinicoco/policy.json')).toBeInTheDocument()
    expect(setting('workspace')).toHaveTextContent('/var/lib/clinicoco/workspace')
    expect(setting('models')).toHaveTextContent('Must be signed by a trusted key. Only the keys in this file count.')
    expect(setting('trusted-keys')).toHaveTextContent('Model board 2026 6143d871e9793fa0')
    expect(setting('idle-lock')).toHaveTextContent('10 min')
    expect(setting('limits')).toHaveTextContent('Characters per field: 200,000')
    expect(setting('limits')).toHaveTextContent('Bytes per imported file: App default')
    expect(setting('backups')).toHaveTextContent('Every 24 h, the newest 14 kept; Backup folder: /srv/backup')
    expect(setting('browser-mode')).toHaveTextContent('Not allowed')
    const dialog = screen.getByRole('dialog', { name: 'Machine policy' })
    expect(within(dialog).queryAllByRole('textbox')).toEqual([])
    expect(within(dialog).queryAllByRole('checkbox')).toEqual([])
    expect(within(dialog).getAllByRole('button').map((button) => button.textContent?.trim())).toEqual(['Close'])
  })

  it('says when no policy file exists, in Chinese too, and closes with Escape', async () => {
    const fake = createFakeClient({
      getMachinePolicy: () => ok({ source: null, searched: '/etc/clinicoco/policy.json', keyIds: [], policy: { policyVersion: 1, models: { trustedKeys: [], requireSigned: false, allowWorkspaceKeys: true }, idleLockMinutes: 15, allowBrowserMode: true } }),
    })
    let closed = false
    render(MachinePolicyDialog, { panel: new MachinePolicyPanel(fake.client), onClose: () => (closed = true), i18n: new I18n('zh-CN') })
    expect(await screen.findByText('/etc/clinicoco/policy.json 处没有策略文件：使用应用的内置默认值。')).toBeInTheDocument()
    expect(setting('backups')).toHaveTextContent('未设置')
    await userEvent.setup().keyboard('{Escape}')
    expect(closed).toBe(true)
  })

  it('reports a policy the engine could not read', async () => {
    const fake = createFakeClient({ getMachinePolicy: () => failure('policy-invalid', 'Machine policy /etc/clinicoco/policy.json is invalid') })
    render(MachinePolicyDialog, { panel: new MachinePolicyPanel(fake.client), onClose: () => {}, i18n: new I18n('en') })
    expect(await screen.findByRole('alert')).toHaveTextContent('The machine policy could not be read. Machine policy /etc/clinicoco/policy.json is invalid')
  })
})
