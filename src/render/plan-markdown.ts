import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {valueAt} from '../model/attributes.js'
import {isSecretMark} from '../model/secret.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {isBlocked} from '../plan/plan.js'
import {allocate, fitting, sizeOf} from './budget.js'
import {whoMakesChanges} from './console-steps.js'
import type {ValidationReport} from './diagnostics.js'
import {type ChangeGroup, compactKeys, type DiagnosticGroup, groupChanges, groupDiagnostics, type Losses, lossesOf} from './plan-digest.js'
import {attributeLines, changeDetails, consoleStepLines, documentDiff} from './plan-text.js'
import {displayChange, displayValue, isLongText, isRecorded} from './values.js'

/** CI finds the comment it posted earlier by this marker and updates it in place. */
export const MARKDOWN_MARKER = '<!-- chatcfg-plan -->'
/** GitHub refuses a comment over 65,536 characters; stay below it with room to spare, whatever the plan's size. */
export const MARKDOWN_BUDGET = 60_000
/**
 * A job summary ($GITHUB_STEP_SUMMARY) may take 1 MiB per step. A character of a JavaScript string takes
 * at most 3 bytes in UTF-8, so this many characters always fit.
 */
export const JOB_SUMMARY_BUDGET = 340_000

export interface MarkdownOptions {
  /**
   * Where the whole plan can be read when this comment has to be cut, as the end of "The whole plan is in …":
   * for example "the job summary of this run" or "the saved plan `plan.json`". Without it, the note says to
   * run `chatcfg plan`.
   */
  readonly wholePlan?: string
  /** Characters the document may take; {@link MARKDOWN_BUDGET} for a pull-request comment. */
  readonly budget?: number
}

/** A part of the comment that can be cut: its heading, its items in order, and how to count what is left out. */
interface Section {
  readonly title: string
  readonly items: readonly string[]
  /** How many plan entries (changes, problems) each item stands for, to count what was not shown. */
  readonly counts: readonly number[]
  readonly noun: readonly [singular: string, plural: string]
  readonly weight: number
  /** Lists end with a blank line; folded <details> blocks end on their own. */
  readonly blankAfter: boolean
}

