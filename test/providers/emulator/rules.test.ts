import {describe, expect, it} from 'vitest'
import {HISTORY_CHANGE_INTERVAL_MS} from '../../../src/model/editions.js'
import type {Change} from '../../../src/model/resource.js'
import {Emulator} from '../../../src/providers/emulator/emulator.js'
import {ServiceError} from '../../../src/providers/errors.js'
import {account, child, createApp, deleteApp, group, groupField, memberField, policy, settings, times, updateApp, userField} from './changes.js'

interface RuleCase {
  readonly rule: string
  /** Changes that must all succeed first. */
  readonly given: readonly Change[]
  /** The change the service must refuse. */
  readonly refused: Change
  readonly code: number | string
}

const dev = createApp('demo', {edition: 'developer'})
const std = createApp('demo', {edition: 'standard'})
const prem = createApp('demo', {edition: 'premium'})
const DOC = (statement: object[]) => JSON.stringify({version: '2.0', statement})

const cases: RuleCase[] = [
  // Limits on fields, admins and apps
  {
    rule: 'at most 20 custom user fields',
    given: [dev, ...times(20, (i) => userField('demo', `F${String.fromCharCode(65 + i)}`))],
    refused: userField('demo', 'Extra'),
    code: 'Console.FieldLimit',
  },
  {
    rule: 'at most 20 custom friend fields',
    given: [dev, ...times(20, (i) => child('create', 'friend-field', 'demo', `F${String.fromCharCode(65 + i)}`, {type: 'string'}))],
    refused: child('create', 'friend-field', 'demo', 'Extra', {type: 'string'}),
    code: 'Console.FieldLimit',
  },
  {
    rule: 'at most 10 custom group fields',
    given: [dev, ...times(10, (i) => groupField('demo', `g${i}`))],
    refused: groupField('demo', 'extra'),
    code: 'Console.FieldLimit',
  },
  {
    rule: 'at most 5 custom group member fields',
    given: [dev, ...times(5, (i) => memberField('demo', `m${i}`))],
    refused: memberField('demo', 'extra'),
    code: 'Console.FieldLimit',
  },
  {rule: 'custom user field names are letters only', given: [dev], refused: userField('demo', 'Tier2'), code: 'Console.InvalidFieldName'},
  {rule: 'a user field needs a read and a write permission', given: [dev], refused: userField('demo', 'Tier', {read: []}), code: 'Console.PermissionRequired'},
  {
    rule: 'at most 10 admin accounts, administrator included',
    given: [dev, ...times(9, (i) => account('demo', `admin${i}`, {type: 'admin'}))],
    refused: account('demo', 'admin9', {type: 'admin'}),
    code: 'Console.AdminLimit',
  },
  {rule: 'at most 300 apps per account', given: times(300, (i) => createApp(`app-${i}`)), refused: createApp('one-more'), code: 'Console.AppLimit'},
  // Undeletable fields, immutable names and types, add-only group types
  {
    rule: 'custom user fields cannot be deleted',
    given: [dev, userField('demo', 'Tier')],
    refused: child('delete', 'user-field', 'demo', 'Tier'),
    code: 'Console.FieldUndeletable',
  },
  {
    rule: 'custom friend fields cannot be deleted',
    given: [dev, child('create', 'friend-field', 'demo', 'Note', {type: 'string'})],
    refused: child('delete', 'friend-field', 'demo', 'Note'),
    code: 'Console.FieldUndeletable',
  },
  {
    rule: 'custom group fields cannot be deleted',
    given: [dev, groupField('demo', 'region')],
    refused: child('delete', 'group-field', 'demo', 'region'),
    code: 'Console.FieldUndeletable',
  },
  {
    rule: 'custom group member fields cannot be deleted',
    given: [dev, memberField('demo', 'shift')],
    refused: child('delete', 'group-member-field', 'demo', 'shift'),
    code: 'Console.FieldUndeletable',
  },
  {
    rule: 'a custom field keeps its type',
    given: [dev, userField('demo', 'Tier')],
    refused: child('update', 'user-field', 'demo', 'Tier', {type: 'bytes', read: ['app'], write: ['admin']}),
    code: 'Console.FieldImmutable',
  },
  {
    rule: 'a group type is never removed from a field',
    given: [dev, groupField('demo', 'region', ['Work', 'Public'])],
    refused: child('update', 'group-field', 'demo', 'region', {groupTypes: {Work: {}}}),
    code: 'Console.GroupTypeRemoved',
  },
  {
    rule: 'a group field is bound to at least one group type',
    given: [dev],
    refused: child('create', 'group-field', 'demo', 'region', {groupTypes: {}}),
    code: 'Console.GroupTypeRequired',
  },
  {
    rule: 'group and member fields share names',
    given: [dev, groupField('demo', 'region')],
    refused: memberField('demo', 'region'),
    code: 'Console.FieldNameConflict',
  },
  // Editions
  {rule: 'an edition never goes down', given: [prem], refused: updateApp('demo', {edition: 'standard'}), code: 'Console.EditionDowngrade'},
  {rule: 'premium features are refused on standard', given: [std], refused: settings('messages', 'demo', {userStatus: true}), code: 'Console.PremiumFeature'},
  {rule: 'multi-device login is refused on standard', given: [std], refused: settings('login', 'demo', {multiDevice: 'multi'}), code: 'Console.PremiumFeature'},
  {
    rule: 'moving to an edition that lacks a feature in use is refused',
    given: [dev, settings('group-settings', 'demo', {community: true})],
    refused: updateApp('demo', {edition: 'standard'}),
    code: 'Console.PremiumFeature',
  },
  {rule: 'developer keeps 7 days of history', given: [dev], refused: settings('messages', 'demo', {historyDays: 30}), code: 'Console.EditionLimit'},
  // Per-edition limits
  {
    rule: 'a developer app holds 100 accounts, administrator included',
    given: [dev, ...times(99, (i) => account('demo', `u${i}`))],
    refused: account('demo', 'u99'),
    code: 70398,
  },
  {rule: 'a developer app holds 100 groups', given: [dev, ...times(100, (i) => group('demo', `g${i}`))], refused: group('demo', 'g100'), code: 10058},
  {
    rule: 'a developer app holds 10 audio-video groups',
    given: [dev, ...times(10, (i) => group('demo', `av${i}`, {type: 'AVChatRoom'}))],
    refused: group('demo', 'av10', {type: 'AVChatRoom'}),
    code: 10058,
  },
  {
    rule: 'a developer group holds 20 members',
    given: [dev, ...times(21, (i) => account('demo', `u${i}`))],
    refused: group('demo', 'big', {owner: 'u0', members: times(20, (i) => `u${i + 1}`)}),
    code: 10038,
  },
  {
    rule: 'a developer user joins 50 groups',
    given: [dev, account('demo', 'u'), ...times(50, (i) => group('demo', `g${i}`, {owner: 'u'}))],
    refused: group('demo', 'g50', {members: ['u']}),
    code: 10037,
  },
  {
    rule: 'a premium public group holds 2,000 members',
    given: [prem, ...times(2001, (i) => account('demo', `u${i}`))],
    refused: group('demo', 'big', {owner: 'u0', members: times(2000, (i) => `u${i + 1}`)}),
    code: 10038,
  },
  // Apps, groups and accounts
  {rule: 'only a disabled app is deleted', given: [dev], refused: deleteApp('demo'), code: 'Console.AppNotDisabled'},
  {
    rule: 'a standard app is not disabled by its owner',
    given: [std],
    refused: updateApp('demo', {edition: 'standard', status: 'disabled'}),
    code: 'Console.PaidAppDisable',
  },
  {
    rule: 'an upgrade to premium does not let its owner disable the app',
    given: [dev],
    refused: updateApp('demo', {edition: 'premium', status: 'disabled'}),
    code: 'Console.PaidAppDisable',
  },
  {
    rule: 'a premium app disabled by the service is not deleted by its owner',
    given: [createApp('demo', {edition: 'premium', status: 'disabled'})],
    refused: deleteApp('demo'),
    code: 'Console.PaidAppDelete',
  },
  {rule: 'TRTC is never deactivated', given: [createApp('demo', {trtc: true})], refused: updateApp('demo', {trtc: false}), code: 'Console.TrtcDeactivation'},
  {rule: 'topics need communities', given: [prem], refused: settings('group-settings', 'demo', {topics: true}), code: 'Console.SettingRequires'},
  {
    rule: 'communities are not turned off under topics',
    given: [prem, settings('group-settings', 'demo', {community: true, topics: true})],
    refused: settings('group-settings', 'demo', {community: false}),
    code: 'Console.SettingRequires',
  },
  {
    rule: 'topics are a premium feature',
    given: [std],
    refused: settings('group-settings', 'demo', {community: true, topics: true}),
    code: 'Console.PremiumFeature',
  },
  {
    rule: 'notification choices name their kinds',
    given: [prem],
    refused: settings('group-settings', 'demo', {byType: {Meeting: {notifications: {memberChange: {renamed: true}}}}}),
    code: 'Console.InvalidValue',
  },
  {
    rule: 'audio-video groups have no member change notification, chosen per kind',
    given: [prem],
    refused: settings('group-settings', 'demo', {byType: {AVChatRoom: {notifications: {memberChange: {quit: true}}}}}),
    code: 'Console.GroupTypeUnsupported',
  },
  {rule: 'a group name is at most 30 bytes', given: [dev], refused: group('demo', 'g', {name: '客服团队客服团队客服团'}), code: 10004},
  {rule: 'a group owner must be registered', given: [dev], refused: group('demo', 'g', {owner: 'ghost'}), code: 70107},
  {rule: 'group members must be registered', given: [dev, account('demo', 'a')], refused: group('demo', 'g', {owner: 'a', members: ['ghost']}), code: 70107},
  {
    rule: 'audio-video groups take no member list',
    given: [dev, account('demo', 'a')],
    refused: group('demo', 'live', {type: 'AVChatRoom', members: ['a']}),
    code: 10007,
  },
  {rule: 'community groups need the community feature', given: [dev], refused: group('demo', '@TGS#_c', {type: 'Community'}), code: 10007},
  {rule: 'a group ID is used once', given: [dev, group('demo', 'g')], refused: group('demo', 'g'), code: 10021},
  {
    rule: 'a group keeps its type',
    given: [dev, group('demo', 'g')],
    refused: child('update', 'group', 'demo', 'g', {type: 'Work', name: 'g'}),
    code: 'Console.GroupTypeImmutable',
  },
  {
    rule: 'an account keeps its type',
    given: [dev, account('demo', 'a')],
    refused: child('update', 'account', 'demo', 'a', {type: 'admin'}),
    code: 'Console.AccountTypeImmutable',
  },
  {rule: 'profile values need a declared custom field', given: [dev], refused: account('demo', 'a', {custom: {Tier: 'gold'}}), code: 40009},
  {rule: 'accounts are deleted only on developer apps', given: [prem, account('demo', 'a')], refused: child('delete', 'account', 'demo', 'a'), code: 71000},
  // Group settings by group type
  {
    rule: 'read receipts only for Work, Public and Meeting',
    given: [prem],
    refused: settings('group-settings', 'demo', {readReceipts: ['AVChatRoom']}),
    code: 'Console.GroupTypeUnsupported',
  },
  {
    rule: 'audio-video groups have no history before joining',
    given: [prem],
    refused: settings('group-settings', 'demo', {byType: {AVChatRoom: {historyBeforeJoin: true}}}),
    code: 'Console.GroupTypeUnsupported',
  },
  // Webhooks
  {
    rule: 'webhook URLs are http or https',
    given: [dev],
    refused: child('create', 'webhook', 'demo', 'webhook', {url: 'ftp://h.example.com/im'}),
    code: 'Console.WebhookUrlInvalid',
  },
  {
    rule: 'webhook domains have no doubled hyphens',
    given: [dev],
    refused: child('create', 'webhook', 'demo', 'webhook', {url: 'https://a--b.example.com/im'}),
    code: 'Console.WebhookUrlInvalid',
  },
  {
    rule: 'a webhook does not move between prefix ports',
    given: [dev, child('create', 'webhook', 'demo', 'webhook', {url: 'https://h.example.com/im'})],
    refused: child('update', 'webhook', 'demo', 'webhook', {url: 'https://h.example.com:4433/im'}),
    code: 'Console.WebhookPortChange',
  },
  {
    rule: 'group profile callback choices need the callback',
    given: [dev],
    refused: child('create', 'webhook', 'demo', 'webhook', {
      url: 'https://h.example.com/im',
      events: ['Group.CallbackAfterCreateGroup'],
      groupInfoChanges: ['name'],
    }),
    code: 'Console.WebhookEventOptions',
  },
  {
    rule: 'webhook events are callback commands',
    given: [dev],
    refused: child('create', 'webhook', 'demo', 'webhook', {url: 'https://h.example.com/im', events: ['Follow.CallbackAfterFollowRename']}),
    code: 'Console.InvalidValue',
  },
  {
    rule: 'an iOS certificate needs its password',
    given: [dev],
    refused: child('create', 'push-certificate', 'demo', 'ios.prod', {type: 'apns', environment: 'production', p12: 'UDEy', password: ''}),
    code: 'Console.CertificatePasswordRequired',
  },
  // CAM policies
  {
    rule: 'policy names are unique',
    given: [policy('create', 'p', {type: 'custom', document: DOC([{effect: 'allow', action: 'name/im:*', resource: '*'}])})],
    refused: policy('create', 'p', {type: 'custom', document: DOC([{effect: 'allow', action: 'name/im:*', resource: '*'}])}),
    code: 'FailedOperation.PolicyNameInUse',
  },
  {
    rule: 'policy documents follow the grammar',
    given: [],
    refused: policy('create', 'p', {type: 'custom', document: DOC([{Effect: 'allow', action: 'name/im:*', resource: '*'}])}),
    code: 'InvalidParameter.PolicyDocumentError',
  },
  {
    rule: 'policy documents are at most 6144 characters',
    given: [],
    refused: policy('create', 'p', {
      type: 'custom',
      document: DOC(times(100, () => ({effect: 'allow', action: 'name/im:DescribeAppStatList', resource: '*'}))),
    }),
    code: 'InvalidParameter.PolicyDocumentLengthOverLimit',
  },
  {
    rule: 'policies attach to existing sub-users',
    given: [],
    refused: policy('create', 'p', {type: 'custom', document: DOC([{effect: 'allow', action: 'name/im:*', resource: '*'}]), users: [999]}),
    code: 'ResourceNotFound.UserNotExist',
  },
  // Values within the console's ranges and choices, on every write
  {rule: 'web instances within 1 to 10', given: [prem], refused: settings('login', 'demo', {webInstances: 500}), code: 'Console.InvalidValue'},
  {
    rule: 'conversations to pull within 1 to 500',
    given: [prem],
    refused: settings('messages', 'demo', {conversationsToPull: 100000}),
    code: 'Console.InvalidValue',
  },
  {
    rule: 'broadcast rate within 1 to 5',
    given: [prem],
    refused: settings('group-settings', 'demo', {avChatRoom: {broadcast: {enabled: true, ratePerSecond: 99}}}),
    code: 'Console.InvalidValue',
  },
  {
    rule: 'a field update keeps a read and a write permission',
    given: [dev, userField('demo', 'Tier')],
    refused: child('update', 'user-field', 'demo', 'Tier', {read: [], write: []}),
    code: 'Console.PermissionRequired',
  },
  {
    rule: 'group types are real group types',
    given: [dev, groupField('demo', 'region')],
    refused: child('update', 'group-field', 'demo', 'region', {groupTypes: {Work: {}, Bogus: {}}}),
    code: 'Console.InvalidValue',
  },
  {rule: 'an app status is enabled or disabled', given: [dev], refused: updateApp('demo', {status: 'paused'}), code: 'Console.InvalidStatus'},
  {rule: 'an edition is a known edition', given: [], refused: createApp('demo', {edition: 'gold'}), code: 'Console.InvalidEdition'},
  {
    rule: 'a group owner cannot be deleted',
    given: [dev, account('demo', 'a'), group('demo', 'g', {owner: 'a'})],
    refused: child('delete', 'account', 'demo', 'a'),
    code: 'Console.AccountOwnsGroup',
  },
  {
    rule: 'a missing push certificate cannot be deleted',
    given: [dev],
    refused: child('delete', 'push-certificate', 'demo', 'ios.prod'),
    code: 'Console.CertificateNotFound',
  },
  // Changes to things that do not exist
  {rule: 'children of a missing app are refused', given: [], refused: userField('nowhere', 'Tier'), code: 70020},
]

