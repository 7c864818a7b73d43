import {describe, expect, it} from 'vitest'
import {HISTORY_CHANGE_INTERVAL_MS} from '../../src/model/editions.js'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {renderPlanText} from '../../src/render/plan-text.js'
import {createApp} from '../providers/emulator/changes.js'
import {actions, converge, errorCodes, planFor} from './harness.js'

const app = (body: string, key = 'demo', head = '') =>
  `version: 1\n${head}apps:\n  ${key}:\n    name: Demo\n${body
    .split('\n')
    .filter(Boolean)
    .map((l) => `    ${l}`)
    .join('\n')}\n`

const fresh = () => Emulator.open({path: ':memory:', account: {subUsers: [100000000011]}})

interface Scenario {
  readonly name: string
  /** Configuration applied first (live state), if any. */
  readonly live?: string
  readonly desired: string
  readonly actions: readonly string[]
  readonly errors?: readonly string[]
  readonly force?: boolean
}

const scenarios: Scenario[] = [
  {
    name: 'a new app is created with only what differs from a new app',
    desired: app('messages: { recallLimitMinutes: 5 }'),
    actions: ['create app.demo', 'update app.demo.messages'],
  },
  {
    name: 'nothing to do once applied',
    live: app('userFields: { Tier: { read: [app], write: [admin] } }'),
    desired: app('userFields: { Tier: { read: [app], write: [admin] } }'),
    actions: [],
  },
  {name: 'a changed setting is an update', live: app(''), desired: app('login: { multiDevice: single }'), actions: ['update app.demo.login']},
  {
    name: 'permissions of a field may change',
    live: app('userFields: { Tier: { read: [app], write: [admin] } }'),
    desired: app('userFields: { Tier: { read: [app, admin], write: [admin] } }'),
    actions: ['update app.demo.userField.Tier'],
  },
  {
    name: 'a custom field missing from the configuration is never deleted',
    live: app('userFields: { Tier: { read: [app], write: [admin] } }'),
    desired: app(''),
    actions: [],
    errors: ['plan/undeletable-field'],
  },
  {
    name: 'a custom field keeps its type',
    live: app('userFields: { Tier: { read: [app], write: [admin] } }'),
    desired: app('userFields: { Tier: { type: bytes, read: [app], write: [admin] } }'),
    actions: ['!update app.demo.userField.Tier'],
    errors: ['plan/immutable'],
  },
  {
    name: 'group types are never removed from a field',
    live: app('groupFields: { region: { groupTypes: { Work: {}, Public: {} } } }'),
    desired: app('groupFields: { region: { groupTypes: { Work: {} } } }'),
    actions: [],
    errors: ['plan/group-type-removed'],
  },
  {
    name: 'an edition never goes down',
    live: app('edition: premium'),
    // Standard's free history period is shorter, so the history setting follows; the whole plan is blocked.
    desired: app('edition: standard'),
    actions: ['update app.demo.messages', '!update app.demo'],
    errors: ['plan/edition-downgrade'],
  },
  {
    name: 'an upgrade is ordered before the premium features it unlocks',
    live: app('edition: standard'),
    desired: app('edition: premium\nmessages: { userStatus: true }'),
    actions: ['update app.demo', 'update app.demo.messages'],
  },
  {
    name: 'features are turned off before an edition that lacks them',
    live: app('edition: developer\nmessages: { userStatus: true }'),
    desired: app('edition: standard'),
    actions: ['update app.demo.messages', 'update app.demo'],
  },
  {
    name: 'an account keeps its type',
    live: app('accounts: { ops: { type: general } }'),
    desired: app('accounts: { ops: { type: admin } }'),
    actions: ['!update app.demo.account.ops'],
    errors: ['plan/immutable'],
  },
  {
    name: 'a group keeps its type',
    live: app('accounts: { a: {} }\ngroups: { g: { type: Work, name: G, owner: a } }'),
    desired: app('accounts: { a: {} }\ngroups: { g: { type: Public, name: G, owner: a } }'),
    actions: ['!update app.demo.group.g'],
    errors: ['plan/immutable'],
  },
  {
    name: 'limits count live resources the configuration does not mention',
    live: app(`accounts:\n${Array.from({length: 9}, (_, i) => `  admin${i}: { type: admin }`).join('\n')}`),
    desired: app('accounts: { one-more: { type: admin } }'),
    actions: ['create app.demo.account.one-more'],
    errors: ['plan/limit-exceeded'],
  },
  {name: 'accounts left out of the configuration are left alone', live: app('accounts: { a: {}, b: {} }'), desired: app('accounts: { a: {} }'), actions: []},
  {
    name: 'an account is deleted only on request',
    live: app('accounts: { a: {}, b: {}, c: {} }'),
    desired: app('accounts: { a: { ensure: absent } }'),
    actions: ['delete app.demo.account.a'],
  },
  {
    name: 'a requested app deletion disables the app first',
    live: app(''),
    desired: app('status: disabled\nensure: absent'),
    actions: ['update app.demo', 'delete app.demo'],
  },
  {name: 'deleting an app that does not exist is nothing to do', desired: app('status: disabled\nensure: absent'), actions: []},
  {
    name: 'a webhook leaves with the configuration',
    live: app('webhook: { url: https://h.example.com/im }'),
    desired: app(''),
    actions: ['delete app.demo.webhook'],
  },
  {
    name: 'deleting most of a kind needs --force',
    live: app('accounts: { a: {} }\ngroups: { g1: { type: Work, name: G1 }, g2: { type: Work, name: G2 }, g3: { type: Work, name: G3 } }'),
    desired: app('accounts: { a: {} }\ngroups: { g1: { type: Work, name: G1, ensure: absent }, g2: { type: Work, name: G2, ensure: absent } }'),
    actions: ['!delete app.demo.group.g1', '!delete app.demo.group.g2'],
    errors: ['plan/unsafe'],
  },
  {
    name: '--force allows it',
    live: app('groups: { g1: { type: Work, name: G1 }, g2: { type: Work, name: G2 } }'),
    desired: app('groups: { g1: { type: Work, name: G1, ensure: absent }, g2: { type: Work, name: G2, ensure: absent } }'),
    actions: ['delete app.demo.group.g1', 'delete app.demo.group.g2'],
    force: true,
  },
  {
    name: 'groups are created after the accounts and fields they use',
    desired: app(
      'accounts: { a: {} }\ngroupFields: { region: { groupTypes: { Work: {} } } }\ngroups: { g: { type: Work, name: G, owner: a, fields: { region: eu } } }',
    ),
    actions: ['create app.demo', 'create app.demo.groupField.region', 'create app.demo.account.a', 'create app.demo.group.g'],
  },
  {
    name: 'a member list emptied removes every member',
    live: app('accounts: { a: {}, b: {} }\ngroups: { g: { type: Work, name: G, owner: a, members: [b] } }'),
    desired: app('accounts: { a: {}, b: {} }\ngroups: { g: { type: Work, name: G, owner: a, members: [] } }'),
    actions: ['update app.demo.group.g'],
  },
  {
    name: 'a tag removed from the configuration is removed',
    live: app('tags: { team: a, cost: b }'),
    desired: app('tags: { team: a }'),
    actions: ['update app.demo'],
  },
  {
    name: 'the administrator of a new app needs no type',
    desired: app('accounts: { administrator: { nick: Admin } }'),
    actions: ['create app.demo', 'update app.demo.account.administrator'],
  },
  {
    name: 'a webhook token dropped from the configuration is removed',
    live: app('webhook: { url: https://h.example.com/im, token: t0k3n }'),
    desired: app('webhook: { url: https://h.example.com/other }'),
    actions: ['update app.demo.webhook'],
  },
  {
    name: 'a webhook does not move between prefix ports',
    live: app('webhook: { url: "https://h.example.com/im" }'),
    desired: app('webhook: { url: "https://h.example.com:4433/im" }'),
    actions: ['!update app.demo.webhook'],
    errors: ['plan/webhook-port'],
  },
  {
    name: 'a group owner that is not a registered account is refused',
    live: app('accounts: { alice: {}, bob: {} }'),
    desired: app('groups: { ops: { type: Work, name: Ops, owner: alcie, members: [bob] } }'),
    actions: ['!create app.demo.group.ops'],
    errors: ['plan/unregistered-account'],
  },
  {
    name: 'group owners and members may be live accounts or created by the same plan',
    live: app('accounts: { alice: {} }'),
    desired: app('accounts: { bob: {} }\ngroups: { ops: { type: Work, name: Ops, owner: alice, members: [bob] } }'),
    actions: ['create app.demo.account.bob', 'create app.demo.group.ops'],
  },
  {
    name: 'a policy is attached only to sub-users the account has',
    live: app(
      '',
      'demo',
      'policies:\n  readers:\n    statements:\n      - { effect: allow, actions: [Describe*], apps: ["*"] }\n    attach: { users: [100000000011] }\n',
    ),
    desired: app(
      '',
      'demo',
      'policies:\n  readers:\n    statements:\n      - { effect: allow, actions: [Describe*], apps: ["*"] }\n    attach: { users: [100000000011, 100000000099] }\n',
    ),
    actions: ['!update policy.readers'],
    errors: ['plan/unknown-principal'],
  },
  {
    name: 'accounts are deleted only on developer apps',
    live: app('edition: premium\naccounts: { a: {}, b: {}, c: {}, d: {} }'),
    desired: app('edition: premium\naccounts: { a: { ensure: absent } }'),
    actions: ['!delete app.demo.account.a'],
    errors: ['plan/account-deletion'],
  },
  {name: 'an SDKAppID the account does not have', desired: app('sdkAppId: 1400999999'), actions: [], errors: ['plan/unknown-app']},
  // Push certificates: the console cannot restore a deleted one, so only a request deletes it
  {
    name: 'a push certificate left out of the configuration is kept',
    live: app('push: { android: { mi: { appId: "1", appSecret: s } } }'),
    desired: app(''),
    actions: [],
  },
  {
    name: 'a push certificate is deleted on request, without its values',
    live: app('push: { android: { mi: { appId: "1", appSecret: s } }, ios: { prod: { p12: UDEy, password: pw } } }'),
    desired: app('push: { android: { mi: { ensure: absent } }, ios: { prod: { ensure: absent } } }'),
    actions: ['delete app.demo.push.android.mi', 'delete app.demo.push.ios.prod'],
    force: true,
  },
  // Deletion protection is read from the live resource
  {
    name: 'dropping protection and deleting in one change is refused',
    live: app('protected: true'),
    desired: app('status: disabled\nensure: absent'),
    actions: ['!update app.demo', '!delete app.demo'],
    errors: ['plan/protected'],
  },
  {name: 'dropping protection is a change of its own', live: app('protected: true'), desired: app(''), actions: ['update app.demo']},
  {name: 'an unprotected app is deleted', live: app(''), desired: app('status: disabled\nensure: absent'), actions: ['update app.demo', 'delete app.demo']},
  {
    name: 'a group protected where it lives is not deleted',
    live: app('groups: { g: { type: Work, name: G, protected: true } }'),
    desired: app('groups: { g: { type: Work, name: G, ensure: absent } }'),
    actions: ['!delete app.demo.group.g'],
    errors: ['plan/protected'],
  },
  {
    name: 'an account protected where it lives is not deleted',
    live: app('accounts: { a: { protected: true } }'),
    desired: app('accounts: { a: { ensure: absent } }'),
    actions: ['!delete app.demo.account.a'],
    errors: ['plan/protected'],
  },
  {
    name: 'a push certificate protected where it lives is not deleted',
    live: app('push: { android: { mi: { appId: "1", appSecret: s, protected: true } } }'),
    desired: app('push: { android: { mi: { ensure: absent } } }'),
    actions: ['!delete app.demo.push.android.mi'],
    errors: ['plan/protected'],
  },
  {
    name: 'protection lifted from a push certificate',
    live: app('push: { android: { mi: { appId: "1", appSecret: s, protected: true } } }'),
    desired: app('push: { android: { mi: { appId: "1", appSecret: s } } }'),
    actions: ['update app.demo.push.android.mi'],
  },
  // Apps: only developer apps are disabled and deleted by their owner; TRTC is only ever activated
  {name: 'a developer app is disabled', live: app(''), desired: app('status: disabled'), actions: ['update app.demo']},
  {
    name: 'a standard app is not disabled by its owner',
    live: app('edition: standard'),
    desired: app('edition: standard\nstatus: disabled'),
    actions: ['!update app.demo'],
    errors: ['plan/paid-app-lifecycle'],
  },
  {
    name: 'a developer app upgraded and disabled in one change is a paid app disabled',
    live: app(''),
    desired: app('edition: premium\nstatus: disabled'),
    actions: ['!update app.demo', 'update app.demo.messages'],
    errors: ['plan/paid-app-lifecycle'],
  },
  {
    name: 'a premium app is not deleted by its owner',
    live: app('edition: premium'),
    desired: app('edition: premium\nstatus: disabled\nensure: absent'),
    actions: ['!update app.demo', '!delete app.demo'],
    errors: ['plan/paid-app-lifecycle', 'plan/paid-app-lifecycle'],
  },
  {name: 'TRTC is activated', live: app(''), desired: app('trtc: true'), actions: ['update app.demo']},
  {name: 'TRTC is never deactivated', live: app('trtc: true'), desired: app('trtc: false'), actions: ['!update app.demo'], errors: ['plan/one-way']},
  {name: 'TRTC left out of the configuration stays on', live: app('trtc: true'), desired: app(''), actions: ['!update app.demo'], errors: ['plan/one-way']},
]

