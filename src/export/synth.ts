import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {TerraformResource} from './terraform.js'

/** Where Terraform keeps its state: a local file, or any backend block passed through as is. */
export type Backend = {readonly local: {readonly path: string}} | Readonly<Record<string, Readonly<Record<string, unknown>>>>

export interface SynthOptions {
  readonly outdir: string
  readonly backend: Backend
  /** The folder the provisioners run in, relative to the stack's folder. */
  readonly workingDir: string
}

export const STACK = 'chatcfg'

/**
 * Writes the Terraform configuration through cdktf (imported here only, and lazily: it is large, it
 * costs other commands nothing, and it can be replaced without touching the rest). Returns the path of
 * the stack's cdk.tf.json.
 */
export async function synthesize(resources: readonly TerraformResource[], options: SynthOptions): Promise<string> {
  const {App, TerraformStack, LocalBackend} = await import('cdktf')
  const {provider, resource: nullResource} = await import('@cdktf/provider-null')
  const app = new App({outdir: options.outdir, skipValidation: true})
  const stack = new TerraformStack(app, STACK)
  const local = 'local' in options.backend && typeof options.backend.local?.path === 'string' ? options.backend.local.path : 'terraform.tfstate'
  // cdktf's default local backend writes an absolute path; an explicit relative one keeps output the same everywhere.
  new LocalBackend(stack, {path: local})
  new provider.NullProvider(stack, 'null')
  const created = new Map<string, InstanceType<typeof nullResource.Resource>>()
  for (const r of resources) {
    const dependsOn = r.dependsOn.map((name) => created.get(name)).filter((d): d is InstanceType<typeof nullResource.Resource> => d !== undefined)
    created.set(
      r.name,
      new nullResource.Resource(stack, r.name, {
        triggers: {...r.triggers, address: r.address},
        ...(dependsOn.length > 0 ? {dependsOn} : {}),
        provisioners: [{type: 'local-exec', command: r.command, workingDir: options.workingDir}],
      }),
    )
  }
  app.synth()
  const file = join(options.outdir, 'stacks', STACK, 'cdk.tf.json')
  if (!('local' in options.backend)) {
    // cdktf always writes a local backend; another backend block replaces it as given.
    const json = JSON.parse(readFileSync(file, 'utf8'))
    json.terraform.backend = options.backend
    json['//'].metadata.backend = Object.keys(options.backend)[0]
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`)
  }
  return file
}
