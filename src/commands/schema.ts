import {BaseCommand} from '../cli/base-command.js'
import {configSchema} from '../index.js'

export default class Schema extends BaseCommand {
  static override summary = 'Print the JSON Schema of chatcfg configuration files, for editors'
  static override description = `Save it beside your configuration and point yaml-language-server at it with a first line such as
# yaml-language-server: $schema=./chatcfg.schema.json`
  static override examples = ['<%= config.bin %> schema > chatcfg.schema.json']

  async run(): Promise<void> {
    await this.parse(Schema)
    this.print(`${JSON.stringify(configSchema(), null, 2)}\n`)
  }
}
