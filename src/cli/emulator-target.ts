import {resolve} from 'node:path'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import type {ChatcfgConfig} from '../config/generated/config.js'
import {loadConfig} from '../config/load.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {EmulatorOptions} from '../providers/emulator/emulator.js'
import {configFolder, emulatorOptions} from '../providers/emulator/options.js'
import {configPaths} from './config-paths.js'

export const emulatorArgs = {paths: Args.string({description: 'configuration files or folders (to find the emulator database beside them)'})}
export const emulatorFlags = {
  db: Flags.string({description: 'emulator database file; without it, the one the configuration names (default .chatcfg/emulator.db beside it)'}),
}

/** Which emulator database a command works on: --db, or the configuration's provider block and folder. */
export function emulatorTarget(
  argv: readonly string[],
  db: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv,
): {options?: EmulatorOptions; diagnostics: readonly Diagnostic[]} {
  if (db) return {options: {path: resolve(cwd, db)}, diagnostics: []}
  const paths = configPaths(argv, cwd)
  const loaded = loadConfig(paths, {cwd, env})
  // Only the provider block matters here: a secret missing from the environment elsewhere does not hide the database.
  const providerErrors = loaded.diagnostics.filter((d) => d.severity === 'error' && (d.path === undefined || d.path === '' || d.path.startsWith('/provider')))
  if (!loaded.merged || providerErrors.length > 0) return {diagnostics: providerErrors.length > 0 ? providerErrors : loaded.diagnostics}
  return {options: emulatorOptions(loaded.merged as unknown as ChatcfgConfig, configFolder(loaded.files, cwd), env), diagnostics: []}
}
