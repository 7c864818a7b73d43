/**
 * chatcfg as a library: everything the CLI does, without oclif. Data flows one way: files are read and
 * checked into a configuration, built into desired state, diffed against a provider's live state into a
 * plan (a plain value), which is rendered or applied. The operations are what a user does; the rest are
 * the stages they compose, for callers that need one of them alone.
 */

export {type ApplyReport, type ApplyResult, applyPlan} from './apply/apply-plan.js'
export {tc3Signature} from './auth/tc3.js'
export {DEFAULT_USERSIG_VALIDITY_SECONDS, generateUserSig, verifyUserSig} from './auth/usersig.js'
export type * from './config/generated/config.js'
export {type LoadOptions, type LoadResult, loadConfig} from './config/load.js'
export {configSchema} from './config/schema.js'
export {closest} from './config/suggest.js'
export {DIAGNOSTIC_CODES, type DiagnosticCode} from './diagnostics/codes.js'
export type {Diagnostic, Severity, SourcePosition, SourceRange} from './diagnostics/diagnostic.js'
export {hasErrors} from './diagnostics/diagnostic.js'
export {exportConfig} from './export/export-config.js'
export type {ConsoleStep} from './model/console-steps.js'
export {buildDesired, type DesiredState} from './model/desired.js'
export type {LiveState} from './model/live.js'
export {compileStatements, type PolicyTarget} from './model/policy.js'
export type {Attributes, Change, Resource, ResourceKind} from './model/resource.js'
export {type ApplyHooks, type ApplyOutcome, type ApplyRequest, applyFromFiles} from './operations/apply.js'
export {type DriftOutcome, detectDrift} from './operations/drift.js'
export {
  type EmulatorRequest,
  type EmulatorStatusOutcome,
  emulatorStatus,
  emulatorTarget,
  type ResetOutcome,
  type ResetRequest,
  resetEmulator,
  type ServedEmulator,
  type ServeOutcome,
  type ServeRequest,
  serveEmulatorOver,
} from './operations/emulator.js'
export {type ExportOutcome, type ExportRequest, exportLiveState} from './operations/export.js'
export {type InitOutcome, type InitRequest, initRepository, WORKFLOW_TEMPLATES} from './operations/init.js'
export {
  type Invalid,
  type PlanFilesRequest,
  type Planning,
  type PlanOutcome,
  type PlanRequest,
  type PlanStatus,
  planFromFiles,
  planStatus,
  preparePlan,
} from './operations/plan.js'
export {type PlanConfigurationOptions, type PlannedConfiguration, planConfiguration} from './operations/plan-configuration.js'
export {type OpenedProvider, openProvider} from './operations/provider.js'
export type {ConfigRequest} from './operations/request.js'
export {readPlanFile, stalePlanProblems} from './operations/saved-plan.js'
export {
  type ConfirmOutcome,
  type ConfirmRequest,
  confirmConsoleSteps,
  listConsoleSteps,
  parseSdkAppIds,
  type StepsOutcome,
} from './operations/steps.js'
export {type SynthOutcome, type SynthRequest, synthesizeTerraform} from './operations/synth.js'
export {
  type AppKeySource,
  checkUserSig,
  DEFAULT_KEY_ENV,
  type IssuedUserSig,
  issueUserSig,
  readAppSecretKey,
  type UserSigCheck,
  type UserSigRequest,
  type UserSigVerdict,
} from './operations/usersig.js'
export {type Validation, validateConfiguration} from './operations/validate.js'
export {computePlan, type PlanOptions} from './plan/compute-plan.js'
export type {Plan, PlannedChange, PlanSummary} from './plan/plan.js'
export type {SavedPlan} from './plan/plan-file.js'
export {Emulator, type EmulatorOptions, type EmulatorStatus} from './providers/emulator/emulator.js'
export type {EmulatorServer, ServeOptions} from './providers/emulator/serve/server.js'
export type {Provider} from './providers/provider.js'
export {loadCredentials} from './providers/tencentcloud/credentials.js'
export type {TencentCloudOptions, TencentCloudProvider} from './providers/tencentcloud/provider.js'
export {
  type DiagnosticFormat,
  formatDiagnostic,
  renderValidation,
  type ValidationReport,
} from './render/diagnostics.js'
export {type PlanFormat, renderPlan} from './render/plan.js'
export {webhookUrlProblem} from './rules/webhook-url.js'
