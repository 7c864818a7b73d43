import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {synthesize} from '../../src/export/synth.js'
import {terraformResources} from '../../src/export/terraform.js'
import {chatcfg, loadChecked, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const GOLDEN = join(ROOT, 'test', 'fixtures', 'synth')
const ENV = {WEBHOOK_TOKEN: 'synth-token-s3cret', HUAWEI_APP_SECRET: 'synth-huawei-s3cret', APNS_P12_PASSWORD: 'synth-p12-s3cret'}

/** Synthesizes a configuration as `chatcfg synth` run from the repository root would, into a scratch folder. */
async function synth(paths: string[], cwd = ROOT, env: Record<string, string> = ENV): Promise<{json: string; value: TerraformJson}> {
  const load = loadChecked(paths, {cwd, env})
  if (!load.config) throw new Error(load.diagnostics.map((d) => d.message).join('; '))
  const resources = terraformResources(load.config, {configPaths: paths, workingDir: '../../..', fingerprintKey: 'golden-synth'})
  const file = await synthesize(resources, {outdir: workspace({}), backend: {local: {path: 'terraform.tfstate'}}, workingDir: '../../..'})
  const json = readFileSync(file, 'utf8')
  return {json, value: JSON.parse(json) as TerraformJson}
}

interface NullResource {
  triggers: Record<string, string>
  depends_on?: string[]
  provisioner: Array<{'local-exec': {command: string; working_dir: string}}>
}
interface TerraformJson {
  provider: {null: object[]}
  resource: {null_resource: Record<string, NullResource>}
  terraform: {backend: Record<string, {path?: string}>; required_providers: {null: {source: string; version: string}}}
}

describe('chatcfg synth', () => {
  it.each(['quickstart', 'premium-complete', 'staging-production', 'access-policies'])(
    '%s synthesizes to its committed cdk.tf.json byte for byte',
    async (name) => {
      const {json} = await synth([`examples/${name}`])
      const golden = join(GOLDEN, `${name}.cdk.tf.json`)
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, json)
      expect(json).toBe(readFileSync(golden, 'utf8'))
    },
  )

  it('is valid Terraform JSON for what it uses, with no secret and no absolute path in it', async () => {
    const {json, value} = await synth(['examples/premium-complete'])
    expect(Object.keys(value).sort()).toEqual(['//', 'provider', 'resource', 'terraform'])
    expect(value.provider.null).toEqual([{}])
    expect(value.terraform.required_providers.null).toMatchObject({source: 'null'})
    expect(Object.keys(value.terraform.backend)).toEqual(['local'])
    const resources = value.resource.null_resource
    for (const [name, resource] of Object.entries(resources)) {
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/)
      expect(Object.values(resource.triggers).every((v) => typeof v === 'string')).toBe(true)
      expect(resource.provisioner).toHaveLength(1)
      expect(resource.provisioner[0]['local-exec'].command).toMatch(/^npx chatcfg apply --auto-approve --target \S+ examples\/premium-complete$/)
      for (const dependency of resource.depends_on ?? []) expect(Object.keys(resources)).toContain(dependency.replace(/^null_resource\./, ''))
    }
    expect(resources.app_support_group_agents.depends_on).toEqual(
      expect.arrayContaining(['null_resource.app_support', 'null_resource.app_support_account_agent-ana', 'null_resource.app_support_groupField_region_code']),
    )
    for (const secret of Object.values(ENV)) expect(json).not.toContain(secret)
    expect(json).not.toContain(ROOT)
  })

  it('changing one setting changes exactly one resource’s triggers', async () => {
    const config = readFileSync(join(ROOT, 'examples', 'quickstart', 'chatcfg.yaml'), 'utf8')
    const before = workspace({'chatcfg.yaml': config})
    const after = workspace({'chatcfg.yaml': config.replace('recallLimitMinutes: 5', 'recallLimitMinutes: 6')})
    const a = (await synth(['chatcfg.yaml'], before)).value.resource.null_resource
    const b = (await synth(['chatcfg.yaml'], after)).value.resource.null_resource
    const changed = Object.keys(a).filter((name) => JSON.stringify(a[name].triggers) !== JSON.stringify(b[name].triggers))
    expect(changed).toEqual(['app_demo_messages'])
    expect(b.app_demo_messages.triggers.recallLimitMinutes).toBe('6')
  })

  it('the command writes the same JSON in any folder, and passes another backend through', () => {
    const config = readFileSync(join(ROOT, 'examples', 'quickstart', 'chatcfg.yaml'), 'utf8')
    const [first, second] = [workspace({'chatcfg.yaml': config}), workspace({'chatcfg.yaml': config})]
    for (const cwd of [first, second])
      expect(chatcfg(['synth', '--out', 'tf'], cwd)).toMatchObject({code: 0, stdout: 'wrote tf/stacks/chatcfg/cdk.tf.json: 11 resources\n'})
    const read = (cwd: string) => readFileSync(join(cwd, 'tf', 'stacks', 'chatcfg', 'cdk.tf.json'), 'utf8')
    expect(read(first)).toBe(read(second))
    writeFileSync(join(first, 'backend.json'), '{"s3": {"bucket": "chat-state", "key": "chatcfg.tfstate"}}')
    expect(chatcfg(['synth', '--out', 'tf', '--backend-config', 'backend.json'], first).code).toBe(0)
    expect(JSON.parse(read(first)).terraform.backend).toEqual({s3: {bucket: 'chat-state', key: 'chatcfg.tfstate'}})
  })

  it('keeps cdktf out of every module but one, so other commands do not pay for it', () => {
    const importers = execFileSync('grep', ['-rlE', "from 'cdktf'|import\\('cdktf'\\)|@cdktf/provider-null", join(ROOT, 'src')], {encoding: 'utf8'})
      .trim()
      .split('\n')
    expect(importers.map((file) => file.slice(ROOT.length + 1))).toEqual(['src/export/synth.ts'])
    expect(readdirSync(join(ROOT, 'dist', 'commands'))).toContain('synth.js')
    expect(readFileSync(join(ROOT, 'dist', 'commands', 'synth.js'), 'utf8')).not.toMatch(/^import .* from ['"](cdktf|\.\.\/export\/synth\.js)['"]/m)
  })
})
