import {effective, type RootSchema, type SchemaNode} from '../config/schema.js'
import type {Json} from './resource.js'

/** The console defaults the schema records for an object, nested objects included (empty ones left out). */
export function defaultsOf(schema: RootSchema, node: SchemaNode): {[key: string]: Json} {
  const resolved = effective(schema, node)
  const result: {[key: string]: Json} = {}
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    const property = effective(schema, child)
    if (property.default !== undefined) result[name] = property.default as Json
    else if (property.properties) {
      const nested = defaultsOf(schema, property)
      if (Object.keys(nested).length > 0) result[name] = nested
    }
  }
  return result
}
