import {existsSync} from 'node:fs'
import {stdin, stdout} from 'node:process'
import {createInterface} from 'node:readline/promises'
import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {emulatorArgs, emulatorFlags, emulatorTarget} from '../../cli/emulator-target.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {Emulator, removeEmulatorDatabase} from '../../providers/emulator/emulator.js'
import {EmulatorUnavailableError} from '../../providers/errors.js'
import {renderValidation} from '../../render/diagnostics.js'

async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({input: stdin, output: stdout})
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim())
  } finally {
    prompt.close()
  }
}

export default class EmulatorReset extends BaseCommand {
  static override summary = 'Delete everything the embedded emulator holds'
  static override description = 'Asks first on a terminal; without one, --force is required. Waits for a running apply to finish.'
  static override examples = ['<%= config.bin %> emulator reset', '<%= config.bin %> emulator reset --force']
  static override strict = false
  static override args = emulatorArgs
  static override flags = {...emulatorFlags, force: Flags.boolean({description: 'do not ask'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorReset)
    const target = emulatorTarget(argv as string[], flags.db, process.cwd(), process.env)
    if (!target.options) {
      process.stdout.write(renderValidation({files: [], diagnostics: target.diagnostics, apps: 0, policies: 0}, 'text', {color: this.color}))
      return this.finish(ExitCode.error)
    }
    const {path} = target.options
    if (!existsSync(path)) {
      process.stdout.write(`no emulator database at ${path}; nothing to reset\n`)
      return this.finish(ExitCode.ok)
    }
    if (!flags.force) {
      if (!stdin.isTTY) throw new Error(`emulator reset deletes everything in ${path}; pass --force to confirm without a terminal`)
      if (!(await confirmed(`Delete everything in the emulator at ${path}? [y/N] `))) {
        process.stdout.write('nothing deleted\n')
        return this.finish(ExitCode.ok)
      }
    }
    let emulator: Emulator | undefined
    try {
      // Hold the writer lock while deleting, so a running apply is not cut off; a corrupt file has no lock to take.
      emulator = Emulator.open({path, create: false})
      await emulator.lock('emulator reset')
    } catch (error) {
      if (!(error instanceof EmulatorUnavailableError) || /locked by/.test(error.message)) throw error
    } finally {
      emulator?.close()
    }
    removeEmulatorDatabase(path)
    process.stdout.write(`emulator reset: ${path} deleted\n`)
    this.finish(ExitCode.ok)
  }
}
