import {applyPlan} from '../../src/apply/apply-plan.js'
import {planConfiguration} from '../../src/operations/plan-configuration.js'
import type {Plan} from '../../src/plan/plan.js'
import type {Emulator} from '../../src/providers/emulator/emulator.js'
import {loadChecked, workspace} from '../helpers.js'

export interface PlanOutcome {
  readonly plan: Plan
  readonly secrets: ReadonlyMap<string, string>
}

/** Plans a configuration (written to chatcfg.yaml in a fresh folder) against an emulator, as the CLI does. */
export async function planFor(
  emulator: Emulator,
  yaml: string,
  options: {env?: Record<string, string>; targets?: string[]; force?: boolean} = {},
): Promise<PlanOutcome> {
  const cwd = workspace({'chatcfg.yaml': yaml})
  const load = loadChecked(['chatcfg.yaml'], {cwd, env: options.env ?? {}})
  if (!load.config) throw new Error(`invalid configuration in test: ${load.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  const {plan, desired} = await planConfiguration(load, load.config, emulator, {
    label: 'emulator',
    ...(options.targets ? {targets: options.targets} : {}),
    ...(options.force ? {force: true} : {}),
  })
  return {plan, secrets: desired.secrets}
}

/** Plans and applies a configuration; fails the test if the plan is blocked or the apply fails. */
export async function converge(emulator: Emulator, yaml: string, options: {env?: Record<string, string>; force?: boolean} = {}): Promise<Plan> {
  const {plan, secrets} = await planFor(emulator, yaml, options)
  const errors = plan.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0 || plan.summary.blocked > 0) throw new Error(`plan blocked in test: ${errors.map((d) => d.code).join(', ')}`)
  const report = await applyPlan(plan, emulator, secrets)
  if (!report.ok) throw new Error(`apply failed in test: ${JSON.stringify(report.results.filter((r) => r.status === 'failed'))}`)
  return plan
}

/** `action address` for each change, `!` marking blocked ones: the shape scenario tests compare. */
export function actions(plan: Plan): string[] {
  return plan.changes.map((c) => `${c.blockedBy.length > 0 ? '!' : ''}${c.action} ${c.address}`)
}

export function errorCodes(plan: Plan): string[] {
  return plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)
}