async function refusal(emulator: Emulator, change: Change): Promise<ServiceError | undefined> {
  try {
    await emulator.apply(change)
  } catch (error) {
    if (error instanceof ServiceError) return error
    throw error
  }
  return undefined
}

describe('emulator: the service refuses what the service refuses, and stores nothing of it', () => {
  it.each(cases)('$rule ($code)', async ({given, refused, code}) => {
    const emulator = Emulator.open({path: ':memory:'})
    for (const change of given) await emulator.apply(change)
    const before = emulator.readAll()
    const changesBefore = emulator.status().changesApplied
    const error = await refusal(emulator, refused)
    expect(error?.code).toBe(code)
    expect(emulator.readAll()).toEqual(before)
    expect(emulator.status().changesApplied).toBe(changesBefore)
    emulator.close()
  })

  it('a premium community holds more members than the 2,000 of other groups', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    for (const change of [prem, settings('group-settings', 'demo', {community: true}), ...times(2001, (i) => account('demo', `u${i}`))]) {
      await emulator.apply(change)
    }
    expect(await refusal(emulator, group('demo', '@TGS#_c', {type: 'Community', owner: 'u0', members: times(2000, (i) => `u${i + 1}`)}))).toBeUndefined()
    expect(emulator.readAll().find((r) => r.kind === 'group')?.attributes.members).toHaveLength(2000)
  })

  it('takes the callbacks added after the guide, and the group profile callback chosen per change', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    await emulator.apply(dev)
    const events = [
      'Follow.CallbackAfterFollowAdd',
      'Follow.CallbackAfterFollowDelete',
      'C2C.CallbackAfterC2CMsgExtension',
      'Group.CallbackAfterGroupMsgExtension',
      'Group.CallbackAfterGroupInfoChanged',
    ]
    const webhook = {url: 'https://h.example.com/im', events, groupInfoChanges: ['faceUrl', 'name']}
    expect(await refusal(emulator, child('create', 'webhook', 'demo', 'webhook', webhook))).toBeUndefined()
    expect(emulator.readAll().find((r) => r.kind === 'webhook')?.attributes).toEqual(webhook)
  })

  it('the history period changes once a month', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    const start = Date.UTC(2026, 0, 1)
    emulator.setClock(start)
    await emulator.apply(createApp('demo', {edition: 'standard'}))
    await emulator.apply(settings('messages', 'demo', {historyDays: 30}))
    emulator.setClock(start + HISTORY_CHANGE_INTERVAL_MS - 1)
    expect((await refusal(emulator, settings('messages', 'demo', {historyDays: 60})))?.code).toBe('Console.HistoryPeriodLocked')
    emulator.setClock(start + HISTORY_CHANGE_INTERVAL_MS)
    expect(await refusal(emulator, settings('messages', 'demo', {historyDays: 60}))).toBeUndefined()
    // Other message settings are free to change meanwhile.
    expect(await refusal(emulator, settings('messages', 'demo', {historyDays: 60, recallLimitMinutes: 10}))).toBeUndefined()
  })

  it('a settings write changes what it names and keeps the rest, so history is not touched by other settings', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    const start = Date.UTC(2026, 0, 1)
    emulator.setClock(start)
    await emulator.apply(createApp('demo', {edition: 'premium'}))
    await emulator.apply(settings('messages', 'demo', {historyDays: 90}))
    emulator.setClock(start + 24 * 3600 * 1000)
    expect(await refusal(emulator, settings('messages', 'demo', {recallLimitMinutes: 10}))).toBeUndefined()
    expect(emulator.readAll().find((r) => r.kind === 'messages')?.attributes).toMatchObject({historyDays: 90, recallLimitMinutes: 10})
  })

  it('an edition upgrade unlocks premium features', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    await emulator.apply(std)
    await emulator.apply(updateApp('demo', {edition: 'premium'}))
    expect(await refusal(emulator, settings('messages', 'demo', {userStatus: true, conversationsToPull: 500}))).toBeUndefined()
  })

  it('a disabled app is deleted with everything in it', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    for (const change of [
      dev,
      userField('demo', 'Tier'),
      account('demo', 'a'),
      group('demo', 'g', {owner: 'a'}),
      updateApp('demo', {status: 'disabled'}),
      deleteApp('demo'),
    ]) {
      await emulator.apply(change)
    }
    expect(emulator.readAll()).toEqual([])
    expect(emulator.integrityProblems()).toEqual([])
  })

  it('a new app starts as an enabled developer app with the console defaults and an administrator', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    await emulator.apply({action: 'create', kind: 'app', address: 'app.fresh', name: 'fresh', after: {name: 'Fresh'}})
    const resources = emulator.readAll()
    expect(resources.find((r) => r.kind === 'app')?.attributes).toMatchObject({edition: 'developer', status: 'enabled'})
    expect(resources.find((r) => r.kind === 'messages')?.attributes).toMatchObject({historyDays: 7, conversationsToPull: 100, recallLimitMinutes: 2})
    expect(resources.filter((r) => r.kind === 'account').map((r) => [r.name, r.attributes.type])).toEqual([['administrator', 'admin']])
  })

  it('secrets are stored as keyed fingerprints only', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    await emulator.apply(dev)
    await emulator.apply(
      child('create', 'push-certificate', 'demo', 'ios.prod', {type: 'apns', environment: 'production', p12: 'UDEyLWJ5dGVz', password: 'hunter2'}),
    )
    await emulator.apply(child('create', 'webhook', 'demo', 'webhook', {url: 'https://h.example.com/im', token: 'tok-123'}))
    const dump = JSON.stringify(emulator.readAll())
    for (const secret of ['UDEyLWJ5dGVz', 'hunter2', 'tok-123']) expect(dump).not.toContain(secret)
    const certificate = emulator.readAll().find((r) => r.address === 'app.demo.push.ios.prod')
    expect(certificate?.attributes.password).toEqual({$fingerprint: emulator.fingerprint('hunter2')})
    expect(emulator.fingerprint('hunter2')).not.toBe(Emulator.open({path: ':memory:'}).fingerprint('hunter2'))
  })
})
