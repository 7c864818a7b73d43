import {dirname, resolve} from 'node:path'
import type {ChatcfgConfig} from '../../config/generated/config.js'
import type {EmulatorOptions} from './emulator.js'
import {type FaultOptions, NO_FAULTS, parseFaultSpec} from './faults.js'

export const DEFAULT_EMULATOR_PATH = '.chatcfg/emulator.db'

/**
 * Emulator options from the configuration's provider block: the database beside the configuration
 * (`.chatcfg/emulator.db` unless set), the emulated account, and faults (CHATCFG_EMULATOR_FAULTS wins).
 */
export function emulatorOptions(config: ChatcfgConfig | undefined, configFolder: string, env: Readonly<Record<string, string | undefined>>): EmulatorOptions {
  const block = config?.provider?.emulator
  const faults: FaultOptions = env.CHATCFG_EMULATOR_FAULTS ? parseFaultSpec(env.CHATCFG_EMULATOR_FAULTS) : {...NO_FAULTS, ...(block?.faults ?? {})}
  return {
    path: resolve(configFolder, block?.path ?? DEFAULT_EMULATOR_PATH),
    faults,
    account: block?.account ?? {},
  }
}

/** The folder a configuration lives in: that of its first file, or the working directory. */
export function configFolder(files: readonly string[], cwd: string): string {
  return files.length > 0 ? dirname(resolve(cwd, files[0])) : cwd
}
