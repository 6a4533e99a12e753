/**
 * `clinicoco init`: the one way, besides the demo, that a workspace comes into
 * being. It makes the database, the first user (an admin, who can then set
 * limits and add code sets) and the workspace name, and audits it.
 */
import { appendAudit } from '../audit/audit-log.js'
import { createWorkspace, ensureUser, setSetting } from './workspace.js'

export interface InitRequest {
  dir: string
  /** Shown in the app's header; default the folder. */
  name?: string
  adminId: string
  adminName: string
}

export interface InitSummary {
  workspace: string
  database: string
  name: string
  admin: string
}

export function initWorkspace(request: InitRequest): InitSummary {
  const workspace = createWorkspace(request.dir)
  try {
    const { database } = workspace
    const name = request.name ?? workspace.dir
    database.transaction(() => {
      ensureUser(database, { id: request.adminId, displayName: request.adminName, role: 'admin' })
      setSetting(database, 'workspace_name', name)
      appendAudit(database, { actor: request.adminId, action: 'workspace.init', entity: 'workspace', entityId: workspace.dir, detail: { name } })
    })
    return { workspace: workspace.dir, database: database.path, name, admin: request.adminId }
  } finally {
    workspace.close()
  }
}
