import {readFileSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import type {Backend} from '../export/synth.js'
import {SECRET_UNTRACKED, terraformResources} from '../export/terraform.js'
import {configPaths} from './config-paths.js'
import type {Invalid} from './plan.js'
import type {ConfigRequest} from './request.js'
import {validateConfiguration} from './validate.js'

export interface SynthRequest extends ConfigRequest {
  /** Output folder. */
  readonly out: string
  /** Path of the local Terraform state, relative to the stack folder. */
  readonly localState?: string
  /** JSON file holding one Terraform backend block to use instead of the local one. */
  readonly backendConfig?: string
}

export type SynthOutcome =
  | Invalid
  | {
      readonly ok: true
      /** The Terraform JSON written, relative to the working directory. */
      readonly file: string
      readonly resources: number
      /** Secrets are left out of the triggers: no CHATCFG_FINGERPRINT_KEY to fingerprint them with. */
      readonly secretsUntracked: boolean
    }

function backendFrom(cwd: string, local: string | undefined, configFile: string | undefined): Backend {
  if (configFile) {
    let value: unknown
    try {
      value = JSON.parse(readFileSync(resolve(cwd, configFile), 'utf8'))
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

/** `chatcfg synth`: a Terraform configuration (through cdktf) with one resource per chatcfg resource, applying it through chatcfg. */
export async function synthesizeTerraform(request: SynthRequest): Promise<SynthOutcome> {
  const {cwd} = request
  const paths = configPaths(request.paths, cwd)
  const {load, config} = validateConfiguration({...request, paths})
  if (!config) return {ok: false, files: load.files, diagnostics: load.diagnostics}
  const outdir = resolve(cwd, request.out)
  const stackDir = resolve(outdir, 'stacks', 'chatcfg')
  const workingDir = relative(stackDir, cwd).split(sep).join('/') || '.'
  const fingerprintKey = request.env.CHATCFG_FINGERPRINT_KEY
  const resources = terraformResources(config, {configPaths: paths, workingDir, ...(fingerprintKey ? {fingerprintKey} : {})})
  const backend = backendFrom(cwd, request.localState, request.backendConfig)
  // cdktf is heavy: loaded only when synthesizing.
  const {synthesize} = await import('../export/synth.js')
  const file = await synthesize(resources, {outdir, backend, workingDir})
  const secretsUntracked = resources.some((r) => Object.values(r.triggers).includes(SECRET_UNTRACKED))
  return {ok: true, file: relative(cwd, file), resources: resources.length, secretsUntracked}
}
