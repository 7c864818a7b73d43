import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import * as Flags from '@oclif/core/flags'

export const DEFAULT_KEY_ENV = 'CHATCFG_APP_SECRET_KEY'

/** Where an app's secret key comes from: never a flag's value, which shells and process lists keep. */
export const appKeyFlags = {
  'key-env': Flags.string({description: 'environment variable holding the app secret key', default: DEFAULT_KEY_ENV}),
  'key-file': Flags.string({description: 'file holding the app secret key (its first line)', exclusive: ['key-env']}),
}

/** The app secret key named by the flags, or a one-line reason it is not there. */
export function readAppSecretKey(flags: {'key-env': string; 'key-file'?: string | undefined}, cwd: string, env: NodeJS.ProcessEnv): string {
  if (flags['key-file']) {
    let text: string
    try {
      text = readFileSync(resolve(cwd, flags['key-file']), 'utf8')
    } catch (error) {
      throw new Error(`cannot read the key file ${flags['key-file']}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    const key = text.split(/\r?\n/)[0]?.trim() ?? ''
    if (key === '') throw new Error(`the key file ${flags['key-file']} is empty`)
    return key
  }
  const key = env[flags['key-env']]?.trim()
  if (!key) throw new Error(`set ${flags['key-env']} to the app's secret key (Console → Applications → the app → Basic Information), or pass --key-file`)
  return key
}
