import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {configPaths} from '../cli/config-paths.js'
import {ExitCode} from '../cli/exit-codes.js'
import {planArgs} from '../cli/plan-flags.js'
import {planFromConfiguration} from '../cli/planning.js'
import {hasDrift, renderDriftText} from '../render/drift-text.js'
import {renderPlanJson} from '../render/plan-json.js'

export default class Drift extends BaseCommand {
  static override summary = 'Check, read-only, whether live state still matches the configuration'
  static override description = 'Lists every difference between live state and the configuration. Exit codes: 0 no drift, 1 error, 4 drift found.'
  static override examples = ['<%= config.bin %> drift', '<%= config.bin %> drift --format json']
  static override strict = false
  static override args = planArgs
  static override flags = {format: Flags.string({description: 'output format', options: ['text', 'json'], default: 'text'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Drift)
    const cwd = process.cwd()
    const planning = await planFromConfiguration({paths: configPaths(argv, cwd), cwd, env: process.env})
    if (!planning.ok) return this.failWithDiagnostics(planning.files, planning.diagnostics, flags.format === 'json' ? 'json' : 'text')
    planning.provider.close()
    process.stdout.write(flags.format === 'json' ? renderPlanJson(planning.plan) : renderDriftText(planning.plan, {color: this.color}))
    this.finish(hasDrift(planning.plan) ? ExitCode.drift : ExitCode.ok)
  }
}
