import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import App from '../App.svelte'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { testIds } from '../lib/test-ids.js'
import { recordView } from '../lib/testing/fixtures.js'
import { createMemoryApp } from '../lib/testing/memory-app.js'
import { Workstation } from '../lib/workstation.svelte.js'

describe('the engine restart notice', () => {
  it('tells the coder when the host restarted a crashed engine, in their language, until dismissed', async () => {
    const app = createMemoryApp([recordView({ id: 'R-001' })])
    const user = userEvent.setup()
    // The coder chose Chinese; the fixture's English records must not switch the UI back.
    const i18n = new I18n('en')
    i18n.setLocale('zh-CN')
    render(App, { workstation: new Workstation(app.client), i18n })
    await screen.findByRole('button', { name: /R-001/ })
    expect(screen.queryByTestId(testIds.engineNotice)).toBeNull()

    app.emit('engineRestarted', { exitCode: 139, restarts: 1, at: '2026-12-05T09:00:00.000Z' })
    const notice = await screen.findByTestId(testIds.engineNotice)
    expect(notice).toHaveTextContent('编码引擎意外停止（退出码 139），已自动重启。')
    expect(notice).toHaveAttribute('role', 'alert')

    await user.click(screen.getByRole('button', { name: '关闭' }))
    expect(screen.queryByTestId(testIds.engineNotice)).toBeNull()
  })
})
