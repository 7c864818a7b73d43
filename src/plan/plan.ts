import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import type {ConsoleStep} from '../model/console-steps.js'
import type {Change} from '../model/resource.js'

/** A change in a plan: what happens to one resource, which attributes move, and what blocks it. */
export interface PlannedChange extends Change {
  /** Attribute paths whose value changes, such as `edition` or `groupTypes.Public`. */
  readonly changedPaths: readonly string[]
  /** Codes of the rules that refuse this change; a plan with any blocked change applies nothing. */
  readonly blockedBy: readonly string[]
  /** Dependency wave: changes of one wave are independent of each other and may run at once; waves run in order. */
  readonly wave: number
  /** Where the resource is declared, when it is. */
  readonly source?: SourceRange
  /** Console steps an operator makes for this change (settings with no public API); absent when an API makes all of it. */
  readonly manual?: readonly ConsoleStep[]
  /** Attributes whose value before the change comes from chatcfg's record of console steps rather than from the service. */
  readonly recorded?: readonly string[]
}

/** A change before ordering gives it its wave. */
export type DraftChange = Omit<PlannedChange, 'wave'>

export interface PlanSummary {
  readonly create: number
  readonly update: number
  readonly delete: number
  readonly blocked: number
  /** Changes that need console steps (absent when none do). */
  readonly manual?: number
  /** With console steps: the changes an API makes, and how many of them wait for console steps first. */
  readonly byApi?: number
  readonly waitingOnConsole?: number
}

/**
 * A plan is a plain value: printed, saved, fingerprinted, applied later. Changes are already in apply
 * order; renderers and apply read them and never recompute.
 */
export interface Plan {
  readonly formatVersion: 1
  readonly provider: string
  readonly changes: readonly PlannedChange[]
  readonly diagnostics: readonly Diagnostic[]
  readonly summary: PlanSummary
  /** Hashes of the live resources the plan was computed against, by address, to refuse a stale plan. */
  readonly liveFingerprints: Readonly<Record<string, string>>
  /** Hash of the changes themselves. */
  readonly fingerprint: string
}

export function isBlocked(plan: Plan): boolean {
  return plan.summary.blocked > 0 || plan.diagnostics.some((d) => d.severity === 'error')
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0
}

/** Whether live state differs from the configuration: any change, or a live-state problem (a field live but not declared). */
export function hasDrift(plan: Plan): boolean {
  return hasChanges(plan) || plan.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('plan/'))
}
