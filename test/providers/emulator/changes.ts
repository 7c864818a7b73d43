import {type AppChildKind, type Attributes, type Change, childAddress, policyAddress} from '../../../src/model/resource.js'

/** Builders for the changes the planner will hand the emulator. */
export const createApp = (key: string, after: Attributes = {}): Change => ({
  action: 'create',
  kind: 'app',
  address: `app.${key}`,
  name: key,
  after: {name: key, ...after},
})
export const updateApp = (key: string, after: Attributes): Change => ({
  action: 'update',
  kind: 'app',
  address: `app.${key}`,
  name: key,
  after: {name: key, ...after},
})
export const deleteApp = (key: string): Change => ({action: 'delete', kind: 'app', address: `app.${key}`, name: key})

export function child(action: Change['action'], kind: AppChildKind, appKey: string, name: string, after?: Attributes): Change {
  return {action, kind, address: childAddress(appKey, kind, name), appKey, name, ...(after ? {after} : {})}
}

export const userField = (appKey: string, name: string, after: Attributes = {}) =>
  child('create', 'user-field', appKey, name, {type: 'string', read: ['app'], write: ['admin'], ...after})
export const groupField = (appKey: string, name: string, types: string[] = ['Work']) =>
  child('create', 'group-field', appKey, name, {groupTypes: Object.fromEntries(types.map((t) => [t, {read: 'all', write: 'all'}]))})
export const memberField = (appKey: string, name: string, types: string[] = ['Work']) =>
  child('create', 'group-member-field', appKey, name, {groupTypes: Object.fromEntries(types.map((t) => [t, {read: 'all', write: 'all', self: true}]))})
export const account = (appKey: string, userId: string, after: Attributes = {}) => child('create', 'account', appKey, userId, {type: 'general', ...after})
export const group = (appKey: string, groupId: string, after: Attributes = {}) =>
  child('create', 'group', appKey, groupId, {type: 'Public', name: groupId.slice(0, 30), ...after})
export const settings = (kind: 'login' | 'messages' | 'friends' | 'group-settings', appKey: string, after: Attributes) =>
  child('update', kind, appKey, kind, after)
export const policy = (action: Change['action'], name: string, after?: Attributes): Change => ({
  action,
  kind: 'policy',
  address: policyAddress(name),
  name,
  ...(after ? {after} : {}),
})

export const times = <T>(count: number, make: (index: number) => T): T[] => Array.from({length: count}, (_, index) => make(index))
