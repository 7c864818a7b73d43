import {defaultsOf, jsonCopy, withDefaults} from '../defaults.js'
import type {Attributes} from '../resource.js'
import type {DeclareContext} from './kind.js'

/** A group or group member field: its permissions per group type, each filled with the schema's defaults. */
export function groupFieldAttributes(groupTypes: Readonly<Record<string, unknown>>, context: DeclareContext, definition: string): Attributes {
  const defaults = defaultsOf(context.schema, context.schema.$defs[definition])
  return {groupTypes: Object.fromEntries(Object.entries(groupTypes).map(([type, permissions]) => [type, withDefaults(defaults, jsonCopy(permissions))]))}
}
