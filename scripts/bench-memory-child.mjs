// One measurement for scripts/bench-memory.mjs, in its own process so its peak
// RSS is its own: open the workspace's model as the engine does (kNN datastore
// filled), suggest for one record as the coding view asks, print JSON.
import { holdWorkspaceModel } from '../dist/engine/coding/workspace-model.js'
import { toSuggestions } from '../dist/engine/coding/suggestions.js'
import { recordRowId } from '../dist/engine/records/record-row-id.js'
import { openWorkspace } from '../dist/engine/workspace/workspace.js'

const [workspaceDir, recordId] = process.argv.slice(2)
const workspace = openWorkspace(workspaceDir)
const holder = holdWorkspaceModel(workspace)
try {
  const model = await holder.get()
  const loadedRssBytes = process.resourceUsage().maxRSS * 1024
  const started = performance.now()
  const scores = await model.scoreRecord(recordRowId(workspace.database, recordId))
  const suggestions = toSuggestions(workspace.database, model, scores, { recordId })
  const characters = workspace.database
    .prepare('SELECT sum(length(text)) AS n FROM record_sections WHERE record_id = ?')
    .get(recordRowId(workspace.database, recordId)).n
  console.log(
    JSON.stringify({
      recordId,
      characters,
      tokens: scores.output.tokens,
      chunks: scores.output.chunks,
      codes: suggestions.codes.length,
      elapsedMs: performance.now() - started,
      loadedRssBytes,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  )
} finally {
  await holder.close()
  workspace.close()
}
