import {stdin, stdout} from 'node:process'
import {createInterface} from 'node:readline/promises'
import * as Flags from '@oclif/core/flags'
import {applyPlan} from '../apply/apply-plan.js'
import {BaseCommand} from '../cli/base-command.js'
import {configPaths} from '../cli/config-paths.js'
import {ExitCode} from '../cli/exit-codes.js'
import {ApplyJournal} from '../cli/journal.js'
import {manualChecklist, walkThroughConsoleSteps} from '../cli/operator.js'
import {readPlanFile} from '../cli/plan-file.js'
import {planArgs, planFlags} from '../cli/plan-flags.js'
import {planFromConfiguration, stalePlanProblems} from '../cli/planning.js'
import {hasChanges, isBlocked} from '../plan/plan.js'
import {renderApplyResult, renderApplySummary} from '../render/apply-text.js'
import {renderPlanText} from '../render/plan-text.js'

export default class Apply extends BaseCommand {
  static override summary = 'Plan, confirm, and make live state match the configuration'
  static override description = `Shows the plan and asks for confirmation on a terminal; without one, --auto-approve is required.
Given a plan saved by chatcfg plan --out, applies exactly that plan, refusing it when the configuration or the live state of a resource it changes has moved since.
Exit codes: 0 applied or nothing to do, 1 error or failed apply, 3 blocked by a rule (nothing applied).`
  static override examples = ['<%= config.bin %> apply', '<%= config.bin %> apply --auto-approve', '<%= config.bin %> apply plan.json --auto-approve']
  static override strict = false
  static override args = planArgs
  static override flags = {...planFlags, 'auto-approve': Flags.boolean({description: 'apply without asking'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Apply)
    const cwd = process.cwd()
    const saved = argv.length === 1 && String(argv[0]).endsWith('.json') ? readPlanFile(String(argv[0])) : undefined
    const paths = saved ? saved.configuration.files : configPaths(argv, cwd)
    if (saved && saved.tool.version !== this.config.version) {
      throw new Error(`${argv[0]} was made by chatcfg ${saved.tool.version}; this is ${this.config.version}. Nothing applied; plan again`)
    }
    const planning = await planFromConfiguration({paths, cwd, env: process.env, targets: flags.target, force: flags.force})
    if (!planning.ok && saved && planning.diagnostics.some((d) => d.code === 'config/no-input')) {
      throw new Error(`the configuration of ${argv[0]} (${paths.join(', ')}) is not here: apply a saved plan from the folder it was made in`)
    }
    if (!planning.ok) return this.failWithDiagnostics(planning.files, planning.diagnostics)
    const {provider, secrets, folder} = planning
    try {
      // A saved plan is applied as it was reviewed, and only while it still describes what apply would do.
      if (saved) {
        const stale = stalePlanProblems(saved, planning)
        if (stale.length > 0) throw new Error(`the saved plan ${argv[0]} is stale: ${stale.join('; ')}. Nothing applied; plan again`)
      }
      const plan = saved ? saved.plan : planning.plan
      process.stdout.write(renderPlanText(plan, {color: this.color}))
      if (isBlocked(plan)) {
        process.stdout.write('\nNothing applied: the plan is blocked.\n')
        return this.finish(ExitCode.blocked)
      }
      if (!hasChanges(plan)) return this.finish(ExitCode.ok)
      const manual = plan.changes.filter((c) => c.manual)
      // Console steps need a person at the console: without a terminal, stop before anything is applied.
      if (manual.length > 0 && !stdin.isTTY) {
        process.stdout.write(
          `\nNothing applied: ${manual.length} change${manual.length === 1 ? ' needs' : 's need'} console steps, which apply walks through on a terminal:\n${manualChecklist(plan)}`,
        )
        return this.finish(ExitCode.error)
      }
      if (!flags['auto-approve']) {
        if (!stdin.isTTY) throw new Error('apply needs --auto-approve when there is no terminal to confirm on; nothing applied')
        const prompt = createInterface({input: stdin, output: stdout})
        const answer = await prompt.question('\nApply these changes? Only "yes" is accepted: ').finally(() => prompt.close())
        if (answer.trim() !== 'yes') {
          process.stdout.write('Nothing applied.\n')
          return this.finish(ExitCode.ok)
        }
      }
      process.stdout.write('\n')
      const journal = new ApplyJournal(folder, {plan: plan.fingerprint, provider: plan.provider, startedAt: new Date().toISOString()}, (message) =>
        process.stderr.write(`chatcfg: warning: ${message}\n`),
      )
      const sdkAppIdKnown = (appKey: string | undefined) => appKey !== undefined && planning.load.config?.apps?.[appKey]?.sdkAppId !== undefined
      const report = await applyPlan(plan, provider, secrets, {
        onResult: (result, index, total) => {
          journal.record(result)
          process.stdout.write(renderApplyResult(result, index, total))
        },
        operator: (change) => {
          journal.flush()
          return walkThroughConsoleSteps(change, change.kind === 'app' && change.action === 'create' && !sdkAppIdKnown(change.appKey))
        },
      }).catch((error: unknown) => {
        journal.abort(error instanceof Error ? error.message : String(error))
        throw error
      })
      journal.finish(report.ok, report.results)
      process.stdout.write(`\n${renderApplySummary(report)}`)
      this.finish(report.ok ? ExitCode.ok : ExitCode.error)
    } finally {
      provider.close()
    }
  }
}
