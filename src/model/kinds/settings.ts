import type {ResourceKind} from '../resource.js'
import type {KindDefinition} from './kind.js'

/** The app section (and schema definition) behind a settings kind. */
export interface SettingsKindDefinition<K extends ResourceKind> extends KindDefinition<K> {
  readonly family: 'settings'
  readonly section: string
}

/**
 * A settings kind: one singleton per app, present from the app's creation to its deletion, holding the
 * console's defaults for whatever the configuration leaves out. Made in the console.
 */
export function settingsKind<K extends ResourceKind>(
  kind: K,
  section: string,
  consolePage: string,
  extra: Partial<Pick<KindDefinition, 'wholeMaps' | 'consolePages'>> = {},
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
  }
}
