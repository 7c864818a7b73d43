import {isDeepStrictEqual} from 'node:util'
import type {Attributes, Json} from '../model/resource.js'

const isMap = (value: Json | undefined): value is {[key: string]: Json} => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Paths of the desired attributes whose live value differs. Only attributes the configuration sets are
 * compared: values it leaves out are not chatcfg's to change. Maps are compared key by key, except
 * secret marks, which compare whole.
 */
export function changedPaths(desired: Attributes, live: Attributes, prefix = ''): string[] {
  const paths: string[] = []
  for (const [key, want] of Object.entries(desired)) {
    const have = live[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (isMap(want) && isMap(have) && !('$fingerprint' in want)) paths.push(...changedPaths(want, have, path))
    else if (!isDeepStrictEqual(want, have)) paths.push(path)
  }
  return paths
}

/** The value at a dotted attribute path. */
export function valueAt(attributes: Attributes | undefined, path: string): Json | undefined {
  let value: Json | undefined = attributes
  for (const part of path.split('.')) value = isMap(value) ? value[part] : undefined
  return value
}

/** Live attributes with the desired ones laid over them: an update keeps what chatcfg does not manage. */
export function overlay(live: Attributes, desired: Attributes): Attributes {
  const result: Attributes = {...live}
  for (const [key, value] of Object.entries(desired)) {
    const have = live[key]
    result[key] = isMap(value) && isMap(have) && !('$fingerprint' in value) ? overlay(have, value) : value
  }
  return result
}
