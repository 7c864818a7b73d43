import type {AppChildKind, ResourceKind} from '../resource.js'
import {account} from './account.js'
import {app} from './app.js'
import {friendField} from './friend-field.js'
import {friends} from './friends.js'
import {group} from './group.js'
import {groupField} from './group-field.js'
import {groupMemberField} from './group-member-field.js'
import {groupSettings} from './group-settings.js'
import type {KindDefinition} from './kind.js'
import {login} from './login.js'
import {messages} from './messages.js'
import {policy} from './policy.js'
import {pushCertificate} from './push-certificate.js'
import {userField} from './user-field.js'
import {webhook} from './webhook.js'

export type {AttributeManagement, Deletion, KindDefinition, Placement} from './kind.js'

/**
 * Every kind of resource, each defined in its own file. The `satisfies` clause makes a kind added to
 * ResourceKind without a definition (or a definition missing a part) a compile error.
 */
export const KINDS = {
  app,
  login,
  messages,
  friends,
  'group-settings': groupSettings,
  'user-field': userField,
  'friend-field': friendField,
  'group-field': groupField,
  'group-member-field': groupMemberField,
  webhook,
  'push-certificate': pushCertificate,
  account,
  group,
  policy,
} as const satisfies {readonly [K in ResourceKind]: KindDefinition<K>}

/** Kinds inside an app, in the order desired state lists them. */
export const APP_CHILD_KINDS = (Object.keys(KINDS) as ResourceKind[]).filter((kind): kind is AppChildKind => kind !== 'app' && kind !== 'policy')

export function kindOf(kind: ResourceKind): KindDefinition {
  return KINDS[kind]
}

type KindsOf<Family extends string> = {[K in ResourceKind]: (typeof KINDS)[K] extends {readonly family: Family} ? K : never}[ResourceKind]

/** Settings kinds: one singleton per app, for the section of the same name. */
export type SettingsKind = KindsOf<'settings'>
/** Custom field kinds: a map of fields per app section. */
export type FieldKind = KindsOf<'field'>

const ALL = Object.values(KINDS) as ReadonlyArray<(typeof KINDS)[ResourceKind]>

export const SETTINGS_KINDS: readonly SettingsKind[] = ALL.flatMap((definition) =>
  'family' in definition && definition.family === 'settings' ? [definition.kind as SettingsKind] : [],
)
export const FIELD_KINDS: readonly FieldKind[] = ALL.flatMap((definition) =>
  'family' in definition && definition.family === 'field' ? [definition.kind as FieldKind] : [],
)

export function isSettingsKind(kind: string): kind is SettingsKind {
  return (SETTINGS_KINDS as readonly string[]).includes(kind)
}

export function isFieldKind(kind: string): kind is FieldKind {
  return (FIELD_KINDS as readonly string[]).includes(kind)
}

/** The console page of an attribute of a kind (a dotted path), or of the kind itself without one. */
export function consolePageOf(kind: ResourceKind, path?: string): string | null {
  const definition: KindDefinition = KINDS[kind]
  const segments = path?.split('.') ?? []
  let best: {page: string; length: number} | undefined
  for (const [pattern, page] of Object.entries(definition.consolePages ?? {})) {
    const parts = pattern.split('.')
    const covers = parts.length <= segments.length && parts.every((part, i) => part === '*' || part === segments[i])
    if (covers && parts.length > (best?.length ?? 0)) best = {page, length: parts.length}
  }
  return best?.page ?? definition.consolePage
}

/** The app section (and schema definition or map) behind a settings or field kind. */
export function sectionOf(kind: SettingsKind | FieldKind): string {
  return KINDS[kind].section
}
