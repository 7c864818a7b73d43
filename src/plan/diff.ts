import {isDeepStrictEqual} from 'node:util'
import {isMap} from '../model/attributes.js'
import type {Attributes, Json} from '../model/resource.js'
import {FINGERPRINT, isSecretMark} from '../model/secret.js'

/** How the diff compares: a secret mark against a value held in clear, and which maps are compared whole. */
export interface DiffOptions {
  readonly fingerprint: (secret: string) => string
  /** Attribute names whose maps are managed whole (an entry removed from the configuration is a change). */
  readonly wholeMaps: ReadonlySet<string>
}

/** Equal, with a secret mark at any depth (a tag from ${env:…}) equal to the value whose fingerprint it is. */
function same(want: Json, have: Json | undefined, options: DiffOptions): boolean {
  // Most values are equal scalars: no deep comparison for them (0 and -0 are not the same value to it).
  if (want === have && (want !== 0 || Object.is(want, have))) return true
  if (isSecretMark(want) && typeof have === 'string') return options.fingerprint(have) === want[FINGERPRINT]
  if (Array.isArray(want) && Array.isArray(have)) return want.length === have.length && want.every((item, i) => same(item, have[i], options))
  if (isMap(want) && isMap(have) && !isSecretMark(want)) {
    const keys = Object.keys(want)
    return keys.length === Object.keys(have).length && keys.every((key) => Object.hasOwn(have, key) && same(want[key] as Json, have[key], options))
  }
  return isDeepStrictEqual(want, have)
}

/**
 * Paths of the desired attributes whose live value differs. Only attributes the configuration sets are
 * compared: values it leaves out are not chatcfg's to change. Maps are compared key by key, except
 * secret marks, which compare whole.
 */
export function changedPaths(desired: Attributes, live: Attributes, options: DiffOptions, prefix = ''): string[] {
  const paths: string[] = []
  for (const [key, want] of Object.entries(desired)) {
    const have = live[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (isMap(want) && isMap(have) && !isSecretMark(want) && !options.wholeMaps.has(key)) paths.push(...changedPaths(want, have, options, path))
    else if (!same(want, have, options)) paths.push(path)
  }
  return paths
}

/**
 * Live attributes as the plan may show them: where the configuration holds a secret, the live value
 * (held in clear by the service) is replaced by its fingerprint too.
 */
export function maskLike(live: Attributes, desired: Attributes, fingerprint: (secret: string) => string): Attributes {
  const result: Attributes = {...live}
  for (const [key, want] of Object.entries(desired)) {
    const have = live[key]
    if (isSecretMark(want) && typeof have === 'string') result[key] = {[FINGERPRINT]: fingerprint(have)}
    else if (isMap(want) && isMap(have)) result[key] = maskLike(have, want, fingerprint)
  }
  return result
}
