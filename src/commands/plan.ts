import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode, exitCodeForPlan} from '../cli/exit-codes.js'
import {pathArgs, planFlags} from '../cli/flags.js'
import {appendJobSummary, jobSummaryFile, repositoryPaths, wholePlanAt} from '../cli/github.js'
import {planFromFiles} from '../index.js'
import {renderValidation} from '../render/diagnostics.js'
import {type PlanFormat, renderPlan} from '../render/plan.js'
import {JOB_SUMMARY_BUDGET, renderInvalidMarkdown, renderPlanMarkdown} from '../render/plan-markdown.js'

export default class Plan extends BaseCommand {
  static override summary = 'Show what would change to make live state match the configuration'
  static override description = `Reads live state, diffs it against the configuration and checks every rule that needs live state. Applies nothing.
Exit codes: 0 no changes (or changes, without --detailed-exitcode), 1 error, 2 changes pending (with --detailed-exitcode), 3 blocked by a rule.`
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan --detailed-exitcode',
    '<%= config.bin %> plan --target app.support.webhook',
    '<%= config.bin %> plan --format markdown --out plan.json --job-summary > comment.md',
  ]
  static override strict = false
  static override args = pathArgs
  static override flags = {
    ...planFlags,
    'detailed-exitcode': Flags.boolean({description: 'exit 2 when there are changes to apply'}),
    format: Flags.string({
      description: 'output format (github: annotations, then the plan as text)',
      options: ['text', 'markdown', 'json', 'github'],
      default: 'text',
    }),
    out: Flags.string({description: 'save the plan to this file, for chatcfg apply FILE (it holds no secret values)'}),
    'job-summary': Flags.boolean({description: 'also write the whole plan, in Markdown, to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY)'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Plan)
    const format = flags.format as PlanFormat
    const summary = flags['job-summary'] ? jobSummaryFile(process.env) : undefined
    const repository = repositoryPaths(process.cwd(), process.env)
    const request = {...this.configRequest(argv), targets: flags.target, force: flags.force, out: flags.out, toolVersion: this.config.version}
    const outcome = await planFromFiles(request)
    if (!outcome.ok) {
      // The comment CI keeps up to date shows the errors too: it carries the same marker.
      if (format === 'markdown') this.print(renderInvalidMarkdown(outcome))
      else this.print(renderValidation({...outcome, apps: 0, policies: 0}, format, {color: this.color, repository}))
      if (summary) appendJobSummary(summary, renderInvalidMarkdown(outcome, {budget: JOB_SUMMARY_BUDGET}))
      return this.finish(ExitCode.error)
    }
    const saved = wholePlanAt({savedPlan: flags.out})
    if (summary) appendJobSummary(summary, renderPlanMarkdown(outcome.plan, {budget: JOB_SUMMARY_BUDGET, ...(saved ? {wholePlan: saved} : {})}))
    const wholePlan = wholePlanAt({jobSummary: Boolean(summary), savedPlan: flags.out})
    this.print(renderPlan(outcome.plan, format, {color: this.color, markdown: wholePlan ? {wholePlan} : {}, repository}))
    this.finish(exitCodeForPlan(outcome.status, flags['detailed-exitcode']))
  }
}
