import {canonicalJson} from '../model/canonical.js'
import type {Plan, PlannedChange} from './plan.js'

/** What each change says about the apply, compared field by field: where it was declared is not part of it. */
const CHANGE_FIELDS = ['kind', 'appKey', 'name', 'liveName', 'before', 'after', 'changedPaths', 'blockedBy', 'manual', 'recorded'] as const

// The same value is the same without serializing it: apply compares a plan with itself when live state has not moved.
const same = (a: unknown, b: unknown) => a === b || canonicalJson(a ?? null) === canonicalJson(b ?? null)

/** The first attribute path under which two values differ (`webhook.url`), or '' when they differ at the top. */
function firstDifferingPath(a: unknown, b: unknown, prefix = ''): string {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isRecord(a) || !isRecord(b)) return prefix
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!same(a[key], b[key])) return firstDifferingPath(a[key], b[key], prefix ? `${prefix}.${key}` : key)
  }
  return prefix
}

function describe(change: PlannedChange): string {
  return `${change.action} ${change.address} (wave ${change.wave})`
}

/**
 * The first way `expected` (a saved or earlier plan) differs from `actual` (the plan made now), as one
 * phrase naming the change and the field, or undefined when they make the same changes in the same order
 * and waves. Values are never quoted: they may be secrets' fingerprints or hosts an attacker chose.
 */
export function firstPlanDifference(expected: Plan, actual: Plan, earlier = 'the earlier plan'): string | undefined {
  const count = Math.max(expected.changes.length, actual.changes.length)
  for (let index = 0; index < count; index++) {
    const was = expected.changes[index]
    const now = actual.changes[index]
    const position = `change ${index + 1}`
    if (!was && now) return `${position}: ${describe(now)} is not in ${earlier}`
    if (was && !now) return `${position}: ${describe(was)} is in ${earlier}, not in the plan made now`
    if (!was || !now) continue
    if (was.address !== now.address || was.action !== now.action) return `${position}: ${earlier} has ${describe(was)}, now it is ${describe(now)}`
    if (was.wave !== now.wave) return `${position}: ${now.address} is in wave ${was.wave} in ${earlier}, wave ${now.wave} now`
    for (const field of CHANGE_FIELDS) {
      if (same(was[field], now[field])) continue
      const path = field === 'before' || field === 'after' ? firstDifferingPath(was[field], now[field]) : ''
      return `${position}: ${now.address} has a different ${field}${path ? ` of ${path}` : ''} than in ${earlier}`
    }
  }
  return undefined
}

/**
 * Whether a saved plan's live fingerprints cover exactly what the plan made now was computed against and
 * match it: a missing, extra or different fingerprint names its address. Missing ones are a refusal, not a pass.
 */
export function liveFingerprintDifference(expected: Plan, actual: Plan): string | undefined {
  const saved = expected.liveFingerprints
  for (const [address, fingerprint] of Object.entries(actual.liveFingerprints)) {
    if (!Object.hasOwn(saved, address)) return `it has no live fingerprint for ${address}`
    if (saved[address] !== fingerprint) return `live state of ${address} changed since the plan was made`
  }
  const extra = Object.keys(saved).find((address) => !Object.hasOwn(actual.liveFingerprints, address))
  return extra === undefined ? undefined : `it has a live fingerprint for ${extra}, which the plan does not change`
}
