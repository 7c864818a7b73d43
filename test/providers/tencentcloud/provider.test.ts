import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {applyPlan} from '../../../src/apply/apply-plan.js'
import type {Attributes, Change} from '../../../src/model/resource.js'
import {preparePlan} from '../../../src/operations/plan.js'
import {Emulator} from '../../../src/providers/emulator/emulator.js'
import {type EmulatorServer, serveEmulator} from '../../../src/providers/emulator/serve/server.js'
import {workspace} from '../../helpers.js'

const APP_KEY = 'provider-test-app-secret-key-000000000000000000000000000000000000'
const CREDENTIALS = {secretId: 'AKIDchatcfgPROVIDER0000000000000000', secretKey: 'provider-test-secret-key-0000000000'}
const ENV = {TENCENTCLOUD_SECRET_ID: CREDENTIALS.secretId, TENCENTCLOUD_SECRET_KEY: CREDENTIALS.secretKey, CHATCFG_APP_SECRET_KEY: APP_KEY}

const opened: Array<{server: EmulatorServer; emulator: Emulator}> = []
afterEach(async () => {
  for (const {server, emulator} of opened.splice(0)) {
    await server.close()
    emulator.close()
  }
})

async function served(faults?: {seed: number; throttleRate: number}) {
  const emulator = Emulator.open({
    path: ':memory:',
    account: {uin: 100000000001},
    ...(faults ? {faults: {...faults, failureRate: 0, dropRate: 0, latencyMs: 0}} : {}),
  })
  const server = await serveEmulator(emulator, {credentials: CREDENTIALS, appSecretKey: () => APP_KEY})
  opened.push({server, emulator})
  return {emulator, server}
}

/** The operator makes the console steps on the emulator's console side; a new app gets the SDKAppID the emulator hands out. */
function consoleOperator(emulator: Emulator) {
  return async (change: Change): Promise<Attributes> => {
    const tags = change.kind === 'app' ? {after: {...change.after, tags: change.before?.tags ?? {}}} : {}
    await emulator.apply({...change, ...tags})
    if (change.kind === 'app' && change.action === 'create') return {sdkAppId: Number(emulator.appResource(1400000000)?.computed?.sdkAppId)}
    return {}
  }
}

