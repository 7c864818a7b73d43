import {relative, resolve} from 'node:path'
import {locate} from '../config/compose.js'
import type {ChatcfgConfig} from '../config/generated/config.js'
import type {LoadResult} from '../config/load.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {Emulator} from '../providers/emulator/emulator.js'
import {emulatorOptions} from '../providers/emulator/options.js'
import type {Provider} from '../providers/provider.js'
import {type Credentials, loadCredentials} from '../providers/tencentcloud/credentials.js'
import {StateRecord} from '../providers/tencentcloud/state-file.js'

export interface ProviderRequest {
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  /** Backoff of the clients that retry: the real provider's, and the emulator's own with faults on (tests and campaigns shorten it). */
  readonly retry?: {readonly retries?: number; readonly minDelayMs?: number}
}

/** An open provider and how a plan names it, or the located reason it cannot be opened. */
export type OpenedProvider = {readonly provider: Provider; readonly label: string} | {readonly problem: Diagnostic}

/** A path as the user would write it: relative to the working directory when below it. */
function shown(cwd: string, path: string): string {
  const relativePath = relative(cwd, path)
  return relativePath.startsWith('..') ? path : relativePath
}

/**
 * Opens the provider a loaded configuration names: the emulator beside it unless it says tencentcloud.
 * The caller owns the provider and closes it.
 */
export async function openProvider(load: LoadResult, config: ChatcfgConfig, folder: string, request: ProviderRequest): Promise<OpenedProvider> {
  const problem = (code: Diagnostic['code'], message: string, path: string, source = locate(load.locations, path).key): {problem: Diagnostic} => ({
    problem: {severity: 'error', code, message, path, ...(source ? {source} : {})},
  })
  const cloud = config.provider?.tencentcloud
  if (!cloud) {
    const options = emulatorOptions(config, folder, request.env)
    const retry = {
      ...(request.retry?.retries !== undefined ? {retries: request.retry.retries} : {}),
      ...(request.retry?.minDelayMs !== undefined ? {minRetryDelayMs: request.retry.minDelayMs} : {}),
    }
    return {provider: Emulator.open({...options, retry}), label: `emulator ${shown(request.cwd, options.path)}`}
  }
  let credentials: Credentials
  try {
    credentials = loadCredentials(request.env, cloud.credentialsFile ? resolve(folder, cloud.credentialsFile) : undefined)
  } catch (error) {
    return problem('config/credentials', (error as Error).message, '/provider/tencentcloud/credentialsFile')
  }
  if (!credentials.cloud) {
    const message = 'no API key pair for the tencentcloud provider: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or name a credentialsFile'
    return problem('config/credentials', message, '/provider/tencentcloud')
  }
  const stateFile = resolve(folder, cloud.stateFile ?? 'chatcfg.state.json')
  const fingerprintKey = request.env.CHATCFG_FINGERPRINT_KEY?.trim()
  let record: StateRecord
  try {
    record = StateRecord.load(stateFile)
  } catch (error) {
    // A damaged record is a file of the user's: point at it.
    const start = {line: 1, column: 1, offset: 0}
    return problem('config/state-file', (error as Error).message, '/provider/tencentcloud/stateFile', {file: shown(request.cwd, stateFile), start, end: start})
  }
  // The real service's clients are loaded only when a configuration names it: the emulator starts faster without them.
  const {TencentCloudProvider} = await import('../providers/tencentcloud/provider.js')
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
  return {provider, label: `tencentcloud ${cloud.region}${where}, record ${shown(request.cwd, stateFile)}`}
}
