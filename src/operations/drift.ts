import {hasDrift, type Plan} from '../plan/plan.js'
import {type Invalid, type PlanRequest, preparePlan} from './plan.js'

export type DriftOutcome = Invalid | {readonly ok: true; readonly plan: Plan; readonly drifted: boolean}

/** `chatcfg drift`: read-only, whether live state still matches the configuration, with every difference as a plan. */
export async function detectDrift(request: PlanRequest): Promise<DriftOutcome> {
  const planning = await preparePlan(request)
  if (!planning.ok) return planning
  planning.provider.close()
  return {ok: true, plan: planning.plan, drifted: hasDrift(planning.plan)}
}
