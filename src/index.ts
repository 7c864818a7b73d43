/**
 * chatcfg as a library: everything the CLI does, without oclif. Data flows one way: files are read
 * into sources, checked into a configuration, and reported as diagnostics.
 */

export type * from './config/generated/config.js'
export {type LoadOptions, type LoadResult, loadConfig} from './config/load.js'
export {configSchema} from './config/schema.js'
export {DIAGNOSTIC_CODES, type DiagnosticCode} from './diagnostics/codes.js'
export type {Diagnostic, Severity, SourcePosition, SourceRange} from './diagnostics/diagnostic.js'
export {hasErrors} from './diagnostics/diagnostic.js'
export {compileStatements, type PolicyTarget} from './model/policy.js'
export {
  type DiagnosticFormat,
  formatDiagnostic,
  renderValidation,
  type ValidationReport,
} from './render/diagnostics.js'
export {webhookUrlProblem} from './rules/webhook-url.js'
