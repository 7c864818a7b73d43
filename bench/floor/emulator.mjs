// The oclif floor (floor/oclif.mjs) with what plan cannot do without on the emulator: its database opened as plan opens it
// (better-sqlite3's addon, the pragmas, the schema version checked), one query, and node:crypto (plan's fingerprint, a session id).
import {createHash, randomUUID} from 'node:crypto'
import {join} from 'node:path'
import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {openEmulatorDatabase} from '../../dist/providers/emulator/database.js'

export default class EmulatorFloor extends Command {
  static strict = false
  static args = {paths: Args.string({description: 'configuration files or folders'})}
  static flags = {'detailed-exitcode': Flags.boolean({description: 'exit 2 when there are changes to apply'})}

  async run() {
    await this.parse(EmulatorFloor)
    const db = openEmulatorDatabase(join(process.cwd(), '.chatcfg', 'emulator.db'), {create: false})
    const {n} = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()
    db.close()
    const fingerprint = createHash('sha256').update(`${n} ${randomUUID()}`).digest('hex')
    process.stdout.write(fingerprint ? 'No changes. Live state matches the configuration.\n' : '')
  }
}
