import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {applyPlan} from '../../../src/apply/apply-plan.js'
import type {Change} from '../../../src/model/resource.js'
import {preparePlan} from '../../../src/operations/plan.js'
import {Emulator} from '../../../src/providers/emulator/emulator.js'
import {type EmulatorServer, serveEmulator} from '../../../src/providers/emulator/serve/server.js'
import {workspace} from '../../helpers.js'
import {createApp} from '../emulator/changes.js'

const APP_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const CREDENTIALS = {secretId: 'AKIDchatcfgLIFECYCLE000000000000000', secretKey: 'lifecycle-secret-key-000000000000'}
const ENV = {
  TENCENTCLOUD_SECRET_ID: CREDENTIALS.secretId,
  TENCENTCLOUD_SECRET_KEY: CREDENTIALS.secretKey,
  CHATCFG_APP_SECRET_KEY_1400000000: APP_KEY,
  CHATCFG_FINGERPRINT_KEY: 'lifecycle',
}

const config = (url: string, groupName = 'Ops') => `version: 1
provider:
  tencentcloud: { region: singapore, uin: 100000000001, endpoint: ${url} }
apps:
  support:
    name: Support Chat
    sdkAppId: 1400000000
    edition: standard
    tags: { team: support }
    messages: { recallLimitMinutes: 5 }
    userFields:
      Tier: { type: string, read: [app, admin], write: [admin] }
    accounts:
      administrator: { nick: Admin }
      alice: { nick: Alice, gender: female, custom: { Tier: gold } }
      bob: { nick: Bob }
      carol: {}
    groups:
      ops: { type: Work, name: ${groupName}, owner: alice, members: [bob, carol], introduction: On call }
policies:
  support-readers:
    statements:
      - { effect: allow, actions: ["im:Describe*"], apps: [support] }
    attach: { users: [100000000011] }
`

let emulator: Emulator
let server: EmulatorServer

beforeEach(async () => {
  emulator = Emulator.open({path: ':memory:', account: {uin: 100000000001, subUsers: [100000000011]}})
  // The app as someone made it in the console: the emulator hands out SDKAppID 1400000000.
  await emulator.apply(createApp('support', {name: 'Support Chat', edition: 'standard'}))
  server = await serveEmulator(emulator, {credentials: CREDENTIALS, appSecretKey: (id) => (id === 1400000000 ? APP_KEY : undefined)})
})
afterEach(async () => {
  await server.close()
  emulator.close()
})

/** The operator makes the console steps; in the emulator that is the same change, made by its console. */
const operator = async (change: Change) => {
  await emulator.apply({...change, ...(change.kind === 'app' ? {after: {...change.after, tags: change.before?.tags ?? {}}} : {})})
  return {}
}

async function plan(cwd: string) {
  const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env: ENV})
  if (!planning.ok) throw new Error(planning.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'))
  return planning
}

/** The built CLI in a child process, without blocking this process's event loop (the served emulator answers it). */
function chatcfgAsync(args: string[], cwd: string): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'bin', 'run.js'), ...args], {
      cwd,
      env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...ENV},
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

