import type {App} from '../../config/generated/config.js'
import {consoleDefaults, differences, jsonCopy, withDefaults} from '../defaults.js'
import type {Attributes} from '../resource.js'
import type {InAppKind, InAppKindDefinition, KindBase} from './kind.js'

/** The app section (and schema definition) behind a settings kind. */
export interface SettingsKindDefinition<K extends InAppKind> extends InAppKindDefinition<K> {
  readonly family: 'settings'
  readonly section: string
}

/** An app's configuration of a section. */
const sectionIn = (app: App, section: string): unknown => (app as unknown as Readonly<Record<string, unknown>>)[section]

/**
 * A settings kind: one singleton per app, present from the app's creation to its deletion, holding the
 * console's defaults for whatever the configuration leaves out. Made in the console.
 */
export function settingsKind<K extends InAppKind>(
  kind: K,
  section: string,
  consolePage: string,
  extra: Partial<Pick<KindBase<K>, 'wholeMaps' | 'consolePages'>> = {},
): SettingsKindDefinition<K> {
  return {
    kind,
    family: 'settings',
    section,
    placement: {parent: 'app', segment: section, singleton: true},
    level: 1,
    definition: (schema) => schema.$defs[section],
    attributes: 'declared',
    deletion: 'never',
    wholeMaps: extra.wholeMaps ?? [],
    consolePage,
    ...(extra.consolePages ? {consolePages: extra.consolePages} : {}),
    // Settings are managed whole: what the configuration leaves out takes the console's default.
    declare: (app, context) => [
      {
        name: kind,
        path: [section],
        attributes: withDefaults(consoleDefaults(context.schema, section, context.edition), jsonCopy(sectionIn(app, section))) as Attributes,
      },
    ],
    export: (resource, context) => {
      const changed = differences(resource.attributes, consoleDefaults(context.schema, section, context.edition ?? 'developer'))
      return changed === undefined ? undefined : {path: [section], value: changed}
    },
  }
}