describe('plans', () => {
  it.each(scenarios)('$name', async ({live, desired, actions: expected, errors = [], force}) => {
    const emulator = fresh()
    if (live) await converge(emulator, live)
    const {plan} = await planFor(emulator, desired, {force: force === true})
    expect(actions(plan)).toEqual(expected)
    expect(errorCodes(plan)).toEqual(errors)
  })

  it('names an unregistered group owner at its YAML line, with the nearest account', async () => {
    const emulator = fresh()
    await converge(emulator, app('accounts: { alice: {}, bob: {} }'))
    const {plan} = await planFor(emulator, app('groups: { ops: { type: Work, name: Ops, owner: alcie, members: [bob, dave] } }'))
    const found = plan.diagnostics.filter((d) => d.code === 'plan/unregistered-account').map((d) => [d.source?.start.line, d.message])
    expect(found).toEqual([
      [
        5,
        'owner "alcie" of group ops is not a registered account in app demo, and the service refuses it (70107): declare it under accounts, or register it first; did you mean "alice" for "alcie"?',
      ],
      [
        5,
        'member "dave" of group ops is not a registered account in app demo, and the service refuses it (70107): declare it under accounts, or register it first',
      ],
    ])
  })

  it('applying a plan and planning again finds nothing to do, for every scenario that applies', async () => {
    for (const {live, desired, errors = []} of scenarios) {
      if (errors.length > 0) continue
      const emulator = fresh()
      if (live) await converge(emulator, live)
      await converge(emulator, desired, {force: true})
      const {plan} = await planFor(emulator, desired)
      expect(actions(plan)).toEqual([])
    }
  })

  it('protection lifted and applied lets the next plan delete', async () => {
    const emulator = fresh()
    await converge(emulator, app('protected: true\ngroups: { g: { type: Work, name: G, protected: true } }'))
    expect(emulator.readAll().find((r) => r.kind === 'app')?.attributes).toMatchObject({protected: true, tags: {}})
    await converge(emulator, app('groups: { g: { type: Work, name: G } }'))
    expect(emulator.readAll().find((r) => r.kind === 'app')?.attributes.protected).toBeUndefined()
    const {plan} = await planFor(emulator, app('status: disabled\nensure: absent'))
    expect(actions(plan)).toEqual(['update app.demo', 'delete app.demo'])
  })

  it('the history period changes once a month, counted on the service clock', async () => {
    const emulator = fresh()
    const start = Date.UTC(2026, 0, 1)
    emulator.setClock(start)
    await converge(emulator, app('edition: standard\nmessages: { historyDays: 30 }'))
    const {plan} = await planFor(emulator, app('edition: standard\nmessages: { historyDays: 60 }'))
    expect(actions(plan)).toEqual(['!update app.demo.messages'])
    expect(plan.diagnostics.find((d) => d.code === 'plan/history-locked')?.message).toBe(
      'the history storage period of app demo changed on 2026-01-01; it can change again from 2026-01-31',
    )
    emulator.setClock(start + HISTORY_CHANGE_INTERVAL_MS)
    expect(actions((await planFor(emulator, app('edition: standard\nmessages: { historyDays: 60 }'))).plan)).toEqual(['update app.demo.messages'])
  })

  it('a problem is located at the YAML line of the value', async () => {
    const emulator = fresh()
    await converge(emulator, app('edition: premium'))
    const {plan} = await planFor(emulator, app('edition: standard'))
    const downgrade = plan.diagnostics.find((d) => d.code === 'plan/edition-downgrade')
    expect(downgrade?.source).toMatchObject({file: 'chatcfg.yaml', start: {line: 5, column: 14}})
  })

  it('an app is adopted by its SDKAppID, whatever key it carried', async () => {
    const emulator = fresh()
    await emulator.apply({...createApp('sdkappid-x'), name: 'console-made'})
    const live = await emulator.read()
    const sdkAppId = live.resources.find((r) => r.kind === 'app')?.computed?.sdkAppId
    const desired = app(`sdkAppId: ${sdkAppId}`)
    const {plan} = await planFor(emulator, desired)
    expect(actions(plan)).toEqual(['update app.demo'])
    expect(plan.changes[0].changedPaths).toContain('(adopted)')
    await converge(emulator, desired)
    expect(actions((await planFor(emulator, desired)).plan)).toEqual([])
    expect((await emulator.read()).resources.filter((r) => r.kind === 'app').map((r) => r.name)).toEqual(['demo'])
  })

  it('a policy naming an app created in the same plan waits for the next plan', async () => {
    const emulator = fresh()
    const config = `${app('')}policies:\n  readers:\n    statements:\n      - { actions: [Describe*], apps: [demo] }\n    attach: { users: [100000000011] }\n`
    const first = await converge(emulator, config)
    expect(actions(first)).toEqual(['create app.demo'])
    expect(first.diagnostics.map((d) => d.code)).toEqual(['plan/pending-reference'])
    const second = await converge(emulator, config)
    expect(actions(second)).toEqual(['create policy.readers'])
    expect(actions((await planFor(emulator, config)).plan)).toEqual([])
  })

  it('policies are deleted, and presets detached, only on request', async () => {
    const emulator = fresh()
    const policies = `policies:\n  readers:\n    document: { version: "2.0", statement: [{ effect: allow, action: "name/im:*", resource: "*" }] }\n    attach: { users: [100000000011] }\n  auditors:\n    preset: QcloudIMReadOnlyAccess\n    attach: { users: [100000000011] }\n`
    await converge(emulator, `${app('')}${policies}`)
    expect(actions((await planFor(emulator, app(''))).plan)).toEqual([])
    const removal = `${app('')}policies:\n  readers: { ensure: absent }\n  auditors: { preset: QcloudIMReadOnlyAccess, ensure: absent }\n`
    expect(actions((await planFor(emulator, removal, {force: true})).plan)).toEqual(['delete policy.QcloudIMReadOnlyAccess', 'delete policy.readers'])
    await converge(emulator, removal, {force: true})
    expect((await emulator.read()).resources.filter((r) => r.kind === 'policy')).toEqual([])
    expect(actions((await planFor(emulator, removal)).plan)).toEqual([])
  })

  it('--target plans only what is at or below an address, and the app it needs', async () => {
    const emulator = fresh()
    const config = app('accounts: { a: {}, b: {} }\nwebhook: { url: https://h.example.com/im }')
    expect(actions((await planFor(emulator, config, {targets: ['app.demo.account.a']})).plan)).toEqual(['create app.demo', 'create app.demo.account.a'])
    const missing = (await planFor(emulator, config, {targets: ['app.nope']})).plan
    expect(errorCodes(missing)).toEqual(['plan/target-not-found'])
  })

  it('a value from the environment is secret wherever it lands, and still converges', async () => {
    const emulator = fresh()
    const config = app('introduction: "${env:INTRO}"\naccounts: { a: { nick: "${env:NICK}" } }')
    const env = {INTRO: 'intro-s3cret', NICK: 'nick-s3cret'}
    const first = await converge(emulator, config, {env})
    expect(JSON.stringify(first)).not.toMatch(/s3cret/)
    expect(actions((await planFor(emulator, config, {env})).plan)).toEqual([])
    const {plan} = await planFor(emulator, config, {env: {...env, NICK: 'other-s3cret'}})
    expect(actions(plan)).toEqual(['update app.demo.account.a'])
    expect(`${JSON.stringify(plan)}${renderPlanText(plan, {color: false})}`).not.toMatch(/s3cret/)
  })

  it('secrets are compared by fingerprint and never shown', async () => {
    const emulator = fresh()
    const config = app('webhook: { url: https://h.example.com/im, token: "${env:HOOK_TOKEN}" }')
    await converge(emulator, config, {env: {HOOK_TOKEN: 'first-s3cret'}})
    expect(actions((await planFor(emulator, config, {env: {HOOK_TOKEN: 'first-s3cret'}})).plan)).toEqual([])
    const {plan} = await planFor(emulator, config, {env: {HOOK_TOKEN: 'second-s3cret'}})
    expect(actions(plan)).toEqual(['update app.demo.webhook'])
    expect(plan.changes[0].changedPaths).toEqual(['token'])
    const everything = `${JSON.stringify(plan)}${renderPlanText(plan, {color: false})}`
    expect(everything).not.toMatch(/s3cret/)
  })
})
