import {KINDS} from './kinds/index.js'

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

export function appAddress(appKey: string): string {
  return `${KINDS.app.placement.segment}.${appKey}`
}

/**
 * Joined rather than concatenated: a concatenation is a tree of pieces that every map keyed by address
 * (there is one entry per value of a large configuration, in several maps) hashes and compares through,
 * where a joined string is one piece of text from the start.
 */
export function childAddress(appKey: string, kind: AppChildKind, name: string): string {
  const placement = KINDS[kind].placement
  return placement.parent === 'app' && placement.singleton
    ? `${appAddress(appKey)}.${placement.segment}`
    : [appAddress(appKey), placement.segment, name].join('.')
}

export function policyAddress(name: string): string {
  return `${KINDS.policy.placement.segment}.${name}`
}