async function planIn(cwd: string, env: Record<string, string> = ENV) {
  const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
  if (!planning.ok) throw new Error(planning.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'))
  return planning
}

describe('the tencentcloud provider', () => {
  it('walks a new app through the console, records its SDKAppID and defaults, then manages its accounts over REST', async () => {
    const {emulator, server} = await served()
    const cwd = workspace({
      'chatcfg.yaml': `version: 1
provider:
  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }
apps:
  fresh:
    name: Fresh
    messages: { recallLimitMinutes: 3 }
    accounts:
      dana: { nick: Dana }
`,
    })
    const first = await planIn(cwd)
    expect(first.plan.changes.find((c) => c.address === 'app.fresh')?.manual?.[0]).toMatchObject({
      action: 'Create Application, then note its SDKAppID',
      value: 'Fresh',
    })
    const report = await applyPlan(first.plan, first.provider, first.secrets, {operator: consoleOperator(emulator)})
    first.provider.close()
    expect(report.results.filter((r) => r.status !== 'applied')).toEqual([])
    const record = JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8'))
    expect(record.resources['app.fresh'].computed).toEqual({sdkAppId: 1400000000})
    expect(record.resources['app.fresh.login'].attributes).toMatchObject({multiDevice: 'dual'})
    expect(emulator.readOne('fresh', 'account', 'dana')?.attributes).toMatchObject({nick: 'Dana'})
    const again = await planIn(cwd)
    again.provider.close()
    expect(again.plan.changes.map((c) => c.address)).toEqual([])
  })

  it('records console secrets as fingerprints only', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.support', name: 'support', after: {name: 'Support', edition: 'premium'}})
    const cwd = workspace({
      'chatcfg.yaml': `version: 1
provider:
  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }
apps:
  support:
    name: Support
    sdkAppId: 1400000000
    edition: premium
    webhook: { url: "https://hooks.example.com/im", token: "\${env:HOOK_TOKEN}", events: [State.StateChange] }
    push:
      ios:
        prod: { type: apns, environment: production, bundleId: com.example.support, p12: "\${env:P12}", password: "\${env:P12_PASSWORD}" }
`,
    })
    const secrets = {HOOK_TOKEN: 'canary-hook-token-7f3a', P12: 'Y2FuYXJ5LXAxMi1ieXRlcw==', P12_PASSWORD: 'canary-p12-password-91c2'}
    const first = await planIn(cwd, {...ENV, ...secrets})
    const report = await applyPlan(first.plan, first.provider, first.secrets, {operator: consoleOperator(emulator)})
    first.provider.close()
    expect(report.ok).toBe(true)
    const text = readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8')
    for (const value of Object.values(secrets)) expect(text).not.toContain(value)
    expect(JSON.parse(text).resources['app.support.webhook'].attributes.token).toHaveProperty('$fingerprint')
    const again = await planIn(cwd, {...ENV, ...secrets})
    again.provider.close()
    expect(again.plan.changes.map((c) => c.address)).toEqual([])
    const rotated = await planIn(cwd, {...ENV, ...secrets, P12_PASSWORD: 'rotated'})
    rotated.provider.close()
    expect(rotated.plan.changes.map((c) => `${c.address} ${c.changedPaths.join(',')}`)).toEqual(['app.support.push.ios.prod password'])
  })

  it('rides out throttling from the service with backoff, and still converges', async () => {
    const {server} = await served({seed: 11, throttleRate: 0.15})
    const {emulator} = opened[0] as {emulator: Emulator}
    await emulator.apply({action: 'create', kind: 'app', address: 'app.busy', name: 'busy', after: {name: 'Busy', edition: 'standard'}}).catch(async () => {
      await emulator.apply({action: 'create', kind: 'app', address: 'app.busy', name: 'busy', after: {name: 'Busy', edition: 'standard'}})
    })
    const accounts = Array.from({length: 30}, (_, i) => `      user${i}: { nick: User ${i} }`).join('\n')
    const cwd = workspace({
      'chatcfg.yaml': `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }\napps:\n  busy:\n    name: Busy\n    sdkAppId: 1400000000\n    edition: standard\n    accounts:\n${accounts}\n    groups:\n      g1: { type: Public, name: G1, owner: user0, members: [user1, user2] }\n`,
    })
    const operator = async () => ({})
    for (let round = 0; round < 3; round++) {
      const planning = await planIn(cwd)
      const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator})
      planning.provider.close()
      if (report.ok && planning.plan.changes.length === 0) break
    }
    const final = await planIn(cwd)
    final.provider.close()
    expect(final.plan.changes.filter((c) => !c.manual).map((c) => c.address)).toEqual([])
    expect(emulator.readOne('busy', 'group', 'g1')?.attributes.members).toEqual(['user1', 'user2'])
    expect(emulator.faults.injected.throttle).toBeGreaterThan(0)
  }, 30_000)

  it('says which credentials are missing, at the provider block, without opening anything', async () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001 }\n'})
    const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env: {}})
    expect(planning.ok).toBe(false)
    if (!planning.ok) expect(planning.diagnostics.map((d) => `${d.code}@${d.source?.start.line}`)).toEqual(['config/credentials@3'])
  })

  it('points at a damaged state file with one located error, before anything is read or applied', async () => {
    const cwd = workspace({
      'chatcfg.yaml': 'version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001 }\n',
      'chatcfg.state.json': '{"formatVersion": 1, "resou',
    })
    const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env: ENV})
    expect(planning.ok).toBe(false)
    if (!planning.ok)
      expect(planning.diagnostics.map((d) => `${d.source?.file}:${d.source?.start.line}:${d.source?.start.column} ${d.code}`)).toEqual([
        'chatcfg.state.json:1:1 config/state-file',
      ])
  })

  it('reads the key pair and app keys from a credentials file, and names a broken one without showing it', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.support', name: 'support', after: {name: 'Support'}})
    const config = (file: string) =>
      `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url}, credentialsFile: ${file} }\napps:\n  support: { name: Support, sdkAppId: 1400000000, accounts: { eve: {} } }\n`
    const cwd = workspace({
      'chatcfg.yaml': config('secrets.json'),
      'secrets.json': JSON.stringify({secretId: CREDENTIALS.secretId, secretKey: CREDENTIALS.secretKey, appSecretKeys: {'1400000000': APP_KEY}}),
      'broken/chatcfg.yaml': config('secrets.json'),
      'broken/secrets.json': '{"secretKey": "canary-broken-secret',
    })
    const planning = await planIn(cwd, {})
    planning.provider.close()
    expect(planning.plan.changes.find((c) => c.address === 'app.support.account.eve')).toMatchObject({action: 'create'})
    const broken = await preparePlan({paths: ['chatcfg.yaml'], cwd: join(cwd, 'broken'), env: {}})
    expect(broken.ok).toBe(false)
    if (!broken.ok) {
      expect(broken.diagnostics.map((d) => d.code)).toEqual(['config/credentials'])
      expect(JSON.stringify(broken.diagnostics)).not.toContain('canary-broken-secret')
    }
  })

  it('converges where values hide in maps, owners sit among members, and a custom value is dropped', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.support', name: 'support', after: {name: 'Support', edition: 'standard'}})
    const config = (custom: string) => `version: 1
provider:
  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url}, admin: ops }
apps:
  support:
    name: Support
    sdkAppId: 1400000000
    edition: standard
    tags: { team: "\${env:TEAM}" }
    userFields:
      Tier: { type: string, read: [app, admin], write: [admin] }
      Zone: { type: string, read: [app, admin], write: [admin] }
    accounts:
      administrator: { nick: Admin }
      alice: { nick: Alice, custom: ${custom} }
      bob: {}
    groups:
      ops: { type: Work, name: Ops, owner: alice, members: [alice, bob], fields: {} }
`
    // The admin the calls are made as: made in the console, like every admin.
    await emulator.apply({action: 'create', kind: 'account', address: 'app.support.account.ops', appKey: 'support', name: 'ops', after: {type: 'admin'}})
    const cwd = workspace({'chatcfg.yaml': config('{ Tier: gold, Zone: eu }')})
    const env = {...ENV, TEAM: 'platform'}
    const operator = consoleOperator(emulator)
    const first = await planIn(cwd, env)
    expect(first.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const report = await applyPlan(first.plan, first.provider, first.secrets, {operator})
    first.provider.close()
    expect(report.results.filter((r) => r.status !== 'applied')).toEqual([])
    expect(emulator.appResource(1400000000)?.attributes.tags).toEqual({team: 'platform'})
    const settled = await planIn(cwd, env)
    settled.provider.close()
    expect(settled.plan.changes.map((c) => c.address)).toEqual([])

    const {writeFileSync} = await import('node:fs')
    writeFileSync(join(cwd, 'chatcfg.yaml'), config('{ Tier: gold }'))
    const dropped = await planIn(cwd, env)
    await applyPlan(dropped.plan, dropped.provider, dropped.secrets, {operator})
    dropped.provider.close()
    expect(emulator.readOne('support', 'account', 'alice')?.attributes.custom).toEqual({Tier: 'gold'})
    const again = await planIn(cwd, env)
    again.provider.close()
    expect(again.plan.changes.map((c) => c.address)).toEqual([])
  }, 20_000)

  it('deletes an app and plans cleanly afterwards, its console record gone with it', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.old', name: 'old', after: {name: 'Old', status: 'disabled'}})
    const config = (ensure: string) =>
      `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }\napps:\n  old: { name: Old, sdkAppId: 1400000000, status: disabled${ensure} }\n`
    const cwd = workspace({'chatcfg.yaml': config('')})
    const operator = consoleOperator(emulator)
    const first = await planIn(cwd)
    await applyPlan(first.plan, first.provider, first.secrets, {operator})
    first.provider.close()
    const {writeFileSync} = await import('node:fs')
    writeFileSync(join(cwd, 'chatcfg.yaml'), config(', ensure: absent'))
    const removal = await planIn(cwd)
    expect(removal.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete app.old'])
    const report = await applyPlan(removal.plan, removal.provider, removal.secrets, {operator})
    removal.provider.close()
    expect(report.ok).toBe(true)
    expect(Object.keys(JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8')).resources)).toEqual([])
    const after = await planIn(cwd)
    after.provider.close()
    expect(after.plan.changes).toEqual([])
  })

  it('plans and applies more custom policies than CAM takes per second, without being throttled', async () => {
    const {emulator, server} = await served()
    const policies = Array.from({length: 14}, (_, i) => `  reader-${i}:\n    statements: [{ effect: allow, actions: ["im:Describe*"], apps: ["*"] }]\n`).join(
      '',
    )
    const cwd = workspace({
      'chatcfg.yaml': `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }\npolicies:\n${policies}`,
    })
    const first = await planIn(cwd)
    const report = await applyPlan(first.plan, first.provider, first.secrets)
    first.provider.close()
    expect(report.ok).toBe(true)
    expect(emulator.policies()).toHaveLength(14)
    const again = await planIn(cwd)
    again.provider.close()
    expect(again.plan.changes).toEqual([])
    const created = server.stats.snapshot()['cam:CreatePolicy']
    expect(created).toMatchObject({requests: 14, throttled: 0})
    // Counted by the service as calls arrived: never more than CAM's 10 a second in any one-second window.
    expect(created?.peakPerSecond).toBeLessThanOrEqual(10)
  }, 20_000)

  it('takes an account that is already gone as deleted, as a retried batch finds it', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.free', name: 'free', after: {name: 'Free'}})
    await emulator.apply({action: 'create', kind: 'account', address: 'app.free.account.kept', appKey: 'free', name: 'kept', after: {type: 'general'}})
    const cwd = workspace({
      'chatcfg.yaml': `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${server.url} }\napps:\n  free: { name: Free, sdkAppId: 1400000000 }\n`,
    })
    const planning = await planIn(cwd)
    const remove = (name: string): Change => ({
      action: 'delete',
      kind: 'account',
      address: `app.free.account.${name}`,
      appKey: 'free',
      name,
      before: {type: 'general'},
    })
    const answers = await planning.provider.applyBatch?.([remove('kept'), remove('gone')])
    planning.provider.close()
    expect(answers).toEqual([undefined, undefined])
    expect(emulator.readOne('free', 'account', 'kept')).toBeUndefined()
  })
})

