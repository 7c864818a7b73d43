import {valueAt} from '../model/attributes.js'
import {hasDrift, type Plan} from '../plan/plan.js'
import {formatDiagnostic} from './diagnostics.js'
import {displayValue, isRecorded} from './values.js'

/** Each difference between live state and the configuration, one line per value. Read-only. */
export function renderDriftText(plan: Plan, options: {color: boolean}): string {
  const lines: string[] = plan.diagnostics.map((d) => formatDiagnostic(d, options))
  for (const change of plan.changes) {
    switch (change.action) {
      case 'create':
        lines.push(`${change.address}: in the configuration, ${change.manual ? 'not in the record of console steps' : 'missing live'}`)
        break
      case 'delete':
        lines.push(`${change.address}: live, and the configuration asks for it to go`)
        break
      case 'update':
        for (const path of change.changedPaths) {
          if (path === '(adopted)') lines.push(`${change.address}: the live app is app.${change.liveName}, not yet under this key`)
          else {
            // A console setting's value comes from the record of confirmed steps, not from the service: say so.
            const origin = isRecorded(change, path) ? 'in the record' : 'live'
            lines.push(
              `${change.address}: ${path} is ${displayValue(valueAt(change.before, path))} ${origin}, ${displayValue(valueAt(change.after, path))} in the configuration`,
            )
          }
        }
        break
      default: {
        const unreachable: never = change.action
        return unreachable
      }
    }
  }
  lines.push(
    hasDrift(plan)
      ? `Drift: live state differs from the configuration (${plan.changes.length} resource${plan.changes.length === 1 ? '' : 's'}).`
      : 'No drift: live state matches the configuration.',
  )
  return `${lines.join('\n')}\n`
}
