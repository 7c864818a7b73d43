import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../cli/exit-codes.js'
import {pathArgs} from '../cli/flags.js'
import {synthesizeTerraform} from '../index.js'

export default class Synth extends BaseCommand {
  static override summary = 'Write a Terraform configuration (through cdktf) that applies this configuration'
  static override description =
    `One null_resource per chatcfg resource: its triggers are a hash of the resource's configuration plus its readable values, so terraform plan shows what changes; its provisioner runs chatcfg apply --target for that resource. Dependencies become depends_on. Secrets appear only as fingerprints keyed by CHATCFG_FINGERPRINT_KEY (without it they are not tracked). The output is the same on every machine.`
  static override examples = ['<%= config.bin %> synth --out terraform', '<%= config.bin %> synth --backend-config s3-backend.json']
  static override strict = false
  static override args = pathArgs
  static override flags = {
    out: Flags.string({description: 'output folder', default: 'cdktf.out'}),
    'local-state': Flags.string({description: 'path of the local Terraform state, relative to the stack folder', default: 'terraform.tfstate'}),
    'backend-config': Flags.string({description: 'JSON file holding one Terraform backend block to use instead, such as {"s3": {…}}'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Synth)
    const backend = flags['backend-config'] ? {backendConfig: flags['backend-config']} : {}
    const outcome = await synthesizeTerraform({...this.configRequest(argv), out: flags.out, localState: flags['local-state'], ...backend})
    if (!outcome.ok) return this.failWithDiagnostics(outcome)
    if (outcome.secretsUntracked) {
      this.warning('secrets are not tracked in the triggers; set CHATCFG_FINGERPRINT_KEY to a stable secret so a changed secret changes its resource')
    }
    this.print(`wrote ${outcome.file}: ${outcome.resources} resources\n`)
    this.finish(ExitCode.ok)
  }
}
