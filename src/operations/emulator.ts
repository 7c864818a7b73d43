import {existsSync} from 'node:fs'
import {resolve} from 'node:path'
import type {ChatcfgConfig} from '../config/generated/config.js'
import {loadConfig} from '../config/load.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {databaseFileKind} from '../providers/emulator/database.js'
import {Emulator, type EmulatorOptions, type EmulatorStatus, resetEmulatorDatabase} from '../providers/emulator/emulator.js'
import {configFolder, emulatorOptions} from '../providers/emulator/options.js'
import type {EmulatorServer} from '../providers/emulator/serve/server.js'
import {loadCredentials} from '../providers/tencentcloud/credentials.js'
import type {Site} from '../wire/rest-v4.js'
import {configPaths, NO_CONFIGURATION} from './config-paths.js'
import type {ConfigRequest} from './request.js'

/** Which emulator an operation works on: a database file, or the one the configuration at `paths` names. */
export interface EmulatorRequest extends ConfigRequest {
  readonly db?: string
}

/** The emulator's options, or the configuration problems that hide where its database is. */
export type EmulatorTarget = {readonly ok: true; readonly options: EmulatorOptions} | {readonly ok: false; readonly diagnostics: readonly Diagnostic[]}

/** Which emulator database to work on: `db`, or the configuration's provider block and folder. */
export function emulatorTarget(request: EmulatorRequest): EmulatorTarget {
  const {cwd, env} = request
  if (request.db) return {ok: true, options: {path: resolve(cwd, request.db)}}
  const paths = configPaths(request.paths, cwd)
  if (paths.length === 0) return {ok: false, diagnostics: [NO_CONFIGURATION]}
  const loaded = loadConfig(paths, {cwd, env})
  // Only the provider block matters here: a secret missing from the environment elsewhere does not hide the database.
  const providerErrors = loaded.diagnostics.filter((d) => d.severity === 'error' && (d.path === undefined || d.path === '' || d.path.startsWith('/provider')))
  if (!loaded.merged || providerErrors.length > 0) return {ok: false, diagnostics: providerErrors.length > 0 ? providerErrors : loaded.diagnostics}
  return {ok: true, options: emulatorOptions(loaded.merged as unknown as ChatcfgConfig, configFolder(loaded.files, cwd), env)}
}

export type EmulatorStatusOutcome =
  | Extract<EmulatorTarget, {ok: false}>
  | {readonly ok: true; readonly path: string; readonly status?: EmulatorStatus}
  /** The file is there but cannot be opened as an emulator database. */
  | {readonly ok: true; readonly path: string; readonly unreadable: string}

/** `chatcfg emulator status`: what the emulator holds (no status when it has no database yet). */
export function emulatorStatus(request: EmulatorRequest): EmulatorStatusOutcome {
  const target = emulatorTarget(request)
  if (!target.ok) return target
  const {path} = target.options
  if (!existsSync(path)) return {ok: true, path}
  let emulator: Emulator
  try {
    emulator = Emulator.open({...target.options, create: false})
  } catch (error) {
    return {ok: true, path, unreadable: (error as Error).message}
  }
  try {
    return {ok: true, path, status: emulator.status()}
  } finally {
    emulator.close()
  }
}

export interface ResetRequest extends EmulatorRequest {
  /** Asked before anything is deleted, unless `force`; false keeps everything. */
  readonly confirm: (path: string) => Promise<boolean>
  readonly force: boolean
  readonly interactive: boolean
}

export type ResetOutcome =
  | Extract<EmulatorTarget, {ok: false}>
  | {readonly ok: true; readonly path: string; readonly outcome: 'absent' | 'declined' | 'emptied' | 'removed'}

/** `chatcfg emulator reset`: deletes everything the emulator holds, once confirmed, waiting for a running apply. */
export async function resetEmulator(request: ResetRequest): Promise<ResetOutcome> {
  const target = emulatorTarget(request)
  if (!target.ok) return target
  const {path} = target.options
  if (!existsSync(path)) return {ok: true, path, outcome: 'absent'}
  if (databaseFileKind(path) !== 'chatcfg') throw new Error(`${path} is not a chatcfg emulator database; chatcfg resets only its own databases`)
  if (!request.force) {
    if (!request.interactive) throw new Error(`emulator reset deletes everything in ${path}; pass --force to confirm without a terminal`)
    if (!(await request.confirm(path))) return {ok: true, path, outcome: 'declined'}
  }
  const outcome = await resetEmulatorDatabase(path)
  return {ok: true, path, outcome: outcome === 'removed' ? 'removed' : 'emptied'}
}

export interface ServeRequest extends EmulatorRequest {
  readonly host: string
  readonly port: number
  readonly allowRemote: boolean
  readonly latencyMs: number
  /** The site whose documented limits apply where the sites' pages differ. */
  readonly site?: Site
}

/** A served emulator: where it listens, and how to stop it and close its database. */
export interface ServedEmulator {
  readonly path: string
  readonly url: string
  readonly close: () => Promise<void>
}

export type ServeOutcome = Extract<EmulatorTarget, {ok: false}> | ({readonly ok: true} & ServedEmulator)

/** `chatcfg emulator serve`: the emulator over HTTP in the real wire formats, checking signatures against the account's keys from `env`. */
export async function serveEmulatorOver(request: ServeRequest): Promise<ServeOutcome> {
  const target = emulatorTarget(request)
  if (!target.ok) return target
  const credentials = loadCredentials(request.env)
  if (!credentials.cloud) throw new Error('set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY: the served emulator checks API 3.0 signatures against them')
  const {serveEmulator} = await import('../providers/emulator/serve/server.js')
  const emulator = Emulator.open(target.options)
  let server: EmulatorServer
  try {
    server = await serveEmulator(emulator, {
      host: request.host,
      port: request.port,
      allowRemote: request.allowRemote,
      latencyMs: request.latencyMs,
      ...(request.site ? {site: request.site} : {}),
      credentials: credentials.cloud,
      appSecretKey: (sdkAppId) => credentials.appSecretKey(sdkAppId),
    })
  } catch (error) {
    emulator.close()
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${request.port} on ${request.host} is in use; pick another with --port`)
    throw error
  }
  const close = async () => {
    await server.close()
    emulator.close()
  }
  return {ok: true, path: target.options.path, url: server.url, close}
}
