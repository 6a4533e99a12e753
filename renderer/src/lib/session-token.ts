/**
 * The signed-in user's session token, held for this tab (sessionStorage): a
 * reload keeps the user signed in, closing the tab does not, and another tab
 * signs in on its own. The engine decides what a token allows; here it is only carried.
 */
export const SESSION_STORAGE_KEY = 'clinicoco.session'

export interface SessionTokens {
  get(): string | null
  set(token: string | null): void
}

export function tabSessionTokens(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): SessionTokens {
  let token: string | null = storage?.getItem(SESSION_STORAGE_KEY) || null
  return {
    get: () => token,
    set(next) {
      token = next
      if (next === null) storage?.removeItem(SESSION_STORAGE_KEY)
      else storage?.setItem(SESSION_STORAGE_KEY, next)
    },
  }
}
