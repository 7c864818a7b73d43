import {isPlainObject} from '../config/pointer.js'
import type {Rule} from './rule.js'

/**
 * Constraints JSON Schema cannot state, declared in the schema as `x-chatcfg-*` metadata: UTF-8 byte
 * lengths, exactly-one-of alternatives and compact-JSON length.
 */
export const schemaConstraints: Rule = function* (context) {
  for (const visit of context.visitsWith('x-chatcfg-max-bytes', 'x-chatcfg-exactly-one-of', 'x-chatcfg-max-json-length')) {
    // The path is asked for only where something is reported: most values are fine.
    const {value, schema} = visit
    const maxBytes = schema['x-chatcfg-max-bytes']
    // UTF-8 takes at most three bytes per UTF-16 unit: most values are short enough to need no count.
    if (maxBytes !== undefined && typeof value === 'string' && value.length * 3 > maxBytes) {
      const bytes = Buffer.byteLength(value, 'utf8')
      if (bytes > maxBytes)
        yield {code: 'config/byte-length', message: `is ${bytes} bytes in UTF-8; at most ${maxBytes} are allowed`, path: visit.path, at: 'value'}
    }
    const alternatives = schema['x-chatcfg-exactly-one-of']
    // A resource being deleted need not say what it would have been.
    if (alternatives && isPlainObject(value) && value.ensure !== 'absent') {
      const given = alternatives.filter((name) => Object.hasOwn(value, name))
      if (given.length === 0) {
        yield {code: 'config/exactly-one-of', message: `give one of ${alternatives.join(', ')}`, path: visit.path, at: 'key'}
      } else if (given.length > 1) {
        yield {code: 'config/exactly-one-of', message: `${given.join(' and ')} exclude each other; keep one`, path: [...visit.path, given[1]], at: 'key'}
      }
    }
    const maxJson = schema['x-chatcfg-max-json-length']
    if (maxJson !== undefined && value !== undefined) {
      const length = JSON.stringify(value).length
      if (length > maxJson)
        yield {code: 'config/policy', message: `is ${length} characters as compact JSON; at most ${maxJson} are allowed`, path: visit.path, at: 'key'}
    }
  }
}
