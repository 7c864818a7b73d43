import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import type {Attributes} from '../model/resource.js'
import {FINGERPRINT, isSecretMark} from '../model/secret.js'
import {fingerprintLive} from '../plan/compute-plan.js'
import {movedSincePlan, readSavedPlan, type SavedPlan} from '../plan/plan-file.js'
import type {Planning} from './plan.js'

/** `chatcfg show`, and the first step of applying a saved plan: reads a plan file; one that is not one is a one-line error. */
export function readPlanFile(path: string, cwd = process.cwd()): SavedPlan {
  let text: string
  try {
    text = readFileSync(resolve(cwd, path), 'utf8')
  } catch (error) {
    throw new Error(`cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  const {plan, problem} = readSavedPlan(text)
  if (!plan) throw new Error(`${path} ${problem}`)
  return plan
}

/**
 * Checks a saved plan against the present: the configuration must be unchanged and the live state of
 * every resource it changes must be as it was. Returns what moved, so the refusal can name it.
 */
export function stalePlanProblems(saved: SavedPlan, planning: Extract<Planning, {ok: true}>): string[] {
  const problems: string[] = []
  if (planning.configHash !== saved.configuration.hash) problems.push('the configuration files changed since the plan was made')
  const current = fingerprintLive(Object.keys(saved.plan.liveFingerprints), planning.live)
  // Secrets are not in the plan file: the values read now must be the ones the plan was made with.
  const changedSecrets = saved.plan.changes.filter((change) => secretMarks(change.after).some((fingerprint) => !planning.secrets.has(fingerprint)))
  if (changedSecrets.length > 0) problems.push(`secret values of ${changedSecrets.map((c) => c.address).join(', ')} differ from those the plan was made with`)
  const moved = movedSincePlan(saved.plan, current)
  if (moved.length > 0) {
    const named = moved.slice(0, 5).join(', ')
    problems.push(`live state of ${named}${moved.length > 5 ? ` and ${moved.length - 5} more` : ''} changed since the plan was made`)
  }
  return problems
}

/** Fingerprints of the secrets in a change's attributes. */
function secretMarks(attributes: Attributes | undefined): string[] {
  return Object.values(attributes ?? {}).flatMap((value) =>
    isSecretMark(value) ? [value[FINGERPRINT]] : value && typeof value === 'object' && !Array.isArray(value) ? secretMarks(value as Attributes) : [],
  )
}
