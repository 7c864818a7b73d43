import type {RootSchema} from '../../config/schema.js'
import type {DiagnosticCode} from '../../diagnostics/codes.js'
import type {DesiredResource} from '../../model/desired.js'
import type {Resource} from '../../model/resource.js'
import type {DraftChange} from '../plan.js'

/** What a live-state rule sees: desired and live resources by address, and the changes drafted so far. */
export interface PlanRuleContext {
  readonly schema: RootSchema
  readonly desired: ReadonlyMap<string, DesiredResource>
  readonly live: ReadonlyMap<string, Resource>
  readonly changes: readonly DraftChange[]
  /** The provider's clock, for rules such as "once a month". */
  readonly now: number
}

/**
 * A problem found against live state. `address` names the resource; `attribute` (dotted) the value at
 * fault. When `blocks` is set, that change is marked blocked; otherwise the problem blocks the plan as a whole.
 */
export interface PlanFinding {
  readonly code: DiagnosticCode
  readonly message: string
  readonly address: string
  readonly attribute?: string
  readonly blocks?: string
}

export type PlanRule = (context: PlanRuleContext) => Iterable<PlanFinding>
