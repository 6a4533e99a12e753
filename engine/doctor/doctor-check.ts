/**
 * `clinicoco doctor` is a list of independent checks, each in its own module
 * with one purpose (native modules, policy, model, disk, backups; the database
 * integrity check is another's), each returning findings instead of throwing so
 * that one failure never hides the others from IT.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail'

export interface CheckFinding {
  check: string
  status: CheckStatus
  detail: string
}

/** Runs a check, turning anything it throws into a `fail` finding that names the check. */
export async function runCheck(check: string, work: () => Promise<CheckFinding[]> | CheckFinding[]): Promise<CheckFinding[]> {
  try {
    return await work()
  } catch (error) {
    return [{ check, status: 'fail', detail: error instanceof Error ? error.message : String(error) }]
  }
}

export function worstStatus(findings: readonly CheckFinding[]): CheckStatus {
  if (findings.some((finding) => finding.status === 'fail')) return 'fail'
  if (findings.some((finding) => finding.status === 'warn')) return 'warn'
  return 'ok'
}
