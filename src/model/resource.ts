/**
 * The resource model shared by desired state (built from configuration) and live state (read from a
 * provider), so the differ never sees wire formats. A resource is a plain value keyed by its address.
 */

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json}
export type Attributes = {[key: string]: Json}

/** Every kind of resource chatcfg manages. */
export type ResourceKind =
  | 'app'
  | 'login'
  | 'messages'
  | 'friends'
  | 'group-settings'
  | 'user-field'
  | 'friend-field'
  | 'group-field'
  | 'group-member-field'
  | 'webhook'
  | 'push-certificate'
  | 'account'
  | 'group'
  | 'policy'

/** Kinds that live inside an app; the rest stand on the Tencent Cloud account. */
export type AppChildKind = Exclude<ResourceKind, 'app' | 'policy'>

export interface Resource {
  readonly kind: ResourceKind
  /** Stable address, for example app.support.userField.Tier or policy.readers. */
  readonly address: string
  /** The app's key, for apps and everything inside one. */
  readonly appKey?: string
  /** The resource's own name inside its parent (field name, UserID, group ID, policy name). */
  readonly name: string
  readonly attributes: Attributes
  /** Values the service assigns and configuration never sets (SDKAppID, creation time). */
  readonly computed?: Attributes
  /**
   * Attributes whose live value comes from chatcfg's record of confirmed console steps, not from the
   * service (settings that have no public API); absent when every value was read from the service.
   */
  readonly recorded?: readonly string[]
}

export type Action = 'create' | 'update' | 'delete'

/** One change to one resource; `before` is absent for a create, `after` for a delete. */
export interface Change {
  readonly action: Action
  readonly kind: ResourceKind
  readonly address: string
  readonly appKey?: string
  readonly name: string
  readonly before?: Attributes
  readonly after?: Attributes
  /** The live resource's name when it differs (an app adopted by SDKAppID, known live as sdkappid-<id>). */
  readonly liveName?: string
  /** Values an operator supplied while making the change's console steps (the SDKAppID of an app created in the console). */
  readonly computed?: Attributes
  /** `after` as the plan shows it, secrets as fingerprints: what a provider may keep in a record. */
  readonly shown?: Attributes
}

/** Address segment per app child kind; singletons have no name segment. */
const SEGMENTS: Record<AppChildKind, {segment: string; singleton: boolean}> = {
  login: {segment: 'login', singleton: true},
  messages: {segment: 'messages', singleton: true},
  friends: {segment: 'friends', singleton: true},
  'group-settings': {segment: 'groupSettings', singleton: true},
  webhook: {segment: 'webhook', singleton: true},
  'user-field': {segment: 'userField', singleton: false},
  'friend-field': {segment: 'friendField', singleton: false},
  'group-field': {segment: 'groupField', singleton: false},
  'group-member-field': {segment: 'groupMemberField', singleton: false},
  'push-certificate': {segment: 'push', singleton: false},
  account: {segment: 'account', singleton: false},
  group: {segment: 'group', singleton: false},
}

export function appAddress(appKey: string): string {
  return `app.${appKey}`
}

export function childAddress(appKey: string, kind: AppChildKind, name: string): string {
  const {segment, singleton} = SEGMENTS[kind]
  return singleton ? `${appAddress(appKey)}.${segment}` : `${appAddress(appKey)}.${segment}.${name}`
}

export function policyAddress(name: string): string {
  return `policy.${name}`
}