describe('the tencentcloud provider with large groups', () => {
  const app = (url: string, groups: string) => `version: 1
provider:
  tencentcloud: { region: singapore, uin: 100000000001, endpoint: ${url} }
apps:
  big:
    name: Big
    sdkAppId: 1400000000
    edition: premium
    groups:
${groups}`

  it('reads groups whose answers pass 1 MB a page of members at a time, and converges', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.big', name: 'big', after: {name: 'Big', edition: 'premium'}})
    const ids = Array.from({length: 2000}, (_, i) => `member-with-a-long-user-id-${String(i).padStart(5, '0')}`)
    for (const id of ids)
      await emulator.apply({action: 'create', kind: 'account', address: `app.big.account.${id}`, appKey: 'big', name: id, after: {type: 'general'}})
    const groups = ['g1', 'g2', 'g3', 'g4']
    for (const g of groups)
      await emulator.apply({
        action: 'create',
        kind: 'group',
        address: `app.big.group.${g}`,
        appKey: 'big',
        name: g,
        after: {type: 'Work', name: g, owner: ids[0] ?? '', members: ids.slice(1)},
      })
    const declared = groups.map((g) => `      ${g}: { type: Work, name: ${g}, owner: ${ids[0]}, members: [${ids.slice(1).join(', ')}] }\n`).join('')
    const cwd = workspace({'chatcfg.yaml': app(server.url, declared)})
    const planning = await planIn(cwd)
    planning.provider.close()
    // A group read without all its members would show them as added.
    expect(planning.plan.changes.filter((c) => c.kind === 'group')).toEqual([])
  })

  it('fails a group change naming the member the service did not add', async () => {
    const {emulator, server} = await served()
    await emulator.apply({action: 'create', kind: 'app', address: 'app.big', name: 'big', after: {name: 'Big', edition: 'premium'}})
    for (const id of ['busy', 'free'])
      await emulator.apply({action: 'create', kind: 'account', address: `app.big.account.${id}`, appKey: 'big', name: id, after: {type: 'general'}})
    // busy is in 1,000 groups already, the premium edition's most.
    for (let i = 0; i < 1000; i++)
      await emulator.apply({
        action: 'create',
        kind: 'group',
        address: `app.big.group.g${i}`,
        appKey: 'big',
        name: `g${i}`,
        after: {type: 'Work', name: `g${i}`, owner: 'busy'},
      })
    await emulator.apply({action: 'create', kind: 'group', address: 'app.big.group.ops', appKey: 'big', name: 'ops', after: {type: 'Work', name: 'Ops'}})
    const cwd = workspace({'chatcfg.yaml': app(server.url, '      ops: { type: Work, name: Ops, members: [busy, free] }\n')})
    const planning = await planIn(cwd)
    const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator: consoleOperator(emulator)})
    planning.provider.close()
    const group = report.results.find((r) => r.address === 'app.big.group.ops')
    expect(group).toMatchObject({status: 'failed', error: {code: 'chatcfg.MembersNotAdded'}})
    expect(group?.error?.message).toContain('busy (Result 0)')
    expect(emulator.readOne('big', 'group', 'ops')?.attributes.members).toEqual(['free'])
  })
})
