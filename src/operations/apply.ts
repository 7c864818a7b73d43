import {type ApplyReport, type ApplyResult, applyPlan} from '../apply/apply-plan.js'
import type {Attributes} from '../model/resource.js'
import {type Checklist, checklistOf, consoleQueue} from '../plan/console-queue.js'
import {hash} from '../plan/fingerprint.js'
import {hasChanges, isBlocked, type Plan, type PlannedChange} from '../plan/plan.js'
import {firstPlanDifference, liveFingerprintDifference} from '../plan/plan-compare.js'
import type {PendingStep} from '../providers/provider.js'
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
  /** Nobody was at a terminal: what an API could make now was applied, and these console steps are pending for an operator. */
  | {readonly ok: true; readonly status: 'steps-pending'; readonly plan: Plan; readonly report: ApplyReport; readonly checklist: Checklist}
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
  const {provider, folder, hooks} = {...planning, hooks: request.hooks}
  let release: (() => void) | undefined
  try {
    // A saved plan is applied as it was reviewed, and only while it still describes what apply would do.
    if (saved) {
      const stale = stalePlanProblems(saved, planning)
      if (stale.length > 0) throw new Error(`the saved plan ${planPath} is stale: ${stale.join('; ')}. Nothing applied; plan again`)
    }
    const shown = saved ? saved.plan : planning.plan
    hooks.showPlan(shown)
    if (isBlocked(shown)) return {ok: true, status: 'blocked', plan: shown}
    if (!hasChanges(shown)) return {ok: true, status: 'no-changes', plan: shown}
    if (!request.autoApprove) {
      if (!request.interactive) throw new Error('apply needs --auto-approve when there is no terminal to confirm on; nothing applied')
      if (!(await hooks.confirm())) return {ok: true, status: 'declined', plan: shown}
    }
    // Plan and writes see one snapshot: under the writer lock, plan again and apply only what was shown.
    let waitedFor: string | undefined
    release = await provider.lock('chatcfg apply', (holder) => {
      waitedFor = holder
      hooks.warn(`waiting for the writer lock, held by ${holder}`)
    })
    // Planning is deterministic in the configuration and live state (the one clock rule only relaxes as time
    // passes), so when the provider can prove nobody wrote since it read, the plan made then is the plan now.
    const locked = provider.unchangedSinceRead?.() ? planning.planned : await planning.replan()
    const plan = locked.plan
    const moved = underLock(shown, plan, saved !== undefined)
    if (moved) {
      const when = waitedFor ? `while this apply waited for ${waitedFor}` : 'since it was planned'
      const what = saved ? `the saved plan ${planPath} is not what apply would do now (live state moved ${when})` : `live state moved ${when}`
      throw new Error(`${what}: ${moved}. Nothing applied; plan again`)
    }
    const secrets = locked.desired.secrets
    const sdkAppIdKnown = (appKey: string | undefined) => appKey !== undefined && planning.load.config?.apps?.[appKey]?.sdkAppId !== undefined
    // Console steps need a person at the console: without a terminal, apply what needs none and leave the steps queued.
    const queue = request.interactive ? undefined : withoutOperator(plan, sdkAppIdKnown)
    const applying = queue?.plan ?? plan
    hooks.starting()
    const journal = new ApplyJournal(folder, {plan: plan.fingerprint, provider: plan.provider, startedAt: new Date().toISOString()}, hooks.warn)
    const report = await applyPlan(applying, provider, secrets, {
      lockHeld: true,
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
    // The steps left for an operator are recorded before the journal says the apply finished: a process
    // stopped between the two leaves an unfinished journal, never a finished one with the steps unrecorded.
    const unmade = plan.changes.filter((c) => c.manual && !report.results.some((r) => r.address === c.address && r.status === 'applied'))
    provider.record?.queue(unmade.map(pendingStep))
    journal.finish(report.ok, report.results)
    if (queue && queue.checklist.items.length > 0) return {ok: true, status: 'steps-pending', plan, report, checklist: queue.checklist}
    return {ok: true, status: 'applied', plan, report}
  } finally {
    release?.()
    provider.close()
  }
}

/**
 * How the plan made under the lock differs from the one shown (and, for a saved plan, reviewed): any
 * change, value, order or wave, a plan now blocked, or — for a saved plan, which is trusted for nothing
 * it could lie about — a live fingerprint missing, extra or moved.
 */
function underLock(shown: Plan, now: Plan, saved: boolean): string | undefined {
  const earlier = saved ? 'the saved plan' : 'the plan shown'
  const difference = firstPlanDifference(shown, now, earlier)
  if (difference) return difference
  if (isBlocked(now)) return 'the plan is now blocked by a rule'
  return saved ? liveFingerprintDifference(shown, now) : undefined
}

/**
 * What apply makes when nobody is at a terminal: every change an API makes that waits for no console
 * step (see consoleQueue), as a plan of its own, and the checklist of the steps left for an operator.
 */
export function withoutOperator(plan: Plan, sdkAppIdKnown: (appKey: string | undefined) => boolean): {plan: Plan; checklist: Checklist} {
  const checklist = checklistOf(plan.changes, sdkAppIdKnown)
  if (checklist.items.length === 0) return {plan, checklist}
  return {plan: {...plan, changes: consoleQueue(plan.changes).byApi}, checklist}
}

/** A console step as the record keeps it until an operator confirms it: the values asked for, hashed, to refuse confirming other ones. */
export function pendingStep(change: PlannedChange): PendingStep {
  return {address: change.address, action: change.action, desired: desiredHash(change), listedAt: new Date().toISOString()}
}

export const desiredHash = (change: PlannedChange): string => hash({action: change.action, after: change.after ?? null})
