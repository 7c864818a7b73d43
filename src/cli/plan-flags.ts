import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import type {Plan} from '../plan/plan.js'
import {hasChanges, isBlocked} from '../plan/plan.js'
import {ExitCode} from './exit-codes.js'

export const planArgs = {paths: Args.string({description: 'configuration files or folders'})}

export const planFlags = {
  target: Flags.string({description: 'only this resource address and what is below it (repeatable)', multiple: true}),
  force: Flags.boolean({description: 'allow deleting more of a kind than the safety threshold'}),
}

/** Problems with what the user asked for, rather than rules refusing a change: exit 1, not 3. */
const INPUT_ERRORS: ReadonlySet<string> = new Set(['plan/target-not-found', 'plan/unknown-app'])

/** 1 for bad input, 3 when a rule blocks the plan, 2 when changes are pending and the caller asked for it, else 0. */
export function exitCodeForPlan(plan: Plan, detailed: boolean): ExitCode {
  if (plan.diagnostics.some((d) => d.severity === 'error' && INPUT_ERRORS.has(d.code))) return ExitCode.error
  if (isBlocked(plan)) return ExitCode.blocked
  return detailed && hasChanges(plan) ? ExitCode.changesPending : ExitCode.ok
}
