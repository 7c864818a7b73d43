import {childVisits, effective, mayHold, type RootSchema, type SchemaNode, type SchemaVisit, walkSchema} from '../config/schema.js'
import type {Json, ResourceKind} from '../model/resource.js'
import {kindSchema, type LiveRule} from './rule.js'

type Keyword = 'x-chatcfg-immutable' | 'x-chatcfg-add-only'
const ADD_ONLY: readonly Keyword[] = ['x-chatcfg-add-only']
const EITHER: readonly Keyword[] = ['x-chatcfg-immutable', 'x-chatcfg-add-only']

/**
 * The visits of walkSchema, in its order, but for values below which the schema holds none of `keywords`: those
 * are not walked (a field's permissions, under its add-only group types, at every field of every app).
 */
function visitsHolding(root: RootSchema, node: SchemaNode, value: unknown, keywords: readonly Keyword[]): SchemaVisit[] {
  const described = effective(root, node)
  // A value that picks among alternatives is described by the walk itself.
  if (described.oneOf || described.anyOf) return walkSchema(root, node, value)
  const visits: SchemaVisit[] = []
  const visit = (here: SchemaVisit): void => {
    visits.push(here)
    for (const child of childVisits(root, here.schema, here.value)) {
      if (keywords.some((keyword) => mayHold(root, child.schema, keyword)))
        visit({path: [...here.path, ...child.path], value: child.value, schema: child.schema})
    }
  }
  visit({path: [], value, schema: described})
  return visits
}

const keysOf = (value: Json | undefined): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [])

/**
 * Values the schema marks `x-chatcfg-immutable` never change once a resource exists, and maps it marks
 * `x-chatcfg-add-only` (a field's group types) only grow. Read from the schema, so every kind is covered.
 */
export const immutableValues: LiveRule = function* (context) {
  const updates = new Map(context.changes.filter((c) => c.action === 'update').map((c) => [c.address, c]))
  // What the schema says of each kind, asked once per kind rather than at each of its resources.
  const kinds = new Map<ResourceKind, {readonly schema: SchemaNode; readonly immutable: boolean; readonly addOnly: boolean} | null>()
  for (const desired of context.desired.values()) {
    let kind = kinds.get(desired.kind)
    if (kind === undefined) {
      const schema = kindSchema(context.schema, desired.kind)
      kind = schema
        ? {schema, immutable: mayHold(context.schema, schema, 'x-chatcfg-immutable'), addOnly: mayHold(context.schema, schema, 'x-chatcfg-add-only')}
        : null
      kinds.set(desired.kind, kind)
    }
    if (!kind || desired.absent) continue
    const {schema} = kind
    const change = updates.size === 0 ? undefined : updates.get(desired.address)
    // An immutable value matters only to an update, an add-only map always: most resources hold neither, and need no walk (nor their live state).
    const immutable = change !== undefined && kind.immutable
    if (!immutable && !kind.addOnly) continue
    const live = context.live.get(desired.address)
    if (!live) continue
    for (const visit of visitsHolding(context.schema, schema, desired.attributes, immutable ? EITHER : ADD_ONLY)) {
      if (!visit.schema['x-chatcfg-immutable'] && !visit.schema['x-chatcfg-add-only']) continue
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

/** Settings the schema marks `x-chatcfg-one-way` are only ever turned on (the console offers TRTC's Activate and nothing back). */
export const oneWaySettings: LiveRule = function* (context) {
  for (const change of context.changes) {
    const schema = kindSchema(context.schema, change.kind)
    if (change.action !== 'update' || !schema) continue
    for (const visit of walkSchema(context.schema, schema, change.before ?? {})) {
      const path = visit.path.join('.')
      if (!visit.schema['x-chatcfg-one-way'] || visit.value !== true || !change.changedPaths.includes(path)) continue
      yield {
        code: 'plan/one-way',
        message: `${path} of ${change.address} is on, and the console can only turn it on; keep ${path}: true`,
        address: change.address,
        attribute: path,
        blocks: change.address,
      }
    }
  }
}