describe('the tencentcloud provider against emulator serve, over HTTP', () => {
  it('plans, applies, plans again with nothing to do, and finds drift', async () => {
    const cwd = workspace({'chatcfg.yaml': config(server.url)})

    const first = await plan(cwd)
    const byAddress = new Map(first.plan.changes.map((c) => [c.address, c]))
    // Console settings are manual changes with their steps; accounts, groups and policies go through the APIs.
    expect(byAddress.get('app.support.messages')?.manual?.[0]).toMatchObject({action: 'Set', field: 'recallLimitMinutes', value: 5})
    expect(byAddress.get('app.support.userField.Tier')?.manual?.[0]).toMatchObject({action: 'Add field', field: 'Tier'})
    expect(byAddress.get('app.support.account.alice')?.manual).toBeUndefined()
    expect(byAddress.get('app.support.group.ops')).toMatchObject({action: 'create'})
    expect(byAddress.get('policy.support-readers')).toMatchObject({action: 'create'})
    expect(first.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([])

    const report = await applyPlan(first.plan, first.provider, first.secrets, {operator})
    first.provider.close()
    expect(report.results.filter((r) => r.status !== 'applied')).toEqual([])

    // The service now holds what the APIs made; the record holds what the operator confirmed.
    expect(emulator.readOne('support', 'group', 'ops')?.attributes).toMatchObject({type: 'Work', name: 'Ops', owner: 'alice', members: ['bob', 'carol']})
    expect(emulator.readOne('support', 'account', 'alice')?.attributes).toMatchObject({nick: 'Alice', gender: 'female', custom: {Tier: 'gold'}})
    expect(emulator.policies().map((p) => [p.name, p.attributes.users])).toEqual([['support-readers', [100000000011]]])
    // CAM lists the sub-user under its own ID, which is not its UIN: the provider reads the UIN.
    expect(emulator.subUserId(100000000011)).not.toBe('100000000011')
    const record = JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8'))
    expect(Object.keys(record.resources)).toContain('app.support.messages')
    expect(record.resources['app.support'].computed).toEqual({sdkAppId: 1400000000})

    const second = await plan(cwd)
    second.provider.close()
    expect(second.plan.changes.map((c) => `${c.action} ${c.address} ${c.changedPaths.join(',')}`)).toEqual([])

    const clean = await chatcfgAsync(['drift'], cwd)
    expect(clean.code).toBe(0)

    // Someone renames the group through the service: drift names it.
    const group = emulator.readOne('support', 'group', 'ops')
    await emulator.apply({
      action: 'update',
      kind: 'group',
      address: 'app.support.group.ops',
      appKey: 'support',
      name: 'ops',
      after: {...group?.attributes, name: 'Renamed'},
    })
    const drifted = await chatcfgAsync(['drift'], cwd)
    expect(drifted.code).toBe(4)
    expect(drifted.stdout).toContain('app.support.group.ops')
  })

  it('shows console steps and recorded values in the plan, and who makes each change', async () => {
    const cwd = workspace({'chatcfg.yaml': config(server.url)})
    const shown = await chatcfgAsync(['plan'], cwd)
    expect(shown.stderr).toBe('')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('+ app.support.messages (create, manual)')
    expect(shown.stdout).toContain('1. Chat console › Support Chat (1400000000) › Feature Configuration › Login and Message › Set: recallLimitMinutes = 5')
    expect(shown.stdout).toMatch(/: 6 changes by API \(2 of them once the console steps are confirmed\), 6 console steps for an operator\.\n$/)
  })

  it('runs the team loop: plan on the pull request, apply on merge, console steps confirmed without a terminal, then nothing left', async () => {
    const cwd = workspace({'chatcfg.yaml': config(server.url)})
    // The pull request's comment says who makes what, and never that CI can finish it alone.
    const comment = await chatcfgAsync(['plan', '--format', 'markdown'], cwd)
    expect(comment.code).toBe(0)
    expect(comment.stdout).toMatch(/; 6 changes by API \(2 of them once the console steps are confirmed\), 6 console steps for an operator\./)
    expect(comment.stdout).not.toContain('ready to apply')

    // On merge, apply makes what an API can make now, and exits 5 with the checklist.
    const merged = await chatcfgAsync(['apply', '--auto-approve'], cwd)
    expect(merged.stderr).toBe('')
    expect(merged.code).toBe(5)
    expect(merged.stdout).toContain('Console steps pending for an operator (6):')
    expect(merged.stdout).toContain('app.support.userField.Tier (create):')
    expect(merged.stdout).toContain('Made by API once these are confirmed: app.support.account.alice, app.support.group.ops')
    expect(emulator.readOne('support', 'account', 'bob')?.attributes).toMatchObject({nick: 'Bob'})
    expect(emulator.policies().map((p) => p.name)).toEqual(['support-readers'])
    // Alice's profile sets the custom field the console has not made yet; the group she owns waits with her.
    expect(emulator.readOne('support', 'account', 'alice')).toBeUndefined()
    expect(emulator.readOne('support', 'group', 'ops')).toBeUndefined()
    const state = () => JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8'))
    const consoleOnly = [
      'app.support',
      'app.support.friends',
      'app.support.groupSettings',
      'app.support.login',
      'app.support.messages',
      'app.support.userField.Tier',
    ]
    expect(Object.keys(state().pending).sort()).toEqual(consoleOnly)

    const listed = await chatcfgAsync(['steps', 'list', '--format', 'json'], cwd)
    expect(listed.code).toBe(0)
    const checklist = JSON.parse(listed.stdout)
    const stepsSchema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'steps.schema.json'), 'utf8'))
    expect(new Ajv2020({strict: true}).validate(stepsSchema, checklist)).toBe(true)
    const addresses = checklist.steps.map((s: {address: string}) => s.address)
    expect([...addresses].sort()).toEqual(consoleOnly)
    expect(checklist.confirm).toBe(`chatcfg steps confirm ${addresses.join(' ')} --by NAME`)
    const markdown = await chatcfgAsync(['steps', 'list', '--format', 'markdown'], cwd)
    expect(markdown.stdout).toContain('- [ ] `app.support.messages` (create)')

    // The operator makes the steps in the console, then a workflow run records them with who made them.
    const now = await plan(cwd)
    now.provider.close()
    for (const change of now.plan.changes.filter((c) => c.manual)) await operator(change)
    const unnamed = await chatcfgAsync(['steps', 'confirm', ...addresses], cwd)
    expect(unnamed.code).toBe(1)
    expect(unnamed.stderr).toContain('--by NAME is required without a terminal')
    const confirmed = await chatcfgAsync(['steps', 'confirm', ...addresses, '--by', 'dana'], cwd)
    expect(confirmed.stderr).toBe('')
    expect(confirmed.code).toBe(0)
    expect(confirmed.stdout).toContain('Recorded the console steps of 6 changes, made by dana.')
    expect(confirmed.stdout).toContain('by the next chatcfg apply: app.support.account.alice, app.support.group.ops')
    expect(state().pending).toBeUndefined()
    expect(state().resources['app.support.messages']).toMatchObject({confirmedBy: 'dana', confirmedAt: expect.any(String)})

    // What waited for the steps goes through the APIs, and then nothing is left.
    const rest = await chatcfgAsync(['apply', '--auto-approve'], cwd)
    expect(rest.code).toBe(0)
    expect(emulator.readOne('support', 'group', 'ops')?.attributes).toMatchObject({owner: 'alice'})
    const after = await chatcfgAsync(['plan', '--detailed-exitcode'], cwd)
    expect(after.stdout).toContain('No changes')
    expect(after.code).toBe(0)
    const none = await chatcfgAsync(['steps', 'list'], cwd)
    expect(none.stdout).toBe('No console steps are pending.\n')

    // A change only an API makes applies without a terminal and exits 0.
    await import('node:fs').then(({writeFileSync}) => writeFileSync(join(cwd, 'chatcfg.yaml'), config(server.url, 'Ops team')))
    const apiOnly = await chatcfgAsync(['apply', '--auto-approve'], cwd)
    expect(apiOnly.code).toBe(0)
    expect(emulator.readOne('support', 'group', 'ops')?.attributes).toMatchObject({name: 'Ops team'})
  })

  it('refuses to confirm a step the configuration has changed since apply listed it, and one that is no console step', async () => {
    const cwd = workspace({'chatcfg.yaml': config(server.url)})
    expect((await chatcfgAsync(['apply', '--auto-approve'], cwd)).code).toBe(5)
    const {writeFileSync} = await import('node:fs')
    writeFileSync(join(cwd, 'chatcfg.yaml'), config(server.url).replace('recallLimitMinutes: 5', 'recallLimitMinutes: 10'))
    const stale = await chatcfgAsync(['steps', 'confirm', 'app.support.messages', '--by', 'dana'], cwd)
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('app.support.messages: the configuration changed since apply listed its console steps')
    const api = await chatcfgAsync(['steps', 'confirm', 'app.support.account.alice', 'app.support.mesages', '--by', 'dana'], cwd)
    expect(api.code).toBe(1)
    expect(api.stderr).toContain('app.support.account.alice is made by an API, not in the console')
    expect(api.stderr).toContain('app.support.mesages has no pending console step; did you mean "app.support.messages"?')
    expect(JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8')).resources['app.support.messages']).toBeUndefined()
  })

  it('says where the live value came from once a console setting is recorded', async () => {
    const cwd = workspace({'chatcfg.yaml': config(server.url)})
    const first = await plan(cwd)
    await applyPlan(first.plan, first.provider, first.secrets, {operator})
    first.provider.close()
    const changed = workspace({'chatcfg.yaml': config(server.url).replace('recallLimitMinutes: 5', 'recallLimitMinutes: 10')})
    const shown = await chatcfgAsync(['plan'], cwd)
    expect(shown.stdout).toContain('No changes')
    await import('node:fs').then(({copyFileSync}) => copyFileSync(join(changed, 'chatcfg.yaml'), join(cwd, 'chatcfg.yaml')))
    const again = await chatcfgAsync(['plan', '--format', 'json'], cwd)
    const messages = JSON.parse(again.stdout).changes.find((c: {address: string}) => c.address === 'app.support.messages')
    expect(messages).toMatchObject({action: 'update', recorded: expect.arrayContaining(['recallLimitMinutes']), changedPaths: ['recallLimitMinutes']})
    const drift = await chatcfgAsync(['drift'], cwd)
    expect(drift.code).toBe(4)
    expect(drift.stdout).toContain('app.support.messages: recallLimitMinutes is 5 in the record, 10 in the configuration')
  })

  it('keeps deletion protection where it lives: app tags through the Tag API, accounts and groups in the record', async () => {
    const protectedConfig = config(server.url)
      .replace('    edition: standard\n', '    edition: standard\n    protected: true\n')
      .replace('bob: { nick: Bob }', 'bob: { nick: Bob, protected: true }')
      .replace('introduction: On call }', 'introduction: On call, protected: true }')
    const cwd = workspace({'chatcfg.yaml': protectedConfig})
    const first = await plan(cwd)
    await applyPlan(first.plan, first.provider, first.secrets, {operator})
    first.provider.close()
    expect(emulator.readAll().find((r) => r.kind === 'app')?.attributes).toMatchObject({protected: true, tags: {team: 'support'}})
    expect(JSON.parse(readFileSync(join(cwd, 'chatcfg.state.json'), 'utf8')).protected).toEqual(['app.support.account.bob', 'app.support.group.ops'])
    const settled = await plan(cwd)
    settled.provider.close()
    expect(settled.plan.changes).toEqual([])

    // Deleting the group while dropping its protection in the same change is refused.
    const write = (yaml: string) => import('node:fs').then(({writeFileSync}) => writeFileSync(join(cwd, 'chatcfg.yaml'), yaml))
    await write(protectedConfig.replace(/ops: \{[^}]*\}/, 'ops: { type: Work, name: Ops, ensure: absent }'))
    const refused = await plan(cwd)
    refused.provider.close()
    expect(refused.plan.diagnostics.map((d) => d.code)).toEqual(['plan/protected'])
    expect(refused.plan.changes.map((c) => `${c.action} ${c.address} ${c.blockedBy.length > 0 ? 'blocked' : ''}`.trim())).toEqual([
      'delete app.support.group.ops blocked',
    ])

    // Lifting protection is a change of its own; once applied, the deletion goes through.
    await write(protectedConfig.replace('On call, protected: true }', 'On call }').replace('    protected: true\n', ''))
    const lifting = await plan(cwd)
    expect(lifting.plan.changes.map((c) => `${c.action} ${c.address} ${c.changedPaths.join(',')}`)).toEqual([
      'update app.support protected',
      'update app.support.group.ops protected',
    ])
    await applyPlan(lifting.plan, lifting.provider, lifting.secrets, {operator})
    lifting.provider.close()
    expect(emulator.readAll().find((r) => r.kind === 'app')?.attributes.protected).toBeUndefined()
    await write(protectedConfig.replace(/ops: \{[^}]*\}/, 'ops: { type: Work, name: Ops, ensure: absent }').replace('    protected: true\n', ''))
    const deleting = await plan(cwd)
    deleting.provider.close()
    expect(deleting.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(deleting.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete app.support.group.ops'])
  })

  it('converges with more than 50 apps, and with tag changes that only add and only remove', async () => {
    const many = Emulator.open({path: ':memory:', account: {uin: 100000000001}})
    const keys = Array.from({length: 51}, (_, i) => `app${String(i).padStart(2, '0')}`)
    for (const key of keys) await many.apply(createApp(key, {name: `App ${key}`, edition: 'standard'}))
    const manyServer = await serveEmulator(many, {credentials: CREDENTIALS, appSecretKey: () => APP_KEY})
    const manyOperator = async (change: Change) => {
      await many.apply({...change, ...(change.kind === 'app' ? {after: {...change.after, tags: change.before?.tags ?? {}}} : {})})
      return {}
    }
    const configure = (tags: (i: number) => string) =>
      `version: 1\nprovider:\n  tencentcloud: { region: singapore, uin: 100000000001, endpoint: ${manyServer.url} }\napps:\n${keys
        .map((key, i) => `  ${key}:\n    name: App ${key}\n    sdkAppId: ${1400000000 + i}\n    edition: standard\n    tags: {${tags(i)}}\n`)
        .join('')}`
    const env = {...ENV, CHATCFG_APP_SECRET_KEY: APP_KEY}
    const cwd = workspace({'chatcfg.yaml': configure((i) => `team: t${i}`)})
    const round = async (yaml: string) => {
      const {writeFileSync} = await import('node:fs')
      writeFileSync(join(cwd, 'chatcfg.yaml'), yaml)
      const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
      if (!planning.ok) throw new Error(planning.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'))
      const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator: manyOperator})
      planning.provider.close()
      expect(report.results.filter((r) => r.status !== 'applied')).toEqual([])
      const again = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
      if (!again.ok) throw new Error('the second plan failed')
      again.provider.close()
      expect(again.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([])
    }
    try {
      await round(configure((i) => `team: t${i}`))
      // Only added: eleven tags on one app, more than one call takes.
      await round(configure((i) => (i === 50 ? Array.from({length: 12}, (_, k) => `k${k}: v${k}`).join(', ') : `team: t${i}`)))
      expect(Object.keys((many.appResource(1400000050)?.attributes.tags as object) ?? {})).toHaveLength(12)
      // Only removed.
      await round(configure((i) => (i === 50 ? '' : `team: t${i}`)))
      expect(many.appResource(1400000050)?.attributes.tags ?? {}).toEqual({})
      expect(many.appResource(1400000000)?.attributes.tags).toEqual({team: 't0'})
    } finally {
      await manyServer.close()
      many.close()
    }
  })
})
