import type {Plan, PlannedChange} from './plan.js'

/**
 * A plan split by who makes each change: an API now, an operator in the console, or an API once the
 * console steps it waits for are confirmed.
 */
export interface ConsoleQueue {
  /** Changes an API makes that wait for no console step: apply makes them without an operator. */
  readonly byApi: readonly PlannedChange[]
  /** Changes with console steps, in plan order. */
  readonly steps: readonly PlannedChange[]
  /** Changes an API makes once the console steps they wait for are confirmed. */
  readonly waiting: readonly PlannedChange[]
}

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []

/**
 * Whether `change` needs the console change `step` made first. Only what the service needs in place
 * counts: the app's SDKAppID for anything in a new app (and for policies, which name SDKAppIDs), the
 * app's edition for groups, custom fields for the profiles and groups that set them,
 * group settings for groups, and an admin account for the groups it owns or joins.
 */
function waitsFor(change: PlannedChange, step: PlannedChange): boolean {
  if (step.action === 'delete' || step.wave >= change.wave) return false
  if (step.kind === 'app' && step.action === 'create') return change.kind === 'policy' || change.appKey === step.appKey
  if (change.appKey === undefined || change.appKey !== step.appKey) return false
  switch (step.kind) {
    case 'app':
      // The edition decides which group types and sizes the service accepts.
      return change.kind === 'group' && step.changedPaths.includes('edition')
    case 'user-field':
      return change.kind === 'account' && setsCustom(change, step.name)
    case 'group-field':
      return change.kind === 'group' && setsCustom(change, step.name)
    case 'group-member-field':
    case 'group-settings':
      return change.kind === 'group'
    case 'account': {
      const group = change.after ?? {}
      return change.kind === 'group' && [...names(group.owner), ...names(group.members), ...names(group.admins)].includes(step.name)
    }
    default:
      return false
  }
}

/** Whether a profile or group sets the custom field `name`. */
function setsCustom(change: PlannedChange, name: string): boolean {
  const custom = change.after?.custom
  return typeof custom === 'object' && custom !== null && !Array.isArray(custom) && Object.hasOwn(custom, name)
}

/** The plan's changes by who makes them; a change waiting for a waiting change waits too. */
export function consoleQueue(changes: Plan['changes']): ConsoleQueue {
  const steps = changes.filter((c) => c.manual)
  const held: PlannedChange[] = [...steps]
  const byApi: PlannedChange[] = []
  const waiting: PlannedChange[] = []
  for (const change of changes) {
    if (change.manual) continue
    if (held.some((h) => waitsFor(change, h))) {
      waiting.push(change)
      held.push(change)
    } else byApi.push(change)
  }
  return {byApi, steps, waiting}
}

/** One change's console steps, as an operator's checklist shows them. */
export interface ChecklistItem {
  readonly change: PlannedChange
  /** An app the console creates: confirming it takes the SDKAppID the console gave it. */
  readonly needsSdkAppId: boolean
}

/** Console steps pending for an operator, and the changes an API makes once they are confirmed. */
export interface Checklist {
  readonly items: readonly ChecklistItem[]
  readonly waiting: readonly PlannedChange[]
}

/** The checklist of a plan; `sdkAppIdKnown` tells whether the configuration already names an app's SDKAppID. */
export function checklistOf(changes: Plan['changes'], sdkAppIdKnown: (appKey: string | undefined) => boolean): Checklist {
  const queue = consoleQueue(changes)
  return {items: queue.steps.map((change) => ({change, needsSdkAppId: needsSdkAppId(change, sdkAppIdKnown)})), waiting: queue.waiting}
}

/** Whether confirming a change takes an SDKAppID: an app made in the console, which the configuration does not number. */
export function needsSdkAppId(change: PlannedChange, sdkAppIdKnown: (appKey: string | undefined) => boolean): boolean {
  return change.kind === 'app' && change.action === 'create' && !sdkAppIdKnown(change.appKey)
}
