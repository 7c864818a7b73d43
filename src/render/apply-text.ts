import type {ApplyReport, ApplyResult} from '../apply/apply-plan.js'

/** One line per applied or failed change, as it happens: quiet and greppable in CI logs. */
export function renderApplyResult(result: ApplyResult, index: number, total: number): string {
  const position = `[${index + 1}/${total}]`
  if (result.status === 'applied')
    return `${position} ${result.action} ${result.address}: done${result.attempts > 1 ? ` after ${result.attempts} attempts` : ''}\n`
  if (result.status === 'failed' && result.error) {
    const unknown = result.error.outcomeUnknown ? ' (the outcome is unknown; the next plan will read what happened)' : ''
    return `${position} ${result.action} ${result.address}: failed: ${result.error.code}: ${result.error.message}${unknown}\n`
  }
  return ''
}

/** The closing summary: what was done, what failed, and what was not attempted. */
export function renderApplySummary(report: ApplyReport): string {
  const applied = report.results.filter((r) => r.status === 'applied')
  const failed = report.results.filter((r) => r.status === 'failed')
  const skipped = report.results.filter((r) => r.status === 'not-attempted')
  if (report.ok) return `Apply complete: ${applied.length} change${applied.length === 1 ? '' : 's'} applied.\n`
  const lines = [`Apply failed: ${applied.length} applied, ${failed.length} failed, ${skipped.length} not attempted.`]
  for (const r of failed) lines.push(`  failed: ${r.action} ${r.address}`)
  for (const r of skipped) lines.push(`  not attempted: ${r.action} ${r.address}`)
  lines.push('Run chatcfg plan to see what is left; the next apply picks up exactly the rest.')
  return `${lines.join('\n')}\n`
}
