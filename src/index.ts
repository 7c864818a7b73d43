/**
 * chatcfg as a library: everything the CLI does, without oclif. Data flows one way: files are read and
 * checked into a configuration, built into desired state, diffed against a provider's live state into a
 * plan (a plain value), which is rendered or applied.
 */

export {type ApplyReport, type ApplyResult, applyPlan} from './apply/apply-plan.js'
export {tc3Signature} from './auth/tc3.js'
export {DEFAULT_USERSIG_VALIDITY_SECONDS, generateUserSig, verifyUserSig} from './auth/usersig.js'
export type * from './config/generated/config.js'
export {type LoadOptions, type LoadResult, loadConfig} from './config/load.js'
export {configSchema} from './config/schema.js'
export {DIAGNOSTIC_CODES, type DiagnosticCode} from './diagnostics/codes.js'
export type {Diagnostic, Severity, SourcePosition, SourceRange} from './diagnostics/diagnostic.js'
export {hasErrors} from './diagnostics/diagnostic.js'
export {exportConfig} from './export/export-config.js'
export {buildDesired, type DesiredState} from './model/desired.js'
export {compileStatements, type PolicyTarget} from './model/policy.js'
export type {Attributes, Change, Resource, ResourceKind} from './model/resource.js'
export {computePlan, type PlanOptions} from './plan/compute-plan.js'
export type {ConsoleStep, Plan, PlannedChange, PlanSummary} from './plan/plan.js'
export {Emulator, type EmulatorOptions} from './providers/emulator/emulator.js'
export {type EmulatorServer, type ServeOptions, serveEmulator} from './providers/emulator/serve/server.js'
export type {LiveState, Provider} from './providers/provider.js'
export {loadCredentials} from './providers/tencentcloud/credentials.js'
export {type TencentCloudOptions, TencentCloudProvider} from './providers/tencentcloud/provider.js'
export {
  type DiagnosticFormat,
  formatDiagnostic,
  renderValidation,
  type ValidationReport,
} from './render/diagnostics.js'
export {type PlanFormat, renderPlan} from './render/plan.js'
export {webhookUrlProblem} from './rules/webhook-url.js'