const where = (source: Diagnostic['source']) => (source ? `\`${source.file}:${source.start.line}:${source.start.column}\`` : '')
const escapeHtml = (text: string) => text.replace(/[<>&]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;'})[c] ?? c)
const plural = (count: number, [one, many]: readonly [string, string]) => `${count} ${count === 1 ? one : many}`
/** Room kept for the note that says what was cut and where the whole plan is. */
const NOTE_RESERVE = 800
/** The banner lists at most this many characters of addresses per line; the rest are counted. */
const BANNER_LIST = 1_500

function mark(change: PlannedChange): string {
  if (change.blockedBy.length > 0) return '!'
  return change.action === 'create' ? '+' : change.action === 'update' ? '~' : '-'
}

/** Lines of a diff block: what a change removes in red (-), what it sets in green (+). A deletion shows every value it takes away. */
function diffLines(change: PlannedChange): string[] {
  switch (change.action) {
    case 'create':
      return changeDetails(change).map((line) => `+ ${line}`)
    case 'delete':
      return attributeLines(change.before ?? {}).map((line) => `- ${line}`)
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

function changeItem({change, address, apps}: ChangeGroup): string {
  const blocked = change.blockedBy.length > 0 ? ` — blocked by ${change.blockedBy.map((c) => `\`${c}\``).join(', ')}` : ''
  const many = apps.length > 1 ? ` — the same change in ${apps.length} apps` : ''
  const lines = diffLines(change)
  if (change.manual) lines.push('# console steps:', ...consoleStepLines(change).map((line) => `#   ${line}`))
  const head = `<summary><code>${mark(change)} ${escapeHtml(address)}</code> ${change.action}${change.manual ? ' (manual)' : ''}${blocked}${many}</summary>`
  const appList = apps.length > 1 ? `\n\nApps: ${escapeHtml(compactKeys(apps))}` : ''
  if (lines.length === 0 && appList === '') return `<details>${head}</details>`
  const diff = lines.length > 0 ? `\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`` : ''
  return `<details>${head}${appList}${diff}\n\n</details>`
}

function diagnosticItem(group: DiagnosticGroup): string {
  const {diagnostic, message, apps, sources} = group
  const places = new Set(sources.map(where))
  const first = sources[0]
  const located =
    first === undefined ? '' : places.size === 1 ? ` (${where(first)})` : ` (${where(first)} and ${places.size - 1} more place${places.size === 2 ? '' : 's'})`
  const spread = apps.length > 1 ? ` — in ${apps.length} apps: ${compactKeys(apps)}` : ''
  return `- \`${diagnostic.code}\` ${escapeHtml(message)}${escapeHtml(spread)}${located}`
}

function diagnosticSections(diagnostics: readonly Diagnostic[]): Section[] {
  const section = (title: string, severity: Diagnostic['severity'], noun: readonly [string, string], weight: number): Section => {
    const groups = groupDiagnostics(diagnostics.filter((d) => d.severity === severity))
    return {title, items: groups.map(diagnosticItem), counts: groups.map((g) => Math.max(1, g.apps.length)), noun, weight, blankAfter: true}
  }
  return [section('Problems', 'error', ['problem', 'problems'], 3), section('Warnings', 'warning', ['warning', 'warnings'], 1)]
}

/** The banner: anything deleted, removed or replaced stands out at the top, whatever else the plan does. */
function banner(losses: Losses): string[] {
  const list = (addresses: readonly string[]) => escapeHtml(addresses.length <= 3 ? addresses.join(', ') : compactAddresses(addresses))
  const lines: string[] = []
  if (losses.deleted.length > 0) {
    const blocked = losses.deleted.filter((c) => c.blockedBy.length > 0).length
    const note = blocked > 0 ? ` (${blocked} blocked)` : ''
    lines.push(`> **Deletes ${plural(losses.deleted.length, ['resource', 'resources'])}**${note}: ${list(losses.deleted.map((c) => c.address))}`)
  }
  if (losses.removed.length > 0) {
    const named = losses.removed.map(({change, paths}) => `${change.address} (${paths.join(', ')})`)
    lines.push(`> **Removes values** from ${plural(losses.removed.length, ['resource', 'resources'])}: ${list(named)}`)
  }
  if (losses.replaced.length > 0) {
    const named = losses.replaced.map((c) => `app.${c.liveName} → ${c.address}`)
    lines.push(`> **Replaces** the key of ${plural(losses.replaced.length, ['live app', 'live apps'])}: ${list(named)}`)
  }
  if (lines.length === 0) return []
  return ['> [!CAUTION]', ...lines.flatMap((line, i) => (i === 0 ? [line] : ['>', line])), '']
}

/** Addresses in a line of bounded length: the first ones listed, the rest counted. */
function compactAddresses(addresses: readonly string[]): string {
  const shown = fitting(addresses, BANNER_LIST).map((index) => addresses[index])
  const left = addresses.length - shown.length
  return left === 0 ? shown.join(', ') : `${shown.join(', ')} and ${left} more`
}

/**
 * Head lines first (never cut), then each section within its share of the budget. When anything is cut,
 * a note under the head says what and where the whole plan is, and each cut section ends with a count.
 */
function compose(head: readonly string[], sections: readonly Section[], options: MarkdownOptions): string {
  const budget = options.budget ?? MARKDOWN_BUDGET
  const present = sections.filter((s) => s.items.length > 0)
  const frame = (s: Section) => sizeOf([`#### ${s.title}`, '', ''])
  const needs = present.map((s) => sizeOf(s.items))
  const available = budget - sizeOf(head) - present.reduce((sum, s) => sum + frame(s), 0) - NOTE_RESERVE
  const granted = allocate(
    needs,
    present.map((s) => s.weight),
    available,
  )
  const cuts: string[] = []
  const body: string[] = []
  for (const [i, s] of present.entries()) {
    const shown = new Set(fitting(s.items, granted[i] ?? 0))
    body.push(`#### ${s.title}`, '', ...s.items.filter((_, index) => shown.has(index)))
    if (shown.size < s.items.length) {
      const missing = s.counts.reduce((sum, n, index) => sum + (shown.has(index) ? 0 : n), 0)
      cuts.push(plural(missing, s.noun))
      body.push(`- _…and ${missing} more ${missing === 1 ? s.noun[0] : s.noun[1]}, not shown here._`)
    }
    if (s.blankAfter) body.push('')
  }
  const note =
    cuts.length === 0
      ? []
      : [
          `_Shortened to stay within GitHub's size limit: ${cuts.join(' and ')} not shown. ${
            options.wholePlan ? `The whole plan is in ${options.wholePlan}.` : 'Run `chatcfg plan` on this configuration to see the whole plan.'
          }_`,
          '',
        ]
  return `${[...head, ...note, ...body].join('\n')}\n`
}

function summaryLine(plan: Plan): string {
  const {create, update, delete: remove, blocked} = plan.summary
  const status = isBlocked(plan)
    ? '**blocked**: nothing will be applied until the problems below are fixed'
    : plan.changes.length === 0
      ? 'no changes'
      : (whoMakesChanges(plan.summary) ?? 'ready to apply')
  return `**chatcfg plan** — ${create} to create, ${update} to update, ${remove} to delete${blocked > 0 ? `, ${blocked} blocked` : ''}; ${status}.`
}

/**
 * The plan as a pull-request comment: a one-line summary, a banner when anything is deleted or taken
 * away, then problems, warnings and changes (blocked and destructive first, each folded in <details>).
 * The same change or problem in several apps is shown once with the apps it concerns. The whole stays
 * within `options.budget`; what is cut is counted, and the note says where the whole plan is.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const head = [MARKDOWN_MARKER, summaryLine(plan), '', ...banner(lossesOf(plan))]
  const priority = (c: PlannedChange) => (c.blockedBy.length > 0 ? 0 : c.action === 'delete' ? 1 : 2)
  // Blocked, then deletions, then the rest; within each, a change made in many apps before one made in one.
  const groups = groupChanges(plan.changes).sort((a, b) => priority(a.change) - priority(b.change) || b.apps.length - a.apps.length)
  const changes: Section = {
    title: 'Changes',
    items: groups.map(changeItem),
    counts: groups.map((g) => Math.max(1, g.apps.length)),
    noun: ['change', 'changes'],
    weight: 4,
    blankAfter: false,
  }
  return compose(head, [...diagnosticSections(plan.diagnostics), changes], options)
}

/** An invalid configuration as the same marked comment, so the comment CI keeps up to date shows the errors. */
export function renderInvalidMarkdown(report: Pick<ValidationReport, 'files' | 'diagnostics'>, options: MarkdownOptions = {}): string {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = report.diagnostics.length - errors
  const files = plural(report.files.length, ['file', 'files'])
  const head = [
    MARKDOWN_MARKER,
    `**chatcfg plan** — the configuration is invalid: ${plural(errors, ['error', 'errors'])}, ${plural(warnings, ['warning', 'warnings'])} in ${files}; nothing can be planned until the errors are fixed.`,
    '',
  ]
  return compose(head, diagnosticSections(report.diagnostics), options)
}
