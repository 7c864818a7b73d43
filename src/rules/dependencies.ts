import {isPlainObject, toPointer} from '../config/pointer.js'
import type {Rule} from './rule.js'

/**
 * Values that need another value beside them, as the schema declares: a switch that needs a sibling
 * switch on (`x-chatcfg-requires`: topics need communities), and webhook choices that belong to one
 * event (`x-chatcfg-event-options`: the four group-profile choices need that callback in `events`).
 */
export const dependencies: Rule = function* (context) {
  const dependent = context.visits.filter(({schema}) => schema['x-chatcfg-requires'] || schema['x-chatcfg-event-options'])
  if (dependent.length === 0) return
  // Only the parents of those values are looked up: naming every value of a large configuration was a tenth of validate.
  const depths = new Set(dependent.map(({path}) => Math.max(0, path.length - 1)))
  const values = new Map(context.visits.filter(({path}) => depths.has(path.length)).map(({path, value}) => [toPointer(path), value]))
  for (const {path, value, schema} of dependent) {
    const parent = values.get(toPointer(path.slice(0, -1)))
    if (!isPlainObject(parent)) continue
    const required = schema['x-chatcfg-requires']
    if (required && value === true && parent[required] !== true) {
      yield {code: 'config/setting-dependency', message: `${String(path[path.length - 1])} needs ${required}: true beside it`, path, at: 'value'}
    }
    const event = schema['x-chatcfg-event-options']
    if (event && value !== undefined && !(Array.isArray(parent.events) && parent.events.includes(event))) {
      yield {
        code: 'config/setting-dependency',
        message: `${String(path[path.length - 1])} chooses what calls ${event}; add that event to events`,
        path,
        at: 'key',
      }
    }
  }
}
