import {relative} from 'node:path'
import {locate} from '../config/compose.js'
import {type LoadResult, loadConfig} from '../config/load.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {hasErrors} from '../diagnostics/diagnostic.js'
import {buildDesired} from '../model/desired.js'
import {computePlan} from '../plan/compute-plan.js'
import type {Plan} from '../plan/plan.js'
import {Emulator} from '../providers/emulator/emulator.js'
import {configFolder, emulatorOptions} from '../providers/emulator/options.js'
import type {Provider} from '../providers/provider.js'

export interface PlanningRequest {
  readonly paths: readonly string[]
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly targets?: readonly string[]
  readonly force?: boolean
}

export type Planning =
  | {readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly files: readonly string[]}
  | {
      readonly ok: true
      readonly plan: Plan
      readonly provider: Provider
      readonly secrets: ReadonlyMap<string, string>
      readonly load: LoadResult
      readonly folder: string
    }

/**
 * Loads the configuration, opens its provider, reads live state and computes the plan. The caller owns
 * the provider and closes it. Configuration errors come back as diagnostics, with nothing opened.
 */
export async function planFromConfiguration(request: PlanningRequest): Promise<Planning> {
  const load = loadConfig(request.paths, {cwd: request.cwd, env: request.env})
  if (!load.config || hasErrors(load.diagnostics)) return {ok: false, diagnostics: load.diagnostics, files: load.files}
  const config = load.config
  if (config.provider?.tencentcloud) {
    const where = locate(load.locations, '/provider/tencentcloud').key
    return {
      ok: false,
      files: load.files,
      diagnostics: [
        ...load.diagnostics,
        {
          severity: 'error',
          code: 'config/provider-unavailable',
          message: 'this chatcfg plans against the embedded emulator only; the tencentcloud provider is not part of it yet',
          path: '/provider/tencentcloud',
          ...(where ? {source: where} : {}),
        },
      ],
    }
  }
  const folder = configFolder(load.files, request.cwd)
  const options = emulatorOptions(config, folder, request.env)
  const provider = Emulator.open(options)
  try {
    const live = await provider.read()
    const sdkAppIds = new Map(live.resources.filter((r) => r.kind === 'app').map((r) => [r.name, Number(r.computed?.sdkAppId)]))
    const desired = buildDesired(
      config,
      (secret) => provider.fingerprint(secret),
      (appKey) => sdkAppIds.get(appKey),
      live.rootUin,
    )
    const shown = relative(request.cwd, options.path)
    const plan = computePlan(desired, live, {
      provider: `emulator ${shown.startsWith('..') ? options.path : shown}`,
      locate: (pointer) => locate(load.locations, pointer),
      now: provider.now(),
      ...(request.targets ? {targets: request.targets} : {}),
      ...(request.force ? {force: true} : {}),
    })
    return {ok: true, plan: {...plan, diagnostics: [...load.diagnostics, ...plan.diagnostics]}, provider, secrets: desired.secrets, load, folder}
  } catch (error) {
    provider.close()
    throw error
  }
}
