import type {Resource} from './resource.js'

/** Live state: every resource a provider can see, in the same shape as desired state. */
export interface LiveState {
  readonly resources: readonly Resource[]
  /** The Tencent Cloud account (root UIN) the resources belong to, when the provider knows it. */
  readonly rootUin?: number
  /** The CAM sub-users (by UIN) and user groups (by ID) policies may be attached to, when the provider can list them. */
  readonly principals?: Principals
}

export interface Principals {
  readonly users: readonly number[]
  readonly groups: readonly number[]
}
