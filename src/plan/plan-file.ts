import type {Plan} from './plan.js'

/** What a saved plan records besides the plan: what it was computed against. */
export interface SavedPlan {
  readonly formatVersion: 1
  readonly kind: 'chatcfg-plan'
  readonly tool: {readonly name: 'chatcfg'; readonly version: string}
  /** The configuration files (relative to the folder the plan was made in) and a hash of their merged content. */
  readonly configuration: {readonly files: readonly string[]; readonly hash: string}
  readonly plan: Plan
}

export function savePlan(plan: Plan, configuration: SavedPlan['configuration'], version: string): string {
  const saved: SavedPlan = {formatVersion: 1, kind: 'chatcfg-plan', tool: {name: 'chatcfg', version}, configuration, plan}
  return `${JSON.stringify(saved, null, 2)}\n`
}

/** Reads a saved plan, or says why the text is not one. */
export function readSavedPlan(text: string): {plan?: SavedPlan; problem?: string} {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return {problem: 'is not JSON'}
  }
  const saved = value as Partial<SavedPlan> | null
  if (saved?.kind !== 'chatcfg-plan') return {problem: 'is not a chatcfg plan file'}
  if (saved.formatVersion !== 1) return {problem: `has plan format ${String(saved.formatVersion)}; this chatcfg reads format 1`}
  if (!saved.plan || !Array.isArray(saved.plan.changes) || !saved.configuration || !Array.isArray(saved.configuration.files)) return {problem: 'is incomplete'}
  return {plan: saved as SavedPlan}
}

/** Addresses whose live state moved since the plan was computed: the plan no longer describes what apply would do. */
export function movedSincePlan(plan: Plan, current: Readonly<Record<string, string>>): string[] {
  return Object.entries(plan.liveFingerprints)
    .filter(([address, fingerprint]) => current[address] !== fingerprint)
    .map(([address]) => address)
}
