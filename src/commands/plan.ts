import {writeFileSync} from 'node:fs'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {configPaths} from '../cli/config-paths.js'
import {exitCodeForPlan, planArgs, planFlags} from '../cli/plan-flags.js'
import {planFromConfiguration} from '../cli/planning.js'
import {savePlan} from '../plan/plan-file.js'
import {type PlanFormat, renderPlan} from '../render/plan.js'

export default class Plan extends BaseCommand {
  static override summary = 'Show what would change to make live state match the configuration'
  static override description = `Reads live state, diffs it against the configuration and checks every rule that needs live state. Applies nothing.
Exit codes: 0 no changes (or changes, without --detailed-exitcode), 1 error, 2 changes pending (with --detailed-exitcode), 3 blocked by a rule.`
  static override examples = ['<%= config.bin %> plan', '<%= config.bin %> plan --detailed-exitcode', '<%= config.bin %> plan --target app.support.webhook']
  static override strict = false
  static override args = planArgs
  static override flags = {
    ...planFlags,
    'detailed-exitcode': Flags.boolean({description: 'exit 2 when there are changes to apply'}),
    format: Flags.string({description: 'output format', options: ['text', 'markdown', 'json'], default: 'text'}),
    out: Flags.string({description: 'save the plan to this file, for chatcfg apply FILE (it holds no secret values)'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Plan)
    const cwd = process.cwd()
    const planning = await planFromConfiguration({
      paths: configPaths(argv, cwd),
      cwd,
      env: process.env,
      targets: flags.target,
      force: flags.force,
    })
    if (!planning.ok) return this.failWithDiagnostics(planning.files, planning.diagnostics, flags.format === 'json' ? 'json' : 'text')
    planning.provider.close()
    if (flags.out) writeFileSync(flags.out, savePlan(planning.plan, {files: planning.load.files, hash: planning.configHash}, this.config.version))
    process.stdout.write(renderPlan(planning.plan, flags.format as PlanFormat, {color: this.color}))
    this.finish(exitCodeForPlan(planning.plan, flags['detailed-exitcode']))
  }
}
