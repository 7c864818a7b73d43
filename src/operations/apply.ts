import {type ApplyReport, type ApplyResult, applyPlan} from '../apply/apply-plan.js'
import type {Attributes} from '../model/resource.js'
import {hasChanges, isBlocked, type Plan, type PlannedChange} from '../plan/plan.js'
import {ApplyJournal} from './journal.js'
import {type Invalid, type PlanRequest, preparePlan} from './plan.js'
import {readPlanFile, stalePlanProblems} from './saved-plan.js'

/** What apply asks of whoever runs it: to see the plan, to confirm it, to follow progress, and to make console steps. */
export interface ApplyHooks {
  /** The plan about to be applied, before anything is asked or done. */
  readonly showPlan: (plan: Plan) => void
  /** Asked once, unless the request approves in advance; false applies nothing. */
  readonly confirm: () => Promise<boolean>
  /** Called once, when the first change is about to be made. */
  readonly starting: () => void
  readonly onResult: (result: ApplyResult, index: number, total: number) => void
  /** Walks an operator through one change's console steps; `needsSdkAppId` for an app the console creates. */
  readonly operator: (change: PlannedChange, needsSdkAppId: boolean) => Promise<Attributes | undefined>
  readonly warn: (message: string) => void
}

export interface ApplyRequest extends PlanRequest {
  /** The version of chatcfg applying, which must be the one that saved a plan. */
  readonly toolVersion: string
  /** Whether a person is at a terminal to confirm and to make console steps. */
  readonly interactive: boolean
  readonly autoApprove: boolean
  readonly hooks: ApplyHooks
}

export type ApplyOutcome =
  | Invalid
  | {readonly ok: true; readonly status: 'blocked' | 'no-changes' | 'declined'; readonly plan: Plan}
  /** Console steps are due and nobody is at a terminal to make them: nothing was applied. */
  | {readonly ok: true; readonly status: 'needs-terminal'; readonly plan: Plan; readonly manual: readonly PlannedChange[]}
  | {readonly ok: true; readonly status: 'applied'; readonly plan: Plan; readonly report: ApplyReport}

/**
 * `chatcfg apply`: plans the configuration, or takes a plan saved by `chatcfg plan --out` (one path ending
 * in .json) and refuses it when anything it was made against moved; then confirms and applies, keeping a
 * journal beside the configuration. Refusals that leave everything untouched are thrown as one-line errors.
 */
export async function applyFromFiles(request: ApplyRequest): Promise<ApplyOutcome> {
  const planPath = request.paths.length === 1 && request.paths[0].endsWith('.json') ? request.paths[0] : undefined
  const saved = planPath ? readPlanFile(planPath, request.cwd) : undefined
  if (saved && saved.tool.version !== request.toolVersion) {
    throw new Error(`${planPath} was made by chatcfg ${saved.tool.version}; this is ${request.toolVersion}. Nothing applied; plan again`)
  }
  const paths = saved ? saved.configuration.files : request.paths
  const planning = await preparePlan({...request, paths})
  if (!planning.ok && saved && planning.diagnostics.some((d) => d.code === 'config/no-input')) {
    throw new Error(`the configuration of ${planPath} (${paths.join(', ')}) is not here: apply a saved plan from the folder it was made in`)
  }
  if (!planning.ok) return planning
  const {provider, secrets, folder, hooks} = {...planning, hooks: request.hooks}
  try {
    // A saved plan is applied as it was reviewed, and only while it still describes what apply would do.
    if (saved) {
      const stale = stalePlanProblems(saved, planning)
      if (stale.length > 0) throw new Error(`the saved plan ${planPath} is stale: ${stale.join('; ')}. Nothing applied; plan again`)
    }
    const plan = saved ? saved.plan : planning.plan
    hooks.showPlan(plan)
    if (isBlocked(plan)) return {ok: true, status: 'blocked', plan}
    if (!hasChanges(plan)) return {ok: true, status: 'no-changes', plan}
    const manual = plan.changes.filter((c) => c.manual)
    // Console steps need a person at the console: without a terminal, stop before anything is applied.
    if (manual.length > 0 && !request.interactive) return {ok: true, status: 'needs-terminal', plan, manual}
    if (!request.autoApprove) {
      if (!request.interactive) throw new Error('apply needs --auto-approve when there is no terminal to confirm on; nothing applied')
      if (!(await hooks.confirm())) return {ok: true, status: 'declined', plan}
    }
    hooks.starting()
    const journal = new ApplyJournal(folder, {plan: plan.fingerprint, provider: plan.provider, startedAt: new Date().toISOString()}, hooks.warn)
    const sdkAppIdKnown = (appKey: string | undefined) => appKey !== undefined && planning.load.config?.apps?.[appKey]?.sdkAppId !== undefined
    const report = await applyPlan(plan, provider, secrets, {
      onResult: (result, index, total) => {
        journal.record(result)
        hooks.onResult(result, index, total)
      },
      operator: (change) => {
        journal.flush()
        return hooks.operator(change, change.kind === 'app' && change.action === 'create' && !sdkAppIdKnown(change.appKey))
      },
    }).catch((error: unknown) => {
      journal.abort(error instanceof Error ? error.message : String(error))
      throw error
    })
    journal.finish(report.ok, report.results)
    return {ok: true, status: 'applied', plan, report}
  } finally {
    provider.close()
  }
}
