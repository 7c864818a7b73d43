import {readFileSync} from 'node:fs'
import {readSavedPlan, type SavedPlan} from '../plan/plan-file.js'

/** Reads a saved plan from disk; a file that is not one is a one-line error. */
export function readPlanFile(path: string): SavedPlan {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  const {plan, problem} = readSavedPlan(text)
  if (!plan) throw new Error(`${path} ${problem}`)
  return plan
}
