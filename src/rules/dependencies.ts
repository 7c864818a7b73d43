import {isPlainObject} from '../config/pointer.js'
import type {Rule} from './rule.js'

/**
 * Values that need another value beside them, as the schema declares: a switch that needs a sibling
 * switch on (`x-chatcfg-requires`: topics need communities), and webhook choices that belong to one
 * event (`x-chatcfg-event-options`: the four group-profile choices need that callback in `events`).
 */
export const dependencies: Rule = function* (context) {
  const dependent = context.visitsWith('x-chatcfg-requires', 'x-chatcfg-event-options')
  for (const {path, value, schema} of dependent) {
    // The parent is the value the walk passed through on its way here: found by following the path from the root.
    let parent: unknown = context.config
    for (let depth = 0; depth < path.length - 1; depth++) parent = (parent as Record<string, unknown>)[path[depth] as string]
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
