import {styleText} from 'node:util'
import {createTwoFilesPatch} from 'diff'
import {leaves, valueAt} from '../model/attributes.js'
import type {Attributes} from '../model/resource.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {whoMakesChanges} from './console-steps.js'
import {formatDiagnostic} from './diagnostics.js'
import {displayChange, displayValue, isLongText, isRecorded, prettyText} from './values.js'

export interface PlanTextOptions {
  readonly color: boolean
}

type Style = Parameters<typeof styleText>[0]

function symbol(change: PlannedChange): {mark: string; style: Style} {
  if (change.blockedBy.length > 0) return {mark: '!', style: ['bold', 'red']}
  switch (change.action) {
    case 'create':
      return {mark: '+', style: 'green'}
    case 'update':
      return {mark: '~', style: 'yellow'}
    case 'delete':
      return {mark: '-', style: 'red'}
    default: {
      const unreachable: never = change.action
      return unreachable
    }
  }
}

/** A long text (a policy document) as the hunks of a unified diff. */
export function documentDiff(before: string, after: string): string[] {
  const patch = createTwoFilesPatch('before', 'after', prettyText(before), prettyText(after), undefined, undefined, {context: 2})
  const lines = patch.split('\n')
  return lines.slice(lines.findIndex((line) => line.startsWith('@@'))).filter((line) => line !== '' && !line.startsWith('\\'))
}

/** The console steps of a manual change, numbered, for the text and Markdown renderers and the apply walk-through. */
export function consoleStepLines(change: PlannedChange): string[] {
  return (change.manual ?? []).map((step, index) => {
    const setting = step.field === undefined ? '' : `: ${step.field}${step.value === undefined ? '' : ` = ${displayValue(step.value)}`}`
    return `${index + 1}. ${step.page} › ${step.action}${setting}`
  })
}

/** Every attribute of a resource as `path = value` lines, aligned; long text (a policy document) indented below its path. */
export function attributeLines(attributes: Attributes): string[] {
  const rows = leaves(attributes)
  const width = Math.max(0, ...rows.map(([path]) => path.length))
  return rows.flatMap(([path, value]) =>
    isLongText(value)
      ? [
          `${path}:`,
          ...prettyText(value)
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
        ]
      : [`${path.padEnd(width)} = ${displayValue(value)}`],
  )
}

/** The attribute lines under one change, shared by the text and Markdown renderers. */
export function changeDetails(change: PlannedChange): string[] {
  switch (change.action) {
    case 'create':
      return attributeLines(change.after ?? {})
    case 'update':
      return change.changedPaths.flatMap((path) => {
        if (path === '(adopted)') return [`adopted: the live app app.${change.liveName} becomes ${change.address}`]
        const before = valueAt(change.before, path)
        const after = valueAt(change.after, path)
        if (isLongText(before) && isLongText(after)) return [`${path}:`, ...documentDiff(before, after).map((l) => `  ${l}`)]
        return [`${path}: ${displayChange(before, after)}${isRecorded(change, path) ? '  (recorded)' : ''}`]
      })
    case 'delete':
      return []
    default: {
      const unreachable: never = change.action
      return unreachable
    }
  }
}

/** The plan as a reviewer reads it in a terminal or a CI log. Pure: everything shown is in the plan. */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  return [...planTextPieces(plan, options)].join('')
}

/**
 * renderPlanText's text in pieces, in order, one per change between a head and a foot: a plan from empty
 * at the account's limit is megabytes of text, which its reader can write out as it comes.
 */
export function* planTextPieces(plan: Plan, options: PlanTextOptions): Generator<string> {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text)
  const head: string[] = plan.diagnostics.map((d) => formatDiagnostic(d, options))
  if (head.length > 0) head.push('')
  if (plan.changes.length === 0) {
    head.push(
      plan.diagnostics.some((d) => d.severity === 'error')
        ? 'No changes can be planned until the errors above are fixed.'
        : 'No changes. Live state matches the configuration.',
    )
    yield linesText(head)
    return
  }
  if (head.length > 0) yield linesText(head)
  for (const change of plan.changes) {
    const {mark, style} = symbol(change)
    const blocked = change.blockedBy.length > 0 ? `, blocked by ${change.blockedBy.join(', ')}` : ''
    const lines = [`${paint(style, `${mark} ${change.address}`)} (${change.action}${change.manual ? ', manual' : ''}${blocked})`]
    for (const line of changeDetails(change)) lines.push(`    ${line}`)
    if (change.manual) lines.push('    console steps:', ...consoleStepLines(change).map((line) => `      ${line}`))
    yield linesText(lines)
  }
  const {create, update, delete: remove, blocked} = plan.summary
  const who = whoMakesChanges(plan.summary)
  yield linesText([
    '',
    `Plan: ${create} to create, ${update} to update, ${remove} to delete${blocked > 0 ? `, ${blocked} blocked` : ''}${who ? `: ${who}` : ''}.`,
  ])
}

/** Lines as text, each ending in a newline. */
const linesText = (lines: readonly string[]): string => `${lines.join('\n')}\n`
