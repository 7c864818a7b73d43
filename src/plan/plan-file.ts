import {planFingerprint} from './fingerprint.js'
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
  const plan = saved.plan
  const wellFormed =
    plan &&
    Array.isArray(plan.changes) &&
    plan.changes.every(
      (c) =>
        typeof c?.address === 'string' &&
        typeof c.kind === 'string' &&
        ['create', 'update', 'delete'].includes(c.action) &&
        Array.isArray(c.blockedBy) &&
        typeof c.wave === 'number',
    ) &&
    Array.isArray(plan.diagnostics) &&
    typeof plan.summary === 'object' &&
    typeof plan.liveFingerprints === 'object' &&
    typeof plan.fingerprint === 'string' &&
    Array.isArray(saved.configuration?.files) &&
    typeof saved.configuration?.hash === 'string'
  if (!wellFormed) return {problem: 'is not a complete chatcfg plan file'}
  // The fingerprint covers the changes: a plan edited after it was reviewed is not applied.
  if (planFingerprint(plan.changes) !== plan.fingerprint) return {problem: 'was changed after it was made: its changes no longer match its fingerprint'}
  return {plan: saved as SavedPlan}
}

/** Addresses whose live state moved since the plan was computed: the plan no longer describes what apply would do. */
export function movedSincePlan(plan: Plan, current: Readonly<Record<string, string>>): string[] {
  return Object.entries(plan.liveFingerprints)
    .filter(([address, fingerprint]) => current[address] !== fingerprint)
    .map(([address]) => address)
}
