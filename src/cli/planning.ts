import {readFileSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {locate} from '../config/compose.js'
import type {ChatcfgConfig} from '../config/generated/config.js'
import {type LoadResult, loadConfig} from '../config/load.js'
import type {DiagnosticCode} from '../diagnostics/codes.js'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {hasErrors} from '../diagnostics/diagnostic.js'
import type {Attributes, Resource} from '../model/resource.js'
import {FINGERPRINT, isSecretMark} from '../model/secret.js'
import {fingerprintLive} from '../plan/compute-plan.js'
import {hash} from '../plan/fingerprint.js'
import type {Plan} from '../plan/plan.js'
import {planConfiguration} from '../plan/plan-configuration.js'
import {movedSincePlan, type SavedPlan} from '../plan/plan-file.js'
import {Emulator} from '../providers/emulator/emulator.js'
import {configFolder, emulatorOptions} from '../providers/emulator/options.js'
import type {Provider} from '../providers/provider.js'
import {type Credentials, loadCredentials} from '../providers/tencentcloud/credentials.js'
import {TencentCloudProvider} from '../providers/tencentcloud/provider.js'
import {StateRecord} from '../providers/tencentcloud/state-file.js'

export interface PlanningRequest {
  readonly paths: readonly string[]
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly targets?: readonly string[]
  readonly force?: boolean
  /** Backoff of the real provider's clients (tests and campaigns shorten it). */
  readonly retry?: {readonly retries?: number; readonly minDelayMs?: number}
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
      /** Hash of the configuration files as written (before any ${…} is resolved), to tell whether they changed. */
      readonly configHash: string
      /** Live state as the planner saw it, by address, to tell later whether it moved. */
      readonly live: ReadonlyMap<string, Resource>
    }

/**
 * Loads the configuration, opens its provider, reads live state and computes the plan. The caller owns
 * the provider and closes it. Configuration errors come back as diagnostics, with nothing opened.
 */
export async function planFromConfiguration(request: PlanningRequest): Promise<Planning> {
  const load = loadConfig(request.paths, {cwd: request.cwd, env: request.env})
  if (!load.config || hasErrors(load.diagnostics)) return {ok: false, diagnostics: load.diagnostics, files: load.files}
  const config = load.config
  const folder = configFolder(load.files, request.cwd)
  const opened = openProvider(config, folder, request)
  if ('problem' in opened) {
    const {source, ...problem} = opened.problem
    const where = source ?? locate(load.locations, problem.path).key
    const diagnostic: Diagnostic = {severity: 'error', ...problem, ...(where ? {source: where} : {})}
    return {ok: false, files: load.files, diagnostics: [...load.diagnostics, diagnostic]}
  }
  const {provider, label} = opened
  try {
    const planned = await planConfiguration(load, config, provider, {
      label,
      ...(request.targets ? {targets: request.targets} : {}),
      ...(request.force ? {force: true} : {}),
    })
    return {
      ok: true,
      plan: planned.plan,
      provider,
      secrets: planned.desired.secrets,
      load,
      folder,
      configHash: configurationHash(load.files, request.cwd),
      live: planned.live,
    }
  } catch (error) {
    provider.close()
    throw error
  }
}

/** Opens the provider the configuration names (the emulator unless it says tencentcloud), or says why it cannot. */
function openProvider(
  config: ChatcfgConfig,
  folder: string,
  request: PlanningRequest,
): {provider: Provider; label: string} | {problem: {code: DiagnosticCode; message: string; path: string; source?: SourceRange}} {
  const shown = (path: string) => {
    const relativePath = relative(request.cwd, path)
    return relativePath.startsWith('..') ? path : relativePath
  }
  const cloud = config.provider?.tencentcloud
  if (!cloud) {
    const options = emulatorOptions(config, folder, request.env)
    return {provider: Emulator.open(options), label: `emulator ${shown(options.path)}`}
  }
  let credentials: Credentials
  try {
    credentials = loadCredentials(request.env, cloud.credentialsFile ? resolve(folder, cloud.credentialsFile) : undefined)
  } catch (error) {
    return {problem: {code: 'config/credentials', message: (error as Error).message, path: '/provider/tencentcloud/credentialsFile'}}
  }
  if (!credentials.cloud) {
    return {
      problem: {
        code: 'config/credentials',
        message: 'no API key pair for the tencentcloud provider: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or name a credentialsFile',
        path: '/provider/tencentcloud',
      },
    }
  }
  const stateFile = resolve(folder, cloud.stateFile ?? 'chatcfg.state.json')
  const fingerprintKey = request.env.CHATCFG_FINGERPRINT_KEY?.trim()
  let record: StateRecord
  try {
    record = StateRecord.load(stateFile)
  } catch (error) {
    // A damaged record is a file of the user's: point at it.
    const start = {line: 1, column: 1, offset: 0}
    return {
      problem: {
        code: 'config/state-file',
        message: (error as Error).message,
        path: '/provider/tencentcloud/stateFile',
        source: {file: shown(stateFile), start, end: start},
      },
    }
  }
  const provider = new TencentCloudProvider({
    config,
    record,
    region: cloud.region,
    site: cloud.site ?? 'intl',
    uin: cloud.uin,
    admin: cloud.admin ?? 'administrator',
    stateFile,
    credentials,
    ...(cloud.endpoint ? {endpoint: cloud.endpoint} : {}),
    ...(fingerprintKey ? {fingerprintKey} : {}),
    ...(request.retry?.retries !== undefined ? {retries: request.retry.retries} : {}),
    ...(request.retry?.minDelayMs !== undefined ? {minRetryDelayMs: request.retry.minDelayMs} : {}),
  })
  const where = cloud.endpoint ? ` via ${cloud.endpoint}` : ''
  return {provider, label: `tencentcloud ${cloud.region}${where}, record ${shown(stateFile)}`}
}

/** Hash of the configuration files' text: secrets behind ${…} are not in it, and any edit changes it. */
export function configurationHash(files: readonly string[], cwd: string): string {
  return hash(files.map((file) => [file, readFileSync(resolve(cwd, file), 'utf8')]))
}

/**
 * Checks a saved plan against the present: the configuration must be unchanged and the live state of
 * every resource it changes must be as it was. Returns what moved, so the refusal can name it.
 */
export function stalePlanProblems(saved: SavedPlan, planning: Extract<Planning, {ok: true}>): string[] {
  const problems: string[] = []
  if (planning.configHash !== saved.configuration.hash) problems.push('the configuration files changed since the plan was made')
  const current = fingerprintLive(Object.keys(saved.plan.liveFingerprints), planning.live)
  // Secrets are not in the plan file: the values read now must be the ones the plan was made with.
  const changedSecrets = saved.plan.changes.filter((change) => secretMarks(change.after).some((fingerprint) => !planning.secrets.has(fingerprint)))
  if (changedSecrets.length > 0) problems.push(`secret values of ${changedSecrets.map((c) => c.address).join(', ')} differ from those the plan was made with`)
  const moved = movedSincePlan(saved.plan, current)
  if (moved.length > 0) {
    const named = moved.slice(0, 5).join(', ')
    problems.push(`live state of ${named}${moved.length > 5 ? ` and ${moved.length - 5} more` : ''} changed since the plan was made`)
  }
  return problems
}

/** Fingerprints of the secrets in a change's attributes. */
function secretMarks(attributes: Attributes | undefined): string[] {
  return Object.values(attributes ?? {}).flatMap((value) =>
    isSecretMark(value) ? [value[FINGERPRINT]] : value && typeof value === 'object' && !Array.isArray(value) ? secretMarks(value as Attributes) : [],
  )
}
