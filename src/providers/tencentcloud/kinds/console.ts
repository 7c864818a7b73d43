import type {CloudKind} from './context.js'

/**
 * A kind no public API reads or changes (settings, custom fields, webhook, push certificates): the
 * operator makes it in the console, following the plan's steps, and the record then says so.
 */
export const consoleKind: CloudKind = {
  async apply(context, change) {
    context.remember(change)
  },
}
