import type {ResourceKind} from './resource.js'

export type SettingsKind = Extract<ResourceKind, 'login' | 'messages' | 'friends' | 'group-settings'>
export type FieldKind = Extract<ResourceKind, 'user-field' | 'friend-field' | 'group-field' | 'group-member-field'>

/** The app section (and schema definition) behind each settings kind: one singleton per app. */
export const SETTINGS_SECTIONS: Readonly<Record<SettingsKind, string>> = {
  login: 'login',
  messages: 'messages',
  friends: 'friends',
  'group-settings': 'groupSettings',
}

/** The app section (and schema map) behind each kind of custom field. */
export const FIELD_SECTIONS: Readonly<Record<FieldKind, string>> = {
  'user-field': 'userFields',
  'friend-field': 'friendFields',
  'group-field': 'groupFields',
  'group-member-field': 'groupMemberFields',
}

export const SETTINGS_KINDS = Object.keys(SETTINGS_SECTIONS) as SettingsKind[]
export const FIELD_KINDS = Object.keys(FIELD_SECTIONS) as FieldKind[]

export function isFieldKind(kind: string): kind is FieldKind {
  return Object.hasOwn(FIELD_SECTIONS, kind)
}

export function isSettingsKind(kind: string): kind is SettingsKind {
  return Object.hasOwn(SETTINGS_SECTIONS, kind)
}
