import {readFileSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {configPaths} from '../cli/config-paths.js'
import {ExitCode} from '../cli/exit-codes.js'
import {planArgs} from '../cli/plan-flags.js'
import {loadConfig} from '../config/load.js'
import {hasErrors} from '../diagnostics/diagnostic.js'
import type {Backend} from '../export/synth.js'
import {SECRET_UNTRACKED, terraformResources} from '../export/terraform.js'

function backendFrom(local: string | undefined, configFile: string | undefined): Backend {
  if (configFile) {
    let value: unknown
    try {
      value = JSON.parse(readFileSync(configFile, 'utf8'))
    } catch (error) {
      throw new Error(`cannot read backend configuration ${configFile}: ${(error as Error).message}`)
    }
    const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : []
    if (entries.length !== 1 || typeof entries[0][1] !== 'object')
      throw new Error(`${configFile} must hold one backend, such as {"s3": {"bucket": "…", "key": "…"}}`)
    return value as Backend
  }
  return {local: {path: local ?? 'terraform.tfstate'}}
}

export default class Synth extends BaseCommand {
  static override summary = 'Write a Terraform configuration (through cdktf) that applies this configuration'
  static override description =
    `One null_resource per chatcfg resource: its triggers are a hash of the resource's configuration plus its readable values, so terraform plan shows what changes; its provisioner runs chatcfg apply --target for that resource. Dependencies become depends_on. Secrets appear only as fingerprints keyed by CHATCFG_FINGERPRINT_KEY (without it they are not tracked). The output is the same on every machine.`
  static override examples = ['<%= config.bin %> synth --out terraform', '<%= config.bin %> synth --backend-config s3-backend.json']
  static override strict = false
  static override args = planArgs
  static override flags = {
    out: Flags.string({description: 'output folder', default: 'cdktf.out'}),
    'local-state': Flags.string({description: 'path of the local Terraform state, relative to the stack folder', default: 'terraform.tfstate'}),
    'backend-config': Flags.string({description: 'JSON file holding one Terraform backend block to use instead, such as {"s3": {…}}'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Synth)
    const cwd = process.cwd()
    const paths = configPaths(argv, cwd)
    const load = loadConfig(paths, {cwd, env: process.env})
    if (!load.config || hasErrors(load.diagnostics)) return this.failWithDiagnostics(load.files, load.diagnostics)
    const outdir = resolve(cwd, flags.out)
    const stackDir = resolve(outdir, 'stacks', 'chatcfg')
    const workingDir = relative(stackDir, cwd).split(sep).join('/') || '.'
    const fingerprintKey = process.env.CHATCFG_FINGERPRINT_KEY
    const resources = terraformResources(load.config, {configPaths: paths, workingDir, ...(fingerprintKey ? {fingerprintKey} : {})})
    if (resources.some((r) => Object.values(r.triggers).includes(SECRET_UNTRACKED))) {
      process.stderr.write(
        'chatcfg: warning: secrets are not tracked in the triggers; set CHATCFG_FINGERPRINT_KEY to a stable secret so a changed secret changes its resource\n',
      )
    }
    const {synthesize} = await import('../export/synth.js')
    const file = await synthesize(resources, {outdir, backend: backendFrom(flags['local-state'], flags['backend-config']), workingDir})
    process.stdout.write(`wrote ${relative(cwd, file)}: ${resources.length} resources\n`)
    this.finish(ExitCode.ok)
  }
}
