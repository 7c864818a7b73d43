import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {type AppKeySource, DEFAULT_KEY_ENV} from '../index.js'

/** Flags and arguments several commands share, declared once so they read the same everywhere. */

export const pathArgs = {paths: Args.string({description: 'configuration files or folders'})}

export const planFlags = {
  target: Flags.string({description: 'only this resource address and what is below it (repeatable)', multiple: true}),
  force: Flags.boolean({description: 'allow deleting more of a kind than the safety threshold'}),
}

export const emulatorArgs = {paths: Args.string({description: 'configuration files or folders (to find the emulator database beside them)'})}
export const emulatorFlags = {
  db: Flags.string({description: 'emulator database file; without it, the one the configuration names (default .chatcfg/emulator.db beside it)'}),
}

/** Where an app's secret key comes from: never a flag's value, which shells and process lists keep. */
export const appKeyFlags = {
  'key-env': Flags.string({description: 'environment variable holding the app secret key', default: DEFAULT_KEY_ENV}),
  'key-file': Flags.string({description: 'file holding the app secret key (its first line)', exclusive: ['key-env']}),
}

/** The key source the app key flags name. */
export function appKeySource(flags: {'key-env': string; 'key-file'?: string | undefined}): AppKeySource {
  return {keyEnv: flags['key-env'], ...(flags['key-file'] ? {keyFile: flags['key-file']} : {}), cwd: process.cwd(), env: process.env}
}

/** The one way to choose an output format, JSON included: `--format`, text by default. */
export function formatFlag<const T extends readonly ['text', ...string[]]>(formats: T, description = 'output format') {
  return Flags.option({description, options: formats, default: 'text' as T[number]})()
}
