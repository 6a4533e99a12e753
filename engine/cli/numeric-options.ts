/**
 * Number options of the commands this module's callers added (splits, annotate,
 * training jobs, registry, experiments): a bad value is an `invalid-input` that
 * names the flag and its range, never a NaN passed on.
 */
import { AppFailure } from '../../contract/result.js'
import { optionalString } from './command.js'
import type { ParsedOptions } from './command.js'

export function optionalNumber(options: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < min || value > max) throw new AppFailure('invalid-input', `--${name} must be a number from ${min} to ${max}, got "${text}".`)
  return value
}

export function optionalInteger(options: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const value = optionalNumber(options, name, min, max)
  if (value !== undefined && !Number.isInteger(value)) throw new AppFailure('invalid-input', `--${name} must be a whole number, got ${value}.`)
  return value
}

/** A comma-separated list option (`--coders a,b`), empty entries dropped. */
export function listOption(options: ParsedOptions, name: string): string[] | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  return text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)
}
