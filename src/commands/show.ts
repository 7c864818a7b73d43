import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {readPlanFile} from '../index.js'
import {type PlanFormat, renderPlan} from '../render/plan.js'

export default class Show extends BaseCommand {
  static override summary = 'Show a plan saved by chatcfg plan --out'
  static override examples = ['<%= config.bin %> show plan.json', '<%= config.bin %> show plan.json --format markdown']
  static override args = {plan: Args.string({description: 'saved plan file', required: true})}
  static override flags = {format: Flags.string({description: 'output format', options: ['text', 'markdown', 'json'], default: 'text'})}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Show)
    const saved = readPlanFile(args.plan, process.cwd())
    this.print(renderPlan(saved.plan, flags.format as PlanFormat, {color: this.color}))
    this.finish(ExitCode.ok)
  }
}
