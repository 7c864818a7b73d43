import {existsSync} from 'node:fs'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {emulatorArgs, emulatorFlags, emulatorTarget} from '../../cli/emulator-target.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {Emulator} from '../../providers/emulator/emulator.js'
import {renderEmulatorStatusJson, renderEmulatorStatusText} from '../../render/emulator-status.js'

export default class EmulatorStatus extends BaseCommand {
  static override summary = 'Show what the embedded emulator holds'
  static override examples = ['<%= config.bin %> emulator status', '<%= config.bin %> emulator status --json']
  static override strict = false
  static override args = emulatorArgs
  static override flags = {...emulatorFlags, json: Flags.boolean({description: 'print JSON'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorStatus)
    const cwd = process.cwd()
    const target = emulatorTarget(argv as string[], flags.db, cwd, process.env)
    if (!target.options) return this.failWithDiagnostics([], target.diagnostics, flags.json ? 'json' : 'text')
    if (!existsSync(target.options.path)) {
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({formatVersion: 1, path: target.options.path, exists: false})}\n`
          : `no emulator database at ${target.options.path} yet\n`,
      )
      return this.finish(ExitCode.ok)
    }
    let emulator: Emulator
    try {
      emulator = Emulator.open({...target.options, create: false})
    } catch (error) {
      if (!flags.json) throw error
      process.stdout.write(`${JSON.stringify({formatVersion: 1, path: target.options.path, error: {message: (error as Error).message}})}\n`)
      return this.finish(ExitCode.error)
    }
    try {
      const status = emulator.status()
      process.stdout.write(flags.json ? renderEmulatorStatusJson(status) : renderEmulatorStatusText(status, cwd))
    } finally {
      emulator.close()
    }
    this.finish(ExitCode.ok)
  }
}
