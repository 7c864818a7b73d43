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
  // Loops rather than every(): the diff compares every value of every resource, and each callback is an allocation.
  if (Array.isArray(want) && Array.isArray(have)) {
    if (want.length !== have.length) return false
    for (let index = 0; index < want.length; index++) if (!same(want[index] as Json, have[index], options)) return false
    return true
  }
  if (isMap(want) && isMap(have) && !isSecretMark(want)) {
    const keys = Object.keys(want)
    if (keys.length !== Object.keys(have).length) return false
    for (const key of keys) if (!Object.hasOwn(have, key) || !same(want[key] as Json, have[key], options)) return false
    return true
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
  addChangedPaths(desired, live, options, prefix, paths)
  return paths
}

/** changedPaths, added to `paths`: the planner diffs every resource, most of them unchanged, and needs no list for those. */
export function addChangedPaths(desired: Attributes, live: Attributes, options: DiffOptions, prefix: string, paths: string[]): void {
  // A path is written only for a change or a map to go into: most values are equal.
  // for…in lists a plain object's own keys as Object.keys does, without a list of them for every map compared.
  for (const key in desired) {
    const want = desired[key] as Json
    const have = live[key]
    if (isMap(want) && isMap(have) && !isSecretMark(want) && !options.wholeMaps.has(key))
      addChangedPaths(want, have, options, prefix === '' ? key : `${prefix}.${key}`, paths)
    else if (!same(want, have, options)) paths.push(prefix === '' ? key : `${prefix}.${key}`)
  }
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
