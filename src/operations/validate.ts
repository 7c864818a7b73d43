import type {ChatcfgConfig} from '../config/generated/config.js'
import {type LoadResult, loadConfig} from '../config/load.js'
import {hasErrors, sortDiagnostics} from '../diagnostics/diagnostic.js'
import type {ValidationReport} from '../render/diagnostics.js'
import {checkOfflineRules} from '../rules/check.js'
import {configPaths, NO_CONFIGURATION} from './config-paths.js'
import type {ConfigRequest} from './request.js'

/** A checked configuration: every problem found, and the configuration itself when there is no error. */
export interface Validation extends ValidationReport {
  readonly config?: ChatcfgConfig
  /** The loaded configuration, its diagnostics including the rules' and its `config` only when nothing is in error. */
  readonly load: LoadResult
}

/**
 * `chatcfg validate`, and the first stage of every plan: reads configuration files and checks them
 * offline, loading (YAML, references, the schema) and then every rule that needs no live state.
 */
export function validateConfiguration(request: ConfigRequest): Validation {
  const paths = configPaths(request.paths, request.cwd)
  const loaded = loadConfig(paths, {cwd: request.cwd, env: request.env, references: request.references})
  const found = paths.length > 0 ? loaded.diagnostics : [NO_CONFIGURATION]
  const diagnostics = sortDiagnostics([...found, ...checkOfflineRules(loaded)])
  // What the schema walk saw served the rules; dropping it here frees it before anything is planned.
  const {config: _unchecked, checked: _walked, ...rest} = loaded
  const config = hasErrors(diagnostics) ? undefined : loaded.config
  const load: LoadResult = {...rest, diagnostics, ...(config ? {config} : {})}
  return {
    load,
    ...(config ? {config} : {}),
    files: load.files,
    diagnostics,
    apps: Object.keys(config?.apps ?? {}).length,
    policies: Object.keys(config?.policies ?? {}).length,
  }
}
