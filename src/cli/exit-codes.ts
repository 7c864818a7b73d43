import type {PlanStatus} from '../index.js'

/**
 * Exit codes are a published contract, identical in every output format:
 * 0 success or nothing to do, 1 error (bad input, API failure), 2 changes pending
 * (`plan --detailed-exitcode`), 3 plan blocked by a rule, 4 drift found, 5 every change an API can make
 * is applied and console steps are pending for an operator (`apply` without a terminal).
 */
export const ExitCode = {
  ok: 0,
  error: 1,
  changesPending: 2,
  blocked: 3,
  drift: 4,
  stepsPending: 5,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** 1 for bad input, 3 when a rule blocks the plan, 2 when changes are pending and the caller asked for it, else 0. */
export function exitCodeForPlan(status: PlanStatus, detailed: boolean): ExitCode {
  switch (status) {
    case 'input-error':
      return ExitCode.error
    case 'blocked':
      return ExitCode.blocked
    case 'changes':
      return detailed ? ExitCode.changesPending : ExitCode.ok
    case 'no-changes':
      return ExitCode.ok
    default: {
      const unreachable: never = status
      return unreachable
    }
  }
}
