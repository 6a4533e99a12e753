/**
 * The sign-in rules in one place. The idle lock's default lives here and nowhere
 * else; hosts may pass other minutes (`clinicoco serve --idle-lock-minutes`, the
 * machine policy file where IT has one).
 */
export const DEFAULT_IDLE_LOCK_MINUTES = 15
/** Wrong passwords in a row before the account locks itself. */
export const MAX_FAILED_SIGN_INS = 5
export const LOCKOUT_MINUTES = 15
/** A session ends after this long however active it is: a shift, not forever. */
export const SESSION_MAX_HOURS = 12
/** CLI tokens an administrator issues last this long unless they say otherwise. */
export const DEFAULT_TOKEN_DAYS = 30
export const MAX_TOKEN_DAYS = 366
