import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {isSecretMark} from '../model/secret.js'
import {valueAt} from '../plan/diff.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {isBlocked} from '../plan/plan.js'
import {changeDetails, consoleStepLines, documentDiff} from './plan-text.js'
import {displayChange, displayValue, isLongText, isRecorded} from './values.js'

/** CI finds the comment it posted earlier by this marker and updates it in place. */
export const MARKDOWN_MARKER = '<!-- chatcfg-plan -->'
/** GitHub stops a comment at 65,536 characters; stay well below, whatever the plan's size. */
export const MARKDOWN_BUDGET = 60_000

const where = (d: Diagnostic) => (d.source ? ` (\`${d.source.file}:${d.source.start.line}:${d.source.start.column}\`)` : '')
const escapeHtml = (text: string) => text.replace(/[<>&]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;'})[c] ?? c)

function mark(change: PlannedChange): string {
  if (change.blockedBy.length > 0) return '!'
  return change.action === 'create' ? '+' : change.action === 'update' ? '~' : '-'
}

/** Lines of a diff block: what an update removes in red (-), what it sets in green (+). */
function diffLines(change: PlannedChange): string[] {
  switch (change.action) {
    case 'create':
      return changeDetails(change).map((line) => `+ ${line}`)
    case 'delete':
      return []
    case 'update':
      return change.changedPaths.flatMap((path) => {
        const before = valueAt(change.before, path)
        const after = valueAt(change.after, path)
        if (path === '(adopted)') return [`+ adopted: the live app app.${change.liveName} becomes ${change.address}`]
        if (isLongText(before) && isLongText(after)) return [`  ${path}:`, ...documentDiff(before, after)]
        if (isSecretMark(before) || isSecretMark(after)) return [`! ${path}: ${displayChange(before, after)}`]
        return [`- ${path}: ${displayValue(before)}${isRecorded(change, path) ? '  (recorded)' : ''}`, `+ ${path}: ${displayValue(after)}`]
      })
    default: {
      const unreachable: never = change.action
      return unreachable
    }
  }
}

function section(change: PlannedChange): string {
  const blocked = change.blockedBy.length > 0 ? ` — blocked by ${change.blockedBy.map((c) => `\`${c}\``).join(', ')}` : ''
  const lines = diffLines(change)
  if (change.manual) lines.push('# console steps:', ...consoleStepLines(change).map((line) => `#   ${line}`))
  const head = `<summary><code>${mark(change)} ${escapeHtml(change.address)}</code> ${change.action}${change.manual ? ' (manual)' : ''}${blocked}</summary>`
  if (lines.length === 0) return `<details>${head}</details>`
  return `<details>${head}\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n\n</details>`
}

/**
 * The plan as a pull-request comment: a one-line summary first, then problems, then changes with the
 * blocked and destructive ones first, each folded in <details>; kept under GitHub's size limit.
 */
export function renderPlanMarkdown(plan: Plan): string {
  const {create, update, delete: remove, blocked} = plan.summary
  const status = isBlocked(plan)
    ? '**blocked**: nothing will be applied until the problems below are fixed'
    : plan.changes.length === 0
      ? 'no changes'
      : 'ready to apply'
  const lines = [
    MARKDOWN_MARKER,
    `**chatcfg plan** — ${create} to create, ${update} to update, ${remove} to delete${blocked > 0 ? `, ${blocked} blocked` : ''}${plan.summary.manual ? `, ${plan.summary.manual} with console steps` : ''}; ${status}.`,
    '',
  ]
  const problems = plan.diagnostics.filter((d) => d.severity === 'error')
  const warnings = plan.diagnostics.filter((d) => d.severity === 'warning')
  if (problems.length > 0) lines.push('#### Problems', '', ...problems.map((d) => `- \`${d.code}\` ${escapeHtml(d.message)}${where(d)}`), '')
  if (warnings.length > 0) lines.push('#### Warnings', '', ...warnings.map((d) => `- \`${d.code}\` ${escapeHtml(d.message)}${where(d)}`), '')
  if (plan.changes.length > 0) {
    const priority = (c: PlannedChange) => (c.blockedBy.length > 0 ? 0 : c.action === 'delete' ? 1 : 2)
    const ordered = [...plan.changes].sort((a, b) => priority(a) - priority(b))
    lines.push('#### Changes', '')
    let size = lines.join('\n').length
    for (const [index, change] of ordered.entries()) {
      const text = section(change)
      if (size + text.length + 200 > MARKDOWN_BUDGET) {
        lines.push(`_…and ${ordered.length - index} more changes not shown here: the comment would pass GitHub's size limit. The job log has the whole plan._`)
        break
      }
      lines.push(text)
      size += text.length + 1
    }
  }
  return `${lines.join('\n')}\n`
}
