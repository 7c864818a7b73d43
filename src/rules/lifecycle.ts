import {isPlainObject} from '../config/pointer.js'
import type {Rule} from './rule.js'

/**
 * Deletion is only ever an explicit `ensure: absent`. It is refused for protected resources, and an
 * app must be disabled to be deleted, so the request must say `status: disabled` too.
 */
export const lifecycle: Rule = function* (context) {
  for (const {path, value} of context.visits) {
    if (!isPlainObject(value) || value.ensure !== 'absent') continue
    if (value.protected === true) {
      yield {
        code: 'config/protected',
        message: 'deletion requested (ensure: absent) but the resource is protected; set protected: false first',
        path: [...path, 'ensure'],
        at: 'value',
      }
    }
    if (path.length === 2 && path[0] === 'apps' && value.status !== 'disabled') {
      yield {code: 'config/lifecycle', message: 'an app must be disabled before it is deleted; add status: disabled', path: [...path, 'ensure'], at: 'value'}
    }
  }
}
