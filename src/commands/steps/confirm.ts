import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {loggedInUser, walkThroughConsoleSteps} from '../../cli/operator.js'
import {confirmConsoleSteps, parseSdkAppIds} from '../../index.js'
import {renderApplyResult, renderApplySummary} from '../../render/apply-text.js'
import {renderChecklist} from '../../render/console-steps.js'

export default class StepsConfirm extends BaseCommand {
  static override summary = 'Record that an operator made console steps'
  static override description =
    `Records, in the record of console steps (chatcfg.state.json), that the steps of the given addresses were made in the console, with who and when; no terminal needed, so a pull request or a manual workflow run can confirm. Without addresses, walks through every pending step on a terminal, as apply does.
A step is refused when the configuration asks for other values than the ones apply listed, and an app created in the console needs its SDKAppID (--sdk-app-id).
Exit codes: 0 recorded, 1 error (nothing recorded), 3 the plan is blocked by a rule.`
  static override examples = [
    '<%= config.bin %> steps confirm app.support.messages app.support.userField.Tier --by alice',
    '<%= config.bin %> steps confirm app.sales --sdk-app-id sales=1400000001 --by alice',
    '<%= config.bin %> steps confirm',
  ]
  static override strict = false
  static override args = {addresses: Args.string({description: 'addresses of the changes whose console steps were made'})}
  static override flags = {
    by: Flags.string({description: 'who made the steps (default on a terminal: the user logged in)'}),
    'sdk-app-id': Flags.string({description: 'APP=SDKAPPID: the SDKAppID the console gave an app it created (repeatable)', multiple: true}),
    config: Flags.string({description: 'configuration file or folder (default: chatcfg.yaml, or else the chatcfg/ folder)', multiple: true}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(StepsConfirm)
    const by = flags.by?.trim() || (this.interactive ? loggedInUser() : '')
    if (!by) throw new Error('--by NAME is required without a terminal: the record keeps who made the steps; nothing recorded')
    const request = {...this.configRequest(flags.config ?? []), addresses: argv.map(String), by, interactive: this.interactive}
    const onResult = (result: Parameters<typeof renderApplyResult>[0], index: number, total: number) => this.print(renderApplyResult(result, index, total))
    const sdkAppIds = parseSdkAppIds(flags['sdk-app-id'] ?? [])
    const outcome = await confirmConsoleSteps({...request, sdkAppIds, operator: walkThroughConsoleSteps, onResult})
    if (!outcome.ok) return this.failWithDiagnostics(outcome)
    if (outcome.status === 'blocked') {
      process.stderr.write('chatcfg: error: the plan is blocked by a rule (chatcfg plan shows why): nothing recorded until it is fixed\n')
      return this.finish(ExitCode.blocked)
    }
    const {report, unblocked, remaining} = outcome
    const done = report.results.length
    const summary = report.ok ? `Recorded the console steps of ${done} change${done === 1 ? '' : 's'}, made by ${by}.\n` : renderApplySummary(report)
    const next =
      unblocked.length > 0 ? `Made by API now that these are confirmed, by the next chatcfg apply: ${unblocked.map((c) => c.address).join(', ')}\n` : ''
    this.print(`\n${summary}${next}${remaining.items.length > 0 ? renderChecklist(remaining, 'text') : ''}`)
    this.finish(outcome.report.ok ? ExitCode.ok : ExitCode.error)
  }
}
