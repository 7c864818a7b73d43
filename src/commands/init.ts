import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {initRepository} from '../index.js'

export default class Init extends BaseCommand {
  static override summary = 'Start a repository: a configuration with its schema, a .gitignore entry and GitHub Actions workflows'
  static override description =
    `Writes chatcfg.yaml (its first line points editors at chatcfg.schema.json, written beside it), adds .chatcfg/ to .gitignore, and copies the workflows that plan pull requests, apply on merge, confirm console steps and check drift into .github/workflows.
Overwrites nothing: when any of these files exists, nothing is written and the exit code is 1.`
  static override examples = ['<%= config.bin %> init']

  async run(): Promise<void> {
    await this.parse(Init)
    const outcome = initRepository({cwd: process.cwd()})
    if (!outcome.ok) {
      throw new Error(
        `nothing written: ${outcome.existing.join(', ')} ${outcome.existing.length === 1 ? 'exists' : 'exist'} already; chatcfg init only starts a folder without them`,
      )
    }
    const lines = outcome.written.map((file) => (file === '.gitignore' && outcome.ignoreAppended ? `added .chatcfg/ to ${file}` : `wrote ${file}`))
    lines.push(
      '',
      'Next: chatcfg validate, then chatcfg plan (against the local emulator until chatcfg.yaml names a provider).',
      'The workflows run chatcfg with npx after npm ci: add it to package.json with npm install --save-dev --save-exact chatcfg, and commit package-lock.json.',
    )
    this.print(`${lines.join('\n')}\n`)
    this.finish(ExitCode.ok)
  }
}
