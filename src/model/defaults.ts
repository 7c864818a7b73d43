import {isDeepStrictEqual} from 'node:util'
import type {Edition} from '../config/generated/config.js'
import {effective, oncePerNode, type RootSchema, type SchemaNode} from '../config/schema.js'
import {editionSpec} from './editions.js'
import type {Attributes, Json} from './resource.js'

/** Each schema's defaults by node, worked out once: every field, certificate and settings section of every app asks for them. */
const collectDefaults = oncePerNode((schema, node): {[key: string]: Json} => {
  const resolved = effective(schema, node)
  const result: {[key: string]: Json} = {}
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    const property = effective(schema, child)
    if (property.default !== undefined) result[name] = property.default as Json
    else if (property.properties) {
      const nested = collectDefaults(schema, property)
      if (Object.keys(nested).length > 0) result[name] = nested
    }
  }
  return result
})

/** The console defaults the schema records for an object, nested objects included (empty ones left out). */
export function defaultsOf(schema: RootSchema, node: SchemaNode): {[key: string]: Json} {
  // A copy of its own for every caller: callers add to it (the messages section's history period) and hand it on.
  return copyPlain(collectDefaults(schema, node)) as {[key: string]: Json}
}

/**
 * The console's default settings of a section for an app on an edition: the schema's defaults, and for
 * messages the edition's free history period. Every place that needs an app's default settings (desired
 * state, a new app, the emulator, export) asks here.
 */
export function consoleDefaults(schema: RootSchema, section: string, edition: Edition): Attributes {
  const defaults: Attributes = defaultsOf(schema, schema.$defs[section])
  if (section === 'messages') defaults.historyDays = editionSpec(schema, edition).historyDays.default
  return defaults
}

/** Fills defaults under the configured values (objects merge, lists replace). */
export function withDefaults(defaults: Json, configured: Json | undefined): Json {
  if (configured === undefined || configured === null) return defaults
  if (!defaults || typeof defaults !== 'object' || Array.isArray(defaults) || !configured || typeof configured !== 'object' || Array.isArray(configured))
    return configured
  const result: {[key: string]: Json} = {...defaults}
  for (const [key, value] of Object.entries(configured)) result[key] = withDefaults(defaults[key] ?? null, value)
  return result
}

/** What differs from the defaults (the inverse of withDefaults), so an exported file says only what was chosen. */
export function differences(value: Json, defaults: Json): Json | undefined {
  if (isDeepStrictEqual(value, defaults)) return undefined
  if (value && typeof value === 'object' && !Array.isArray(value) && defaults && typeof defaults === 'object' && !Array.isArray(defaults)) {
    const result: {[key: string]: Json} = {}
    for (const [key, item] of Object.entries(value)) {
      const kept = differences(item, defaults[key] ?? null)
      if (kept !== undefined) result[key] = kept
    }
    return Object.keys(result).length > 0 ? result : undefined
  }
  return value
}

/** Thrown inside copyPlain at a value it does not copy the way JSON would; the caller goes through JSON instead. */
const NOT_PLAIN = Symbol('not plain JSON data')

/** A copy of plain data (objects, lists, strings, booleans, null, numbers) made as JSON would make it, without the text in between. */
function copyPlain(value: unknown): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      // JSON writes -0 as 0 and what is not finite as null.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null
    case 'object': {
      if (value === null) return null
      if (Array.isArray(value)) {
        const copy = new Array<Json>(value.length)
        for (let index = 0; index < value.length; index++) {
          if (!(index in value)) throw NOT_PLAIN
          copy[index] = copyPlain(value[index])
        }
        return copy
      }
      const prototype = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN
      const copy: {[key: string]: Json} = {}
      for (const key of Object.keys(value)) {
        const item = copyPlain((value as Record<string, unknown>)[key])
        // JSON.parse makes "__proto__" a key like any other; an assignment would set the prototype.
        if (key === '__proto__') Object.defineProperty(copy, key, {value: item, enumerable: true, writable: true, configurable: true})
        else copy[key] = item
      }
      return copy
    }
    default:
      throw NOT_PLAIN
  }
}

/** A plain JSON copy, so what is built shares nothing with the parsed configuration. */
export function jsonCopy(value: unknown): Json {
  if (value === undefined) return null
  try {
    return copyPlain(value)
  } catch (error) {
    if (error !== NOT_PLAIN) throw error
    // Anything else (undefined inside, a date, a big integer) is left to JSON, which decides what it becomes or refuses it.
    return JSON.parse(JSON.stringify(value)) as Json
  }
}
