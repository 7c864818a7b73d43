import type {RootSchema, SchemaNode} from '../../config/schema.js'
import {KINDS} from '../../model/kinds/index.js'
import type {ResourceKind} from '../../model/resource.js'

/** The schema node describing a resource's attributes, so rules read metadata (immutable, add-only) from it. */
export function kindSchema(schema: RootSchema, kind: ResourceKind): SchemaNode | undefined {
  return KINDS[kind].definition(schema)
}
