import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import type {LoadResult} from '../config/load.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {hasErrors} from '../diagnostics/diagnostic.js'
import type {Resource} from '../model/resource.js'
import {hash} from '../plan/fingerprint.js'
import {hasChanges, isBlocked, type Plan} from '../plan/plan.js'
import {savePlan} from '../plan/plan-file.js'
import {configFolder} from '../providers/emulator/options.js'
import type {Provider} from '../providers/provider.js'
import {writeOutput} from './output.js'
import {type PlannedConfiguration, planConfiguration} from './plan-configuration.js'
import {openProvider, type ProviderRequest} from './provider.js'
import type {ConfigRequest} from './request.js'
import {validateConfiguration} from './validate.js'

export interface PlanRequest extends ConfigRequest, ProviderRequest {
  readonly targets?: readonly string[]
  readonly force?: boolean
}

/** The configuration could not be planned: its problems, located. Nothing was opened. */
export interface Invalid {
  readonly ok: false
  readonly files: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

export type Planning =
  | Invalid
  | {
      readonly ok: true
      readonly plan: Plan
      /** Open until the caller closes it. */
      readonly provider: Provider
      readonly secrets: ReadonlyMap<string, string>
      readonly load: LoadResult
      readonly folder: string
      /** Hash of the configuration files as written (before any ${…} is resolved), to tell whether they changed. */
      readonly configHash: string
      /** Live state as the planner saw it, by address, to tell later whether it moved. */
      readonly live: ReadonlyMap<string, Resource>
      /** The plan with the desired state and live state it was made from. */
      readonly planned: PlannedConfiguration
      /** Reads live state again and plans the same configuration against it (apply does, under the writer lock). */
      readonly replan: () => Promise<PlannedConfiguration>
    }

/**
 * Checks the configuration, opens its provider, reads live state and computes the plan, leaving the
 * provider open for the caller (apply) to use and close. Configuration errors come back as diagnostics, with nothing opened.
 */
export async function preparePlan(request: PlanRequest): Promise<Planning> {
  const {load, config} = validateConfiguration(request)
  if (!config || hasErrors(load.diagnostics)) return {ok: false, diagnostics: load.diagnostics, files: load.files}
  const folder = configFolder(load.files, request.cwd)
  const opened = await openProvider(load, config, folder, request)
  if ('problem' in opened) return {ok: false, files: load.files, diagnostics: [...load.diagnostics, opened.problem]}
  const {provider, label} = opened
  try {
    const options = {label, ...(request.targets ? {targets: request.targets} : {}), ...(request.force ? {force: true} : {})}
    const replan = () => planConfiguration(load, config, provider, options)
    const planned = await replan()
    const configHash = configurationHash(load.files, request.cwd)
    return {ok: true, plan: planned.plan, planned, provider, secrets: planned.desired.secrets, load, folder, configHash, live: planned.live, replan}
  } catch (error) {
    provider.close()
    throw error
  }
}

/** Hash of the configuration files' text: secrets behind ${…} are not in it, and any edit changes it. */
export function configurationHash(files: readonly string[], cwd: string): string {
  return hash(files.map((file) => [file, readFileSync(resolve(cwd, file), 'utf8')]))
}

/** What a plan means for its caller: bad input, refused by a rule, changes to make, or nothing to do. */
export type PlanStatus = 'input-error' | 'blocked' | 'changes' | 'no-changes'

/** Problems with what the user asked for, rather than rules refusing a change. */
const INPUT_ERRORS: ReadonlySet<string> = new Set(['plan/target-not-found', 'plan/unknown-app'])

export function planStatus(plan: Plan): PlanStatus {
  if (plan.diagnostics.some((d) => d.severity === 'error' && INPUT_ERRORS.has(d.code))) return 'input-error'
  if (isBlocked(plan)) return 'blocked'
  return hasChanges(plan) ? 'changes' : 'no-changes'
}

export interface PlanFilesRequest extends PlanRequest {
  /** Save the plan here, for a later apply (it holds no secret values). */
  readonly out?: string
  /** The version of chatcfg making the plan, recorded in the saved file. */
  readonly toolVersion: string
}

export type PlanOutcome = Invalid | {readonly ok: true; readonly plan: Plan; readonly status: PlanStatus; readonly savedTo?: string}

/** `chatcfg plan`: the plan of a configuration against its provider's live state, saved when asked. Applies nothing. */
export async function planFromFiles(request: PlanFilesRequest): Promise<PlanOutcome> {
  const planning = await preparePlan(request)
  if (!planning.ok) return planning
  planning.provider.close()
  const {plan} = planning
  const saved = request.out
    ? writeOutput(request.cwd, request.out, savePlan(plan, {files: planning.load.files, hash: planning.configHash}, request.toolVersion))
    : undefined
  return {ok: true, plan, status: planStatus(plan), ...(saved ? {savedTo: saved} : {})}
}
