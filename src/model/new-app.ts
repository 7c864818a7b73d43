import type {Edition} from '../config/generated/config.js'
import {configSchema} from '../config/schema.js'
import {consoleDefaults} from './defaults.js'
import {DEFAULT_ADMIN} from './kinds/account.js'
import {SETTINGS_KINDS, sectionOf} from './kinds/index.js'
import {type Attributes, childAddress, type Resource} from './resource.js'

/**
 * What a new app holds the moment it is created, as the console creates it: every setting at its
 * default (history at the edition's free period) and the administrator account. The planner diffs a
 * new app's settings against these, so a plan shows only what the configuration changes.
 */
export function newAppResources(appKey: string, edition: string): Resource[] {
  const schema = configSchema()
  const settings = SETTINGS_KINDS.map((kind): Resource => {
    const attributes: Attributes = consoleDefaults(schema, sectionOf(kind), edition as Edition)
    return {kind, address: childAddress(appKey, kind, kind), appKey, name: kind, attributes}
  })
  const admin: Resource = {kind: 'account', address: childAddress(appKey, 'account', DEFAULT_ADMIN), appKey, name: DEFAULT_ADMIN, attributes: {type: 'admin'}}
  return [...settings, admin]
}
