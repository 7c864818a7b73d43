import type {ResourceKind} from '../resource.js'
import type {KindDefinition} from './kind.js'

/** The app section (and schema map) behind a kind of custom field. */
export interface FieldKindDefinition<K extends ResourceKind> extends KindDefinition<K> {
  readonly family: 'field'
  readonly section: string
}

/** A kind of custom field: named inside an app, made in the console, never deleted once it exists. */
export function fieldKind<K extends ResourceKind>(kind: K, section: string, segment: string, consolePage: string): FieldKindDefinition<K> {
  return {
    kind,
    family: 'field',
    section,
    placement: {parent: 'app', segment, singleton: false},
    level: 1,
    definition: (schema) => {
      const map = schema.$defs[section]
      return typeof map.additionalProperties === 'object' ? map.additionalProperties : undefined
    },
    attributes: 'declared',
    deletion: 'never',
    wholeMaps: [],
    consolePage,
  }
}
