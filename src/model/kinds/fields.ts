import type {App} from '../../config/generated/config.js'
import type {Attributes} from '../resource.js'
import type {DeclareContext, InAppKind, InAppKindDefinition} from './kind.js'

/** The app section (and schema map) behind a kind of custom field. */
export interface FieldKindDefinition<K extends InAppKind> extends InAppKindDefinition<K> {
  readonly family: 'field'
  readonly section: string
}

/** The fields of one kind an app declares, by name, as the configuration holds them. */
type FieldsOf<Section extends keyof App> = NonNullable<App[Section]>

/**
 * A kind of custom field: named inside an app, made in the console, never deleted once it exists.
 * `attributesOf` turns one declared field into the resource's attributes.
 */
export function fieldKind<K extends InAppKind, Section extends 'userFields' | 'friendFields' | 'groupFields' | 'groupMemberFields'>(
  kind: K,
  section: Section,
  segment: string,
  consolePage: string,
  attributesOf: (field: FieldsOf<Section>[string], context: DeclareContext) => Attributes,
): FieldKindDefinition<K> {
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
    declare: (app, context) =>
      Object.entries((app[section] ?? {}) as FieldsOf<Section>).map(([name, field]) => ({
        name,
        path: [section, name],
        attributes: attributesOf(field, context),
      })),
    export: (resource) => ({path: [section, resource.name], value: resource.attributes}),
  }
}
