import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {formatFlag, pathArgs} from '../cli/flags.js'
import {detectDrift} from '../index.js'
import {renderDriftText} from '../render/drift-text.js'
import {renderPlanJson} from '../render/plan-json.js'

export default class Drift extends BaseCommand {
  static override summary = 'Check, read-only, whether live state still matches the configuration'
  static override description = 'Lists every difference between live state and the configuration. Exit codes: 0 no drift, 1 error, 4 drift found.'
  static override examples = ['<%= config.bin %> drift', '<%= config.bin %> drift --format json']
  static override strict = false
  static override args = pathArgs
  static override flags = {format: formatFlag(['text', 'json'])}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Drift)
    const outcome = await detectDrift(this.configRequest(argv))
    if (!outcome.ok) return this.failWithDiagnostics(outcome, flags.format)
    this.print(flags.format === 'json' ? renderPlanJson(outcome.plan) : renderDriftText(outcome.plan, {color: this.color}))
    this.finish(outcome.drifted ? ExitCode.drift : ExitCode.ok)
  }
}
