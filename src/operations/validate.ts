import type {ChatcfgConfig} from '../config/generated/config.js'
import {type LoadResult, loadConfig} from '../config/load.js'
import type {ValidationReport} from '../render/diagnostics.js'
import {configPaths} from './config-paths.js'
import type {ConfigRequest} from './request.js'

/** A checked configuration: every problem found, and the configuration itself when there is no error. */
export interface Validation extends ValidationReport {
  readonly config?: ChatcfgConfig
  readonly load: LoadResult
}

/** Reads configuration files and checks them offline: YAML, references, the schema and every rule that needs no live state. */
export function validateConfiguration(request: ConfigRequest): Validation {
  const load = loadConfig(configPaths(request.paths, request.cwd), {cwd: request.cwd, env: request.env})
  return {
    load,
    ...(load.config ? {config: load.config} : {}),
    files: load.files,
    diagnostics: load.diagnostics,
    apps: Object.keys(load.config?.apps ?? {}).length,
    policies: Object.keys(load.config?.policies ?? {}).length,
  }
}
