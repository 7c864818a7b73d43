import {EmulatorCommand} from '../../cli/emulator-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {emulatorArgs, formatFlag} from '../../cli/flags.js'
import {emulatorStatus} from '../../index.js'
import {renderEmulatorStatusJson, renderEmulatorStatusText} from '../../render/emulator-status.js'

export default class EmulatorStatus extends EmulatorCommand {
  static override summary = 'Show what the embedded emulator holds'
  static override examples = ['<%= config.bin %> emulator status', '<%= config.bin %> emulator status --format json']
  // oclif's parse copies the command's own statics only: what EmulatorCommand declares is restated here.
  static override strict = false
  static override args = emulatorArgs
  static override flags = {format: formatFlag(['text', 'json'])}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorStatus)
    const json = flags.format === 'json'
    const outcome = emulatorStatus(this.emulatorRequest(argv, flags))
    if (!outcome.ok) return this.failWithDiagnostics(outcome, flags.format)
    const {path} = outcome
    if ('unreadable' in outcome) {
      if (!json) throw new Error(outcome.unreadable)
      this.print(`${JSON.stringify({formatVersion: 1, path, error: {message: outcome.unreadable}})}\n`)
      return this.finish(ExitCode.error)
    }
    if (!outcome.status) this.print(json ? `${JSON.stringify({formatVersion: 1, path, exists: false})}\n` : `no emulator database at ${path} yet\n`)
    else this.print(json ? renderEmulatorStatusJson(outcome.status) : renderEmulatorStatusText(outcome.status, process.cwd()))
    this.finish(ExitCode.ok)
  }
}
