/**
 * A call the engine answered `busy` (another process held the workspace
 * database: an import, a backup) changed nothing, so it is tried again after a
 * short wait, a few times, before the coder sees anything. Only `busy` is
 * retried: any other failure may be the call's own fault, and repeating it
 * could repeat its effect.
 */
import type { Invoke } from '../../../contract/client.js'
import { RETRYABLE_CODES } from '../../../contract/result.js'

/** About 6 s in all, beyond the engine's own 5 s wait for the lock on each try. */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1_000, 1_500, 2_500]

export function retryWhileBusy(
  invoke: Invoke,
  options: { delaysMs?: readonly number[]; sleep?: (ms: number) => Promise<void> } = {},
): Invoke {
  const delays = options.delaysMs ?? BUSY_RETRY_DELAYS_MS
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  return async (method, input) => {
    let result = await invoke(method, input)
    for (const delay of delays) {
      if (result.ok || !RETRYABLE_CODES.includes(result.error.code)) return result
      await sleep(delay)
      result = await invoke(method, input)
    }
    return result
  }
}
