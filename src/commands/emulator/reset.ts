import {existsSync} from 'node:fs'
import {stdin, stdout} from 'node:process'
import {createInterface} from 'node:readline/promises'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {emulatorArgs, emulatorFlags, emulatorTarget} from '../../cli/emulator-target.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {databaseFileKind} from '../../providers/emulator/database.js'
import {resetEmulatorDatabase} from '../../providers/emulator/emulator.js'

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
    if (!target.options) return this.failWithDiagnostics([], target.diagnostics)
    const {path} = target.options
    if (!existsSync(path)) {
      process.stdout.write(`no emulator database at ${path}; nothing to reset\n`)
      return this.finish(ExitCode.ok)
    }
    if (databaseFileKind(path) !== 'chatcfg') throw new Error(`${path} is not a chatcfg emulator database; chatcfg resets only its own databases`)
    if (!flags.force) {
      if (!stdin.isTTY) throw new Error(`emulator reset deletes everything in ${path}; pass --force to confirm without a terminal`)
      if (!(await confirmed(`Delete everything in the emulator at ${path}? [y/N] `))) {
        process.stdout.write('nothing deleted\n')
        return this.finish(ExitCode.ok)
      }
    }
    const outcome = await resetEmulatorDatabase(path)
    process.stdout.write(outcome === 'removed' ? `emulator reset: the damaged database ${path} was removed\n` : `emulator reset: ${path} is empty\n`)
    this.finish(ExitCode.ok)
  }
}
