import type {Attributes, Json} from './resource.js'
import {isSecretMark} from './secret.js'

/** A JSON object (a map of attributes), as opposed to a list or a scalar. */
export const isMap = (value: Json | undefined): value is {[key: string]: Json} => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value at a dotted attribute path. */
export function valueAt(attributes: Attributes | undefined, path: string): Json | undefined {
  let value: Json | undefined = attributes
  for (const part of path.split('.')) value = isMap(value) ? value[part] : undefined
  return value
}

/** Live attributes with the desired ones laid over them: an update keeps what chatcfg does not manage. */
export function overlay(live: Attributes, desired: Attributes, wholeMaps: ReadonlySet<string>): Attributes {
  const result: Attributes = {...live}
  for (const [key, value] of Object.entries(desired)) {
    const have = live[key]
    result[key] = isMap(value) && isMap(have) && !isSecretMark(value) && !wholeMaps.has(key) ? overlay(have, value, wholeMaps) : value
  }
  return result
}

/** Leaf attributes as dotted paths, for listing what a create sets. */
export function leaves(attributes: Attributes, prefix = ''): Array<[string, Json]> {
  return Object.entries(attributes).flatMap(([key, value]): Array<[string, Json]> => {
    const path = prefix === '' ? key : `${prefix}.${key}`
    return isMap(value) && !isSecretMark(value) && Object.keys(value).length > 0 ? leaves(value, path) : [[path, value]]
  })
}

/**
 * A sorted copy of a list, as `[...list].sort()` makes it. Lists a configuration declares are mostly in order
 * already, and checking that costs nothing where a sort builds lists of its own (there is one per field and group).
 */
export function sortedCopy<T>(list: readonly T[]): T[] {
  for (let index = 0; index < list.length; index++) {
    const item = list[index]
    // The sort compares text by UTF-16 code units, as < does for two strings; anything else is left to it.
    if (typeof item !== 'string' || (index > 0 && (list[index - 1] as string) > item)) return [...list].sort()
  }
  return list.slice()
}
