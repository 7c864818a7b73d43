import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {isBlocked} from '../plan/plan.js'

function location(source: Diagnostic['source']) {
  return source ? {file: source.file, line: source.start.line, column: source.start.column} : undefined
}

function change(c: PlannedChange) {
  return {
    address: c.address,
    kind: c.kind,
    action: c.action,
    blocked: c.blockedBy.length > 0,
    blockedBy: c.blockedBy,
    changedPaths: c.changedPaths,
    before: c.before ?? null,
    after: c.after ?? null,
    ...(c.liveName !== undefined ? {liveName: c.liveName} : {}),
    ...(c.source ? {source: location(c.source)} : {}),
    ...(c.manual ? {manual: c.manual} : {}),
    ...(c.recorded ? {recorded: c.recorded} : {}),
  }
}

/**
 * The plan for machines, described by schemas/plan.schema.json. Secrets appear only as keyed
 * fingerprints (`{"$fingerprint": …}`), which show that a value changed without revealing it.
 */
export function renderPlanJson(plan: Plan): string {
  const body = {
    formatVersion: plan.formatVersion,
    provider: plan.provider,
    blocked: isBlocked(plan),
    summary: plan.summary,
    changes: plan.changes.map(change),
    diagnostics: plan.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.path !== undefined ? {path: d.path} : {}),
      ...(d.source ? {source: location(d.source)} : {}),
    })),
    fingerprint: plan.fingerprint,
    liveFingerprints: plan.liveFingerprints,
  }
  return `${JSON.stringify(body, null, 2)}\n`
}
