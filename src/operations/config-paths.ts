import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {Diagnostic} from '../diagnostics/diagnostic.js'

/** What chatcfg reads when given no paths, in order: the first that exists in the working directory. */
const DEFAULT_PATHS = ['chatcfg.yaml', 'chatcfg.yml', 'chatcfg']

/** The configuration paths a command was given, or else the default one that exists; empty when there is none. */
export function configPaths(given: readonly unknown[], cwd: string): string[] {
  if (given.length > 0) return given.map(String)
  const found = DEFAULT_PATHS.find((candidate) => existsSync(join(cwd, candidate)))
  return found ? [found] : []
}

/** Nothing given and nothing found: say where chatcfg looked, the chatcfg/ folder included. */
export const NO_CONFIGURATION: Diagnostic = {
  severity: 'error',
  code: 'config/no-input',
  message:
    'no configuration here: chatcfg reads chatcfg.yaml (or chatcfg.yml), or else every .yaml and .yml file below a chatcfg/ folder, from the working directory; or give the files and folders to read',
}
