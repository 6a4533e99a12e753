/**
 * The renderer's Content Security Policy, the same in the Electron window and
 * in browser mode: scripts and styles only from the app itself, no inline code,
 * no eval, no network beyond the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** Header that carries the per-run access token of browser mode. */
export const ACCESS_TOKEN_HEADER = 'x-clinicoco-token'

/** Header that carries the signed-in user's session token in browser mode (Electron passes it over IPC). */
export const SESSION_HEADER = 'x-clinicoco-session'
