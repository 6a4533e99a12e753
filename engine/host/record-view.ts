/**
 * A record as one user sees it: with the supervisors' verdicts on its versions,
 * and — where the record was dealt to them for double coding — blind: only their
 * own second codings, none of the first coder's work.
 */
import type { RecordView } from '../../contract/domain.js'
import { openRecord } from '../decisions/record-view.js'
import { recordRowId } from '../records/record-row-id.js'
import type { SqliteDatabase } from '../store/database.js'
import { reviewsOf } from '../supervision/reviews.js'
import { listSecondCodings } from '../supervision/second-coding.js'
import { assignmentOf } from '../supervision/work-batches.js'

export function blindAssignment(database: SqliteDatabase, viewer: string, recordId: string): { assignmentId: number } | null {
  const assignment = assignmentOf(database, viewer, recordRowId(database, recordId))
  return assignment?.purpose === 'double-coding' ? { assignmentId: assignment.assignmentId } : null
}

export function viewRecordAs(database: SqliteDatabase, viewer: string, recordId: string, language?: string): RecordView {
  const view = openRecord(database, recordId, language, viewer)
  const blind = blindAssignment(database, viewer, recordId)
  if (blind) {
    const own = listSecondCodings(database, blind.assignmentId, language)
    return { ...view, decisions: own, status: own.length > 0 ? 'submitted' : 'todo', reviews: [], blind: true }
  }
  return { ...view, reviews: reviewsOf(database, recordRowId(database, recordId)), blind: false }
}
