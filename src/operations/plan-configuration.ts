import {locate} from '../config/compose.js'
import type {ChatcfgConfig} from '../config/generated/config.js'
import type {LoadResult} from '../config/load.js'
import {fromPointer, isPlainObject} from '../config/pointer.js'
import {buildDesired, type DesiredState} from '../model/desired.js'
import type {Resource} from '../model/resource.js'
import {planWithLive} from '../plan/compute-plan.js'
import type {Plan} from '../plan/plan.js'
import type {Provider} from '../providers/provider.js'

export interface PlanConfigurationOptions {
  /** How the plan names where live state came from. */
  readonly label: string
  readonly targets?: readonly string[]
  readonly force?: boolean
}

export interface PlannedConfiguration {
  readonly plan: Plan
  readonly desired: DesiredState
  /** Live state by address as the planner saw it, to tell later whether it moved. */
  readonly live: ReadonlyMap<string, Resource>
}

/** The string values behind the loader's secret pointers: wherever they land, they are secret. */
function secretValues(load: LoadResult): Set<string> {
  const values = new Set<string>()
  for (const pointer of load.secrets) {
    let value: unknown = load.merged
    for (const segment of fromPointer(pointer)) value = Array.isArray(value) ? value[Number(segment)] : isPlainObject(value) ? value[segment] : undefined
    if (typeof value === 'string' && value !== '') values.add(value)
  }
  return values
}

/**
 * Plans a loaded, valid configuration against an open provider: reads live state, builds desired state
 * (SDKAppIDs and the account from live state; secrets as the provider's fingerprints) and computes the
 * plan, whose diagnostics include the configuration's own warnings.
 */
export async function planConfiguration(
  load: LoadResult,
  config: ChatcfgConfig,
  provider: Provider,
  options: PlanConfigurationOptions,
): Promise<PlannedConfiguration> {
  const live = await provider.read()
  const sdkAppIds = new Map(live.resources.filter((r) => r.kind === 'app').map((r) => [r.name, Number(r.computed?.sdkAppId)]))
  const fingerprint = (secret: string) => provider.fingerprint(secret)
  const desired = buildDesired(config, fingerprint, (appKey) => sdkAppIds.get(appKey), live.rootUin, secretValues(load))
  const {plan, live: seen} = planWithLive(desired, live, {
    provider: options.label,
    locate: (pointer) => locate(load.locations, pointer),
    now: provider.now(),
    fingerprint,
    ...(provider.consoleSteps ? {consoleSteps: (change) => provider.consoleSteps?.(change)} : {}),
    ...(options.targets ? {targets: options.targets} : {}),
    ...(options.force ? {force: true} : {}),
  })
  return {plan: {...plan, diagnostics: [...load.diagnostics, ...plan.diagnostics]}, desired, live: seen}
}
