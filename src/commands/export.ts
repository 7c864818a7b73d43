import {writeFileSync} from 'node:fs'
import * as Flags from '@oclif/core/flags'
import {stringify} from 'yaml'
import {BaseCommand} from '../cli/base-command.js'
import {emulatorArgs, emulatorFlags, emulatorTarget} from '../cli/emulator-target.js'
import {ExitCode} from '../cli/exit-codes.js'
import {exportConfig} from '../export/export-config.js'
import {Emulator} from '../providers/emulator/emulator.js'

export default class Export extends BaseCommand {
  static override summary = 'Write live state as a chatcfg configuration, to adopt existing apps'
  static override description =
    `Planning the exported configuration shows no changes. Secrets cannot be read back: each is written as \${env:NAME}, listed at the top of the file, for you to provide.`
  static override examples = ['<%= config.bin %> export --out chatcfg.yaml', '<%= config.bin %> export --db .chatcfg/emulator.db']
  static override strict = false
  static override args = emulatorArgs
  static override flags = {...emulatorFlags, out: Flags.string({description: 'file to write (default: standard output)'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Export)
    const target = emulatorTarget(argv as string[], flags.db, process.cwd(), process.env)
    if (!target.options) return this.failWithDiagnostics([], target.diagnostics)
    const emulator = Emulator.open({...target.options, create: false})
    try {
      const {config, secrets} = exportConfig(await emulator.read())
      const header = [
        '# Exported by chatcfg from live state.',
        ...(secrets.length > 0
          ? [
              '# Secrets cannot be read back; set these environment variables to their values:',
              ...secrets.map((s) => `#   ${s.env}  (${s.address} ${s.attribute})`),
            ]
          : []),
      ]
      const text = `${header.join('\n')}\n${stringify(config, {lineWidth: 0})}`
      if (flags.out) writeFileSync(flags.out, text)
      else process.stdout.write(text)
    } finally {
      emulator.close()
    }
    this.finish(ExitCode.ok)
  }
}
