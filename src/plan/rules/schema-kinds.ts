import type {RootSchema, SchemaNode} from '../../config/schema.js'
import type {ResourceKind} from '../../model/resource.js'
import {FIELD_SECTIONS, isFieldKind, isSettingsKind, SETTINGS_SECTIONS} from '../../model/sections.js'

/** Definitions of the kinds that are neither settings nor fields; push certificates differ by vendor, so have none. */
const OTHER_DEFINITIONS: Partial<Record<ResourceKind, string>> = {app: 'app', webhook: 'webhook', account: 'account', group: 'group', policy: 'policy'}

/** The schema node describing a resource's attributes, so rules read metadata (immutable, add-only) from it. */
export function kindSchema(schema: RootSchema, kind: ResourceKind): SchemaNode | undefined {
  if (isSettingsKind(kind)) return schema.$defs[SETTINGS_SECTIONS[kind]]
  if (isFieldKind(kind)) {
    const map = schema.$defs[FIELD_SECTIONS[kind]]
    return typeof map.additionalProperties === 'object' ? map.additionalProperties : undefined
  }
  const definition = OTHER_DEFINITIONS[kind]
  return definition ? schema.$defs[definition] : undefined
}
