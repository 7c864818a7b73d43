/**
 * Exit codes are a published contract, identical in every output format:
 * 0 success or nothing to do, 1 error (bad input, API failure), 2 changes pending
 * (`plan --detailed-exitcode`), 3 plan blocked by a rule, 4 drift found.
 */
export const ExitCode = {
  ok: 0,
  error: 1,
  changesPending: 2,
  blocked: 3,
  drift: 4,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
