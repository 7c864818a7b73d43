import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {formatFlag, pathArgs} from '../cli/flags.js'
import {repositoryPaths} from '../cli/github.js'
import {hasErrors, validateConfiguration} from '../index.js'
import {type DiagnosticFormat, renderValidation} from '../render/diagnostics.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check configuration files offline: YAML, schema and every rule that needs no live state'
  static override description =
    `Reads the given files and folders (all *.yaml and *.yml below a folder), or chatcfg.yaml, and reports each problem as file:line:col: error[code]: message. Exit code 0 when valid, 1 when not. \${env:}, \${file:} and \${filebase64:} references are checked for their form only, so no secret is needed; --resolve reads them too, as plan and apply do.`
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate apps/ policies.yaml',
    '<%= config.bin %> validate --format github',
    '<%= config.bin %> validate --resolve',
  ]
  static override strict = false
  static override args = pathArgs
  static override flags = {
    format: formatFlag(['text', 'json', 'github']),
    resolve: Flags.boolean({description: 'also read every ${env:}, ${file:} and ${filebase64:} reference, as plan and apply do', default: false}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Validate)
    const report = validateConfiguration({...this.configRequest(argv), references: flags.resolve ? 'resolve' : 'check'})
    this.print(renderValidation(report, flags.format as DiagnosticFormat, {color: this.color, repository: repositoryPaths(process.cwd(), process.env)}))
    this.finish(hasErrors(report.diagnostics) ? ExitCode.error : ExitCode.ok)
  }
}
