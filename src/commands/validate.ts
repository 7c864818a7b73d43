import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {configPaths} from '../cli/config-paths.js'
import {ExitCode} from '../cli/exit-codes.js'
import {loadConfig} from '../config/load.js'
import {hasErrors} from '../diagnostics/diagnostic.js'
import {type DiagnosticFormat, renderValidation} from '../render/diagnostics.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check configuration files offline: YAML, schema and every rule that needs no live state'
  static override description =
    `Reads the given files and folders (all *.yaml and *.yml below a folder), or chatcfg.yaml, and reports each problem as file:line:col: error[code]: message. Exit code 0 when valid, 1 when not.`
  static override examples = ['<%= config.bin %> validate', '<%= config.bin %> validate apps/ policies.yaml', '<%= config.bin %> validate --format github']
  static override strict = false
  static override args = {paths: Args.string({description: 'configuration files or folders'})}
  static override flags = {
    format: Flags.string({description: 'output format', options: ['text', 'json', 'github'], default: 'text'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Validate)
    const cwd = process.cwd()
    const paths = configPaths(argv, cwd)
    const result = loadConfig(paths, {cwd, env: process.env})
    const report = {
      files: result.files,
      diagnostics: result.diagnostics,
      apps: Object.keys(result.config?.apps ?? {}).length,
      policies: Object.keys(result.config?.policies ?? {}).length,
    }
    process.stdout.write(renderValidation(report, flags.format as DiagnosticFormat, {color: this.color}))
    this.finish(hasErrors(result.diagnostics) ? ExitCode.error : ExitCode.ok)
  }
}
