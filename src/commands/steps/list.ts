import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {pathArgs} from '../../cli/flags.js'
import {listConsoleSteps} from '../../index.js'
import {type ChecklistFormat, renderChecklist} from '../../render/console-steps.js'

export default class StepsList extends BaseCommand {
  static override summary = 'List the console steps pending for an operator'
  static override description =
    `Plans the configuration and lists the changes an operator makes in the Chat console (settings no public API reaches), step by step, and the changes an API makes once they are confirmed. Changes nothing.
Exit codes: 0 listed (pending or not), 1 error, 3 the plan is blocked by a rule.`
  static override examples = ['<%= config.bin %> steps list', '<%= config.bin %> steps list --format markdown >> "$GITHUB_STEP_SUMMARY"']
  static override strict = false
  static override args = pathArgs
  static override flags = {format: Flags.string({description: 'output format', options: ['text', 'markdown', 'json'], default: 'text'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(StepsList)
    const format = flags.format as ChecklistFormat
    const outcome = await listConsoleSteps(this.configRequest(argv))
    if (!outcome.ok) return this.failWithDiagnostics(outcome, format === 'json' ? 'json' : 'text')
    if (outcome.status === 'blocked') {
      const message = 'the plan is blocked by a rule (chatcfg plan shows why): no console step is listed until it is fixed'
      if (format === 'json') this.print(`${JSON.stringify({formatVersion: 1, blocked: true, error: {message}})}\n`)
      process.stderr.write(`chatcfg: error: ${message}\n`)
      return this.finish(ExitCode.blocked)
    }
    this.print(renderChecklist(outcome.checklist, format))
    this.finish(ExitCode.ok)
  }
}
