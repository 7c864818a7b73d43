import type {Checklist, ChecklistItem} from '../plan/console-queue.js'
import type {PlanSummary} from '../plan/plan.js'
import {consoleStepLines} from './plan-text.js'

export type ChecklistFormat = 'text' | 'markdown' | 'json'

const plural = (count: number, singular: string, many: string) => `${count} ${count === 1 ? singular : many}`

/**
 * Who makes a plan's changes, when an operator makes any: "N changes by API, M console steps for an
 * operator". Undefined when an API makes every change.
 */
export function whoMakesChanges(summary: PlanSummary): string | undefined {
  if (!summary.manual) return undefined
  const waiting = summary.waitingOnConsole ? ` (${summary.waitingOnConsole} of them once the console steps are confirmed)` : ''
  return `${plural(summary.byApi ?? 0, 'change', 'changes')} by API${waiting}, ${plural(summary.manual, 'console step', 'console steps')} for an operator`
}

/** The command that records the checklist's steps once an operator has made them. */
export function confirmCommand(checklist: Checklist): string {
  const ids = checklist.items.filter((i) => i.needsSdkAppId).map((i) => ` --sdk-app-id ${i.change.appKey ?? i.change.name}=SDKAPPID`)
  return `chatcfg steps confirm ${checklist.items.map((i) => i.change.address).join(' ')} --by NAME${ids.join('')}`
}

const heading = (item: ChecklistItem) => `${item.change.address} (${item.change.action}${item.needsSdkAppId ? ', note the SDKAppID the console gives it' : ''})`

function renderText(checklist: Checklist): string {
  if (checklist.items.length === 0) return 'No console steps are pending.\n'
  const lines = [`Console steps pending for an operator (${checklist.items.length}):`]
  for (const item of checklist.items) lines.push(`${heading(item)}:`, ...consoleStepLines(item.change).map((line) => `  ${line}`))
  if (checklist.waiting.length > 0) lines.push(`Made by API once these are confirmed: ${checklist.waiting.map((c) => c.address).join(', ')}`)
  lines.push(`Once made in the console, record them: ${confirmCommand(checklist)}`)
  return `${lines.join('\n')}\n`
}

function renderMarkdown(checklist: Checklist): string {
  if (checklist.items.length === 0) return '**chatcfg steps** — no console steps are pending.\n'
  const lines = [`**chatcfg steps** — ${plural(checklist.items.length, 'change needs', 'changes need')} console steps by an operator.`, '']
  for (const item of checklist.items) {
    lines.push(`- [ ] \`${item.change.address}\` (${item.change.action}${item.needsSdkAppId ? ', note the SDKAppID the console gives it' : ''})`)
    for (const line of consoleStepLines(item.change)) lines.push(`  ${line}`)
  }
  if (checklist.waiting.length > 0) lines.push('', `Made by API once these are confirmed: ${checklist.waiting.map((c) => `\`${c.address}\``).join(', ')}.`)
  lines.push('', 'Once made in the console, record them:', '', '```sh', confirmCommand(checklist), '```')
  return `${lines.join('\n')}\n`
}

/** The checklist for machines, described by schemas/steps.schema.json. */
function renderJson(checklist: Checklist): string {
  const body = {
    formatVersion: 1,
    steps: checklist.items.map(({change, needsSdkAppId}) => ({
      address: change.address,
      kind: change.kind,
      action: change.action,
      ...(change.appKey !== undefined ? {appKey: change.appKey} : {}),
      needsSdkAppId,
      steps: change.manual ?? [],
    })),
    waiting: checklist.waiting.map((c) => ({address: c.address, kind: c.kind, action: c.action})),
    ...(checklist.items.length > 0 ? {confirm: confirmCommand(checklist)} : {}),
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

/** Pending console steps in the chosen format; every format shows the same facts. */
export function renderChecklist(checklist: Checklist, format: ChecklistFormat): string {
  switch (format) {
    case 'text':
      return renderText(checklist)
    case 'markdown':
      return renderMarkdown(checklist)
    case 'json':
      return renderJson(checklist)
    default: {
      const unreachable: never = format
      throw new Error(`unknown checklist format ${String(unreachable)}`)
    }
  }
}
