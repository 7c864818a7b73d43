import {walkSchema} from '../../config/schema.js'
import {isFieldKind, sectionOf} from '../../model/kinds/index.js'
import type {Json} from '../../model/resource.js'
import type {PlanRule} from './rule.js'
import {kindSchema} from './schema-kinds.js'

const keysOf = (value: Json | undefined): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [])

/** Custom fields exist for good: one missing from the configuration is an error, never a deletion. */
export const undeletableFields: PlanRule = function* (context) {
  for (const resource of context.live.values()) {
    if (!isFieldKind(resource.kind) || context.desired.has(resource.address)) continue
    const section = sectionOf(resource.kind)
    const app = context.desired.get(`app.${resource.appKey}`)
    if (!app || app.absent) continue
    yield {
      code: 'plan/undeletable-field',
      message: `custom field "${resource.name}" exists in app ${resource.appKey} but not in ${section}; custom fields can never be deleted, so declare it again`,
      address: app.address,
      attribute: section,
    }
  }
}

/**
 * Values the schema marks `x-chatcfg-immutable` never change once a resource exists, and maps it marks
 * `x-chatcfg-add-only` (a field's group types) only grow. Read from the schema, so every kind is covered.
 */
export const immutableValues: PlanRule = function* (context) {
  const updates = new Map(context.changes.filter((c) => c.action === 'update').map((c) => [c.address, c]))
  for (const desired of context.desired.values()) {
    const live = context.live.get(desired.address)
    const schema = kindSchema(context.schema, desired.kind)
    if (!live || !schema || desired.absent) continue
    const change = updates.get(desired.address)
    for (const visit of walkSchema(context.schema, schema, desired.attributes)) {
      const path = visit.path.join('.')
      if (visit.schema['x-chatcfg-immutable'] && change?.changedPaths.includes(path)) {
        yield {
          code: 'plan/immutable',
          message: `${path} of ${desired.address} cannot change once it exists`,
          address: desired.address,
          attribute: path,
          blocks: desired.address,
        }
      }
      if (visit.schema['x-chatcfg-add-only']) {
        const removed = keysOf(live.attributes[path] as Json).filter((key) => !keysOf(visit.value as Json).includes(key))
        if (removed.length > 0) {
          yield {
            code: 'plan/group-type-removed',
            message: `group types can be added to ${desired.address} but never removed: ${removed.join(', ')}`,
            address: desired.address,
            attribute: path,
            ...(change ? {blocks: desired.address} : {}),
          }
        }
      }
    }
  }
}
