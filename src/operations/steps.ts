import {type ApplyReport, type ApplyResult, applyPlan} from '../apply/apply-plan.js'
import {didYouMean} from '../config/suggest.js'
import type {Attributes} from '../model/resource.js'
import {type Checklist, type ChecklistItem, checklistOf} from '../plan/console-queue.js'
import {isBlocked, type Plan, type PlannedChange} from '../plan/plan.js'
import {desiredHash} from './apply.js'
import {type Invalid, type Planning, type PlanRequest, preparePlan} from './plan.js'

export type StepsOutcome =
  | Invalid
  | {readonly ok: true; readonly status: 'blocked'; readonly plan: Plan}
  | {readonly ok: true; readonly status: 'listed'; readonly checklist: Checklist}

type Planned = Extract<Planning, {ok: true}>

const sdkAppIdKnownIn = (planning: Planned) => (appKey: string | undefined) =>
  appKey !== undefined && planning.load.config?.apps?.[appKey]?.sdkAppId !== undefined

/** `chatcfg steps list`: the console steps the configuration needs an operator to make, and what waits for them. Changes nothing. */
export async function listConsoleSteps(request: PlanRequest): Promise<StepsOutcome> {
  const planning = await preparePlan(request)
  if (!planning.ok) return planning
  planning.provider.close()
  if (isBlocked(planning.plan)) return {ok: true, status: 'blocked', plan: planning.plan}
  return {ok: true, status: 'listed', checklist: checklistOf(planning.plan.changes, sdkAppIdKnownIn(planning))}
}

export interface ConfirmRequest extends PlanRequest {
  /** The steps made, by address; none walks through every pending step on a terminal. */
  readonly addresses: readonly string[]
  /** Who made them, kept in the record with the time. */
  readonly by: string
  /** SDKAppIDs the console gave the apps it created, by app key. */
  readonly sdkAppIds: Readonly<Record<string, number>>
  readonly interactive: boolean
  /** Walks an operator through one change's steps on a terminal; undefined when they were not made. */
  readonly operator: (change: PlannedChange, needsSdkAppId: boolean) => Promise<Attributes | undefined>
  readonly onResult?: (result: ApplyResult, index: number, total: number) => void
}

export type ConfirmOutcome =
  | Invalid
  | {readonly ok: true; readonly status: 'blocked'; readonly plan: Plan}
  | {
      readonly ok: true
      readonly status: 'confirmed'
      readonly report: ApplyReport
      /** Steps still pending after this confirmation. */
      readonly remaining: Checklist
      /** Changes an API makes that no longer wait for any step: the next apply makes them. */
      readonly unblocked: readonly PlannedChange[]
    }

/** `--sdk-app-id KEY=ID` values (KEY as `support` or `app.support`), refused one line at a time when malformed. */
export function parseSdkAppIds(values: readonly string[]): Record<string, number> {
  const ids: Record<string, number> = {}
  for (const value of values) {
    const match = /^(?:app\.)?([^=]+)=([1-9][0-9]{0,15})$/.exec(value.trim())
    if (!match) throw new Error(`--sdk-app-id ${value}: write it as APP=SDKAPPID, such as support=1400000001`)
    ids[match[1] as string] = Number(match[2])
  }
  return ids
}

/** The items a confirmation names, or every reason it cannot record them (nothing is recorded then). */
function chosenItems(checklist: Checklist, planning: Planned, request: ConfirmRequest): ChecklistItem[] {
  const problems: string[] = []
  const byAddress = new Map(checklist.items.map((item) => [item.change.address, item]))
  const pending = planning.provider.record?.pending()
  const chosen: ChecklistItem[] = []
  for (const address of request.addresses) {
    const item = byAddress.get(address)
    if (!item) {
      const planned = planning.plan.changes.find((c) => c.address === address)
      problems.push(
        planned
          ? `${address} is made by an API, not in the console: chatcfg apply makes it`
          : `${address} has no pending console step${didYouMean(address, [...byAddress.keys()])}`,
      )
      continue
    }
    const listed = pending?.get(address)
    if (listed && listed.desired !== desiredHash(item.change)) {
      problems.push(
        `${address}: the configuration changed since apply listed its console steps (${listed.listedAt}); the steps made were for other values. The next apply lists the steps the configuration asks for now`,
      )
      continue
    }
    if (item.needsSdkAppId && request.sdkAppIds[item.change.appKey ?? item.change.name] === undefined) {
      problems.push(`${address} is an app the console created: give the SDKAppID it got with --sdk-app-id ${item.change.appKey ?? item.change.name}=SDKAPPID`)
      continue
    }
    chosen.push(item)
  }
  for (const appKey of Object.keys(request.sdkAppIds)) {
    if (!chosen.some((item) => item.needsSdkAppId && (item.change.appKey ?? item.change.name) === appKey)) {
      problems.push(`--sdk-app-id names app ${appKey}, which is not an app created in the console being confirmed here`)
    }
  }
  if (problems.length > 0) throw new Error(`${problems.join('; ')}; nothing recorded`)
  return chosen
}

/**
 * `chatcfg steps confirm`: records that an operator made console steps, with who and when, in the
 * provider's record of console steps. Given addresses, it needs no terminal (a pull request or a manual
 * workflow run can confirm); without them, it walks through every pending step on a terminal.
 */
export async function confirmConsoleSteps(request: ConfirmRequest): Promise<ConfirmOutcome> {
  const planning = await preparePlan(request)
  if (!planning.ok) return planning
  const {plan, provider} = planning
  try {
    if (isBlocked(plan)) return {ok: true, status: 'blocked', plan}
    const checklist = checklistOf(plan.changes, sdkAppIdKnownIn(planning))
    if (request.addresses.length === 0 && !request.interactive) {
      throw new Error('without a terminal, name the steps made: chatcfg steps confirm ADDRESS... --by NAME (chatcfg steps list shows them); nothing recorded')
    }
    const walk = request.addresses.length === 0
    const chosen = walk ? [...checklist.items] : chosenItems(checklist, planning, request)
    const needs = new Map(chosen.map((item) => [item.change.address, item.needsSdkAppId]))
    provider.record?.confirmingAs(request.by)
    const report = await applyPlan({...plan, changes: chosen.map((item) => item.change)}, provider, planning.secrets, {
      ...(request.onResult ? {onResult: request.onResult} : {}),
      operator: async (change) => {
        if (walk) return request.operator(change, needs.get(change.address) ?? false)
        const id = needs.get(change.address) ? request.sdkAppIds[change.appKey ?? change.name] : undefined
        return id === undefined ? {} : {sdkAppId: id}
      },
    })
    const confirmed = new Set(report.results.filter((r) => r.status === 'applied').map((r) => r.address))
    const remaining = checklistOf(
      plan.changes.filter((c) => !confirmed.has(c.address)),
      sdkAppIdKnownIn(planning),
    )
    const stillWaiting = new Set(remaining.waiting.map((c) => c.address))
    return {ok: true, status: 'confirmed', report, remaining, unblocked: checklist.waiting.filter((c) => !stillWaiting.has(c.address))}
  } finally {
    provider.close()
  }
}
