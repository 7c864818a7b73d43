import * as Flags from '@oclif/core/flags'
import {EmulatorCommand} from '../../cli/emulator-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {emulatorArgs} from '../../cli/flags.js'
import {ask} from '../../cli/operator.js'
import {resetEmulator} from '../../index.js'

export default class EmulatorReset extends EmulatorCommand {
  static override summary = 'Delete everything the embedded emulator holds'
  static override description = 'Asks first on a terminal; without one, --force is required. Waits for a running apply to finish.'
  static override examples = ['<%= config.bin %> emulator reset', '<%= config.bin %> emulator reset --force']
  // oclif's parse copies the command's own statics only: what EmulatorCommand declares is restated here.
  static override strict = false
  static override args = emulatorArgs
  static override flags = {force: Flags.boolean({description: 'do not ask'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorReset)
    const confirm = async (path: string) => /^y(es)?$/i.test((await ask(`Delete everything in the emulator at ${path}? [y/N] `)).trim())
    const outcome = await resetEmulator({...this.emulatorRequest(argv, flags), force: flags.force, interactive: this.interactive, confirm})
    if (!outcome.ok) return this.failWithDiagnostics(outcome)
    const {path} = outcome
    const said = {
      absent: `no emulator database at ${path}; nothing to reset`,
      declined: 'nothing deleted',
      removed: `emulator reset: the damaged database ${path} was removed`,
      emptied: `emulator reset: ${path} is empty`,
    } as const
    this.print(`${said[outcome.outcome]}\n`)
    this.finish(ExitCode.ok)
  }
}
