import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {exitCodeForPlan} from '../cli/exit-codes.js'
import {pathArgs, planFlags} from '../cli/flags.js'
import {planFromFiles} from '../index.js'
import {type PlanFormat, renderPlan} from '../render/plan.js'

export default class Plan extends BaseCommand {
  static override summary = 'Show what would change to make live state match the configuration'
  static override description = `Reads live state, diffs it against the configuration and checks every rule that needs live state. Applies nothing.
Exit codes: 0 no changes (or changes, without --detailed-exitcode), 1 error, 2 changes pending (with --detailed-exitcode), 3 blocked by a rule.`
  static override examples = ['<%= config.bin %> plan', '<%= config.bin %> plan --detailed-exitcode', '<%= config.bin %> plan --target app.support.webhook']
  static override strict = false
  static override args = pathArgs
  static override flags = {
    ...planFlags,
    'detailed-exitcode': Flags.boolean({description: 'exit 2 when there are changes to apply'}),
    format: Flags.string({description: 'output format', options: ['text', 'markdown', 'json'], default: 'text'}),
    out: Flags.string({description: 'save the plan to this file, for chatcfg apply FILE (it holds no secret values)'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Plan)
    const request = {...this.configRequest(argv), targets: flags.target, force: flags.force, out: flags.out, toolVersion: this.config.version}
    const outcome = await planFromFiles(request)
    if (!outcome.ok) return this.failWithDiagnostics(outcome, flags.format === 'json' ? 'json' : 'text')
    this.print(renderPlan(outcome.plan, flags.format as PlanFormat, {color: this.color}))
    this.finish(exitCodeForPlan(outcome.status, flags['detailed-exitcode']))
  }
}
