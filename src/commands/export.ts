import * as Flags from '@oclif/core/flags'
import {EmulatorCommand} from '../cli/emulator-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {exportLiveState} from '../index.js'

export default class Export extends EmulatorCommand {
  static override summary = 'Write live state as a chatcfg configuration, to adopt existing apps'
  static override description =
    `Planning the exported configuration shows no changes. Secrets cannot be read back: each is written as \${env:NAME}, listed at the top of the file, for you to provide.`
  static override examples = ['<%= config.bin %> export --out chatcfg.yaml', '<%= config.bin %> export --db .chatcfg/emulator.db']
  static override flags = {out: Flags.string({description: 'file to write (default: standard output)'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Export)
    const outcome = await exportLiveState({...this.emulatorRequest(argv, flags), ...(flags.out ? {out: flags.out} : {})})
    if (!outcome.ok) return this.failWithDiagnostics(outcome)
    if (!outcome.writtenTo) this.print(outcome.text)
    this.finish(ExitCode.ok)
  }
}
