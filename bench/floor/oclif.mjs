// The least a bundled command does with oclif kept: oclif's configuration, its parse of validate's arguments and flags (the
// probe of stdin for paths included) and one line printed, bundled and cached as a command is (bench/cold-start.mjs).
import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

export default class OclifFloor extends Command {
  static strict = false
  static args = {paths: Args.string({description: 'configuration files or folders'})}
  static flags = {
    format: Flags.option({options: ['text', 'json', 'github'], default: 'text'})(),
    resolve: Flags.boolean({default: false}),
  }

  async run() {
    await this.parse(OclifFloor)
    process.stdout.write('valid: 1 file, 1 app, 0 policies\n')
  }
}
