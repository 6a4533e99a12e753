import type { SubmitProblem } from '../coding-session.svelte.js'
import type { Messages } from './en.js'

/**
 * A submit problem in the UI language. The engine's own message (English, and
 * specific: which code, which version) is kept as detail beneath the translation.
 */
export function problemText(problem: SubmitProblem, t: Messages): { headline: string; detail: string | null } {
  switch (problem.kind) {
    case 'needs-codes':
      return { headline: t.problems.needsCodes, detail: null }
    case 'needs-one-primary':
      return { headline: t.problems.needsOnePrimary(problem.marked), detail: null }
    case 'rule-warnings':
      return { headline: t.problems.ruleWarnings(problem.count), detail: null }
    case 'confirm-primary':
      return { headline: t.problems.confirmPrimary(problem.suggested, problem.marked), detail: null }
    case 'app':
      return { headline: t.problems.app[problem.error.code], detail: problem.error.message }
  }
}

/** The data-problem value tests select on. */
export function problemId(problem: SubmitProblem): string {
  return problem.kind === 'app' ? problem.error.code : problem.kind
}
