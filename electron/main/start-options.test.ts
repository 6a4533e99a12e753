import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveStartOptions } from './start-options.js'

const USER_DATA = '/home/coder/.config/CliniCoCo Workstation'

describe('resolveStartOptions', () => {
  it('opens <userData>/workspace when nothing is configured', () => {
    expect(resolveStartOptions(['/opt/clinicoco/clinicoco'], {}, USER_DATA)).toEqual({ workspaceDir: join(USER_DATA, 'workspace') })
  })

  it('prefers --workspace=DIR over CLINICOCO_WORKSPACE, and resolves it to an absolute path', () => {
    const options = resolveStartOptions(['electron', '.', '--workspace=demo-ws'], { CLINICOCO_WORKSPACE: '/srv/ws' }, USER_DATA)
    expect(options.workspaceDir).toBe(resolve('demo-ws'))
  })

  it('takes the workspace from CLINICOCO_WORKSPACE, and never a user from the environment (people sign in)', () => {
    expect(resolveStartOptions([], { CLINICOCO_WORKSPACE: '/srv/ws', CLINICOCO_USER: 'wang.li' }, USER_DATA)).toEqual({
      workspaceDir: resolve('/srv/ws'),
    })
  })

  it("falls back to the machine policy's workspace folder before <userData>/workspace", () => {
    expect(resolveStartOptions([], {}, USER_DATA, '/var/lib/clinicoco/workspace').workspaceDir).toBe('/var/lib/clinicoco/workspace')
    expect(resolveStartOptions([], { CLINICOCO_WORKSPACE: '/srv/ws' }, USER_DATA, '/var/lib/clinicoco/workspace').workspaceDir).toBe('/srv/ws')
  })

  it('ignores empty values', () => {
    expect(resolveStartOptions(['--workspace='], { CLINICOCO_WORKSPACE: ' ' }, USER_DATA)).toEqual({ workspaceDir: join(USER_DATA, 'workspace') })
  })
})
