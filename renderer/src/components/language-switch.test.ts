import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import { ok, workspaceInfo } from '../lib/testing/fixtures.js'
import { WorkspaceSummary } from '../lib/workspace-summary.svelte.js'
import AppHeader from './AppHeader.svelte'

describe('the language switch in the header', () => {
  it('re-renders the header in Chinese, with numbers formatted for that locale', async () => {
    const workspace = new WorkspaceSummary(
      createFakeClient({ getWorkspace: () => ok(workspaceInfo({ submittedCount: 1234, recordCount: 5000 })) }).client,
    )
    await workspace.load()
    render(AppHeader, { workspace, mode: 'assisted', onHelp: () => {}, onPolicy: () => {}, i18n: new I18n('en') })
    expect(screen.getByText('1,234 of 5,000 submitted')).toBeInTheDocument()

    await userEvent.setup().click(screen.getByRole('button', { name: '简体中文' }))

    expect(screen.getByText('已提交 1,234 / 5,000')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '简体中文' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getByText('编码员', { selector: '.badge' })).toBeInTheDocument()
  })
})
