import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {repositoryPaths} from '../cli/github.js'
import {readPlanFile} from '../index.js'
import {type PlanFormat, renderPlan} from '../render/plan.js'

export default class Show extends BaseCommand {
  static override summary = 'Show a plan saved by chatcfg plan --out'
  static override examples = [
    '<%= config.bin %> show plan.json',
    '<%= config.bin %> show plan.json --format markdown',
    '<%= config.bin %> show plan.json --format github',
  ]
  static override args = {plan: Args.string({description: 'saved plan file', required: true})}
  static override flags = {
    format: Flags.string({
      description: 'output format (github: annotations, then the plan as text)',
      options: ['text', 'markdown', 'json', 'github'],
      default: 'text',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Show)
    const saved = readPlanFile(args.plan, process.cwd())
    // A Markdown comment cut to size points at the text of the same saved plan, which holds every change.
    const markdown = {wholePlan: `the output of \`chatcfg show ${args.plan}\``}
    this.print(renderPlan(saved.plan, flags.format as PlanFormat, {color: this.color, markdown, repository: repositoryPaths(process.cwd(), process.env)}))
    this.finish(ExitCode.ok)
  }
}
