import type {Json} from '../model/resource.js'
import {isSecretMark} from '../model/secret.js'

/** A value as a reviewer reads it; a secret only says it is one (its fingerprint is in the JSON plan). */
export function displayValue(value: Json | undefined): string {
  if (value === undefined) return '(unset)'
  if (isSecretMark(value)) return '(secret)'
  // A secret inside a value (a certificate's password) says only that it is one.
  return JSON.stringify(value, (_key, item: Json) => (isSecretMark(item) ? '(secret)' : item))
}

/** A change of value; a changed secret says so without showing either value. */
export function displayChange(before: Json | undefined, after: Json | undefined): string {
  if (isSecretMark(after) && (before === undefined || isSecretMark(before))) return before === undefined ? '(secret, set)' : '(secret, changed)'
  return `${displayValue(before)} → ${displayValue(after)}`
}

/** Long text (a policy document) is shown as a diff rather than two long lines. */
export function isLongText(value: Json | undefined): value is string {
  return typeof value === 'string' && (value.length > 80 || value.includes('\n'))
}

/** A JSON document in text form, pretty-printed for a line diff; other text as is. */
export function prettyText(value: string): string {
  try {
    return `${JSON.stringify(JSON.parse(value), null, 2)}\n`
  } catch {
    return value.endsWith('\n') ? value : `${value}\n`
  }
}

/** Whether the value at `path` before the change came from the record of console steps, not from the service. */
export function isRecorded(change: {readonly recorded?: readonly string[]}, path: string): boolean {
  return change.recorded?.includes(path.split('.')[0] ?? path) ?? false
}
