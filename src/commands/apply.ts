import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {pathArgs, planFlags} from '../cli/flags.js'
import {ask, walkThroughConsoleSteps} from '../cli/operator.js'
import {type ApplyHooks, applyFromFiles} from '../index.js'
import {renderApplyResult, renderApplySummary} from '../render/apply-text.js'
import {renderChecklist} from '../render/console-steps.js'
import {planTextPieces} from '../render/plan-text.js'

export default class Apply extends BaseCommand {
  static override summary = 'Plan, confirm, and make live state match the configuration'
  static override description = `Shows the plan and asks for confirmation on a terminal; without one, --auto-approve is required.
Given a plan saved by chatcfg plan --out, applies exactly that plan, refusing it when the configuration or the live state of a resource it changes has moved since.
Without a terminal, console steps are left for an operator: every change an API can make without them is applied, and the steps are listed (chatcfg steps list) until confirmed (chatcfg steps confirm).
Exit codes: 0 applied or nothing to do, 1 error or failed apply, 3 blocked by a rule (nothing applied), 5 every change an API can make is applied and console steps are pending for an operator.`
  static override examples = ['<%= config.bin %> apply', '<%= config.bin %> apply --auto-approve', '<%= config.bin %> apply plan.json --auto-approve']
  static override strict = false
  static override args = pathArgs
  static override flags = {...planFlags, 'auto-approve': Flags.boolean({description: 'apply without asking'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Apply)
    const hooks: ApplyHooks = {
      showPlan: (plan) => this.printPieces(planTextPieces(plan, {color: this.color})),
      confirm: async () => (await ask('\nApply these changes? Only "yes" is accepted: ')).trim() === 'yes',
      starting: () => this.print('\n'),
      onResult: (result, index, total) => this.print(renderApplyResult(result, index, total)),
      operator: walkThroughConsoleSteps,
      warn: (message) => this.warning(message),
    }
    const {target, force} = flags
    const request = {...this.configRequest(argv), targets: target, force, toolVersion: this.config.version, interactive: this.interactive}
    const outcome = await applyFromFiles({...request, autoApprove: flags['auto-approve'], hooks})
    if (!outcome.ok) return this.failWithDiagnostics(outcome)
    switch (outcome.status) {
      case 'blocked':
        this.print('\nNothing applied: the plan is blocked.\n')
        return this.finish(ExitCode.blocked)
      case 'no-changes':
        return this.finish(ExitCode.ok)
      case 'steps-pending':
        this.print(`\n${renderApplySummary(outcome.report)}\n${renderChecklist(outcome.checklist, 'text')}`)
        return this.finish(outcome.report.ok ? ExitCode.stepsPending : ExitCode.error)
      case 'declined':
        this.print('Nothing applied.\n')
        return this.finish(ExitCode.ok)
      case 'applied':
        this.print(`\n${renderApplySummary(outcome.report)}`)
        return this.finish(outcome.report.ok ? ExitCode.ok : ExitCode.error)
      default: {
        const unreachable: never = outcome
        return unreachable
      }
    }
  }
}
