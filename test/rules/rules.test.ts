import {describe, expect, it} from 'vitest'
import {codesOf, loadYaml} from '../helpers.js'

interface RuleCase {
  readonly name: string
  /** YAML lines under `apps.demo`, after `name: Demo`. */
  readonly app: string
  readonly errors: readonly string[]
  readonly warnings?: readonly string[]
}

const app = (body: string) =>
  `version: 1\napps:\n  demo:\n    name: Demo\n${body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `    ${line}`)
    .join('\n')}\n`

const cases: RuleCase[] = [
  // Editions and the premium feature set
  {
    name: 'a developer app has the premium feature set',
    app: 'edition: developer\nmessages: { userStatus: true, pushToAll: true }\nlogin: { multiDevice: multi, webInstances: 10 }',
    errors: [],
  },
  {
    name: 'a premium app has the premium feature set',
    app: 'edition: premium\ngroupSettings: { community: true, readReceipts: [Work], avChatRoom: { memberBan: true } }',
    errors: [],
  },
  {name: 'a standard app lacks message extension', app: 'edition: standard\nmessages: { messageExtension: true }', errors: ['config/edition-feature']},
  {name: 'a standard app lacks more than one web instance', app: 'edition: standard\nlogin: { webInstances: 2 }', errors: ['config/edition-feature']},
  {name: 'a standard app may state the default web instances', app: 'edition: standard\nlogin: { webInstances: 1, multiDevice: triple }', errors: []},
  {
    name: 'a standard app may turn a premium feature off explicitly',
    app: 'edition: standard\nmessages: { userStatus: false, conversationsToPull: 100 }',
    errors: [],
  },
  {
    name: 'a standard app lacks audio-video broadcast',
    app: 'edition: standard\ngroupSettings: { avChatRoom: { broadcast: { enabled: true } } }',
    errors: ['config/edition-feature'],
  },
  {
    name: 'each premium feature on standard is reported',
    app: 'edition: standard\nmessages: { userStatus: true, pushToAll: true }\ngroupSettings: { community: true }',
    errors: ['config/edition-feature', 'config/edition-feature', 'config/edition-feature'],
  },
  // Edition limits
  {name: 'a standard app may keep history longer than 7 days', app: 'edition: standard\nmessages: { historyDays: 90 }', errors: []},
  {name: 'a developer app keeps 7 days of history', app: 'messages: { historyDays: 8 }', errors: ['config/edition-limit']},
  {
    name: 'accounts deleted by the configuration do not count',
    app: `accounts:\n${Array.from({length: 101}, (_, i) => `  u${i}: { ensure: ${i === 0 ? 'absent' : 'present'} }`).join('\n')}`,
    errors: [],
  },
  {
    name: 'a standard app has no account limit',
    app: `edition: standard\naccounts:\n${Array.from({length: 150}, (_, i) => `  u${i}: {}`).join('\n')}`,
    errors: [],
  },
  {name: 'ten admins are allowed', app: `accounts:\n${Array.from({length: 10}, (_, i) => `  a${i}: { type: admin }`).join('\n')}`, errors: []},
  {
    name: 'a user in more groups than the edition allows',
    app: `accounts: { u: {} }\ngroups:\n${Array.from({length: 51}, (_, i) => `  g${i}: { type: Public, name: G${i}, owner: u }`).join('\n')}`,
    errors: ['config/edition-limit'],
  },
  // Group types
  {name: 'read receipts on Meeting groups', app: 'edition: premium\ngroupSettings: { readReceipts: [Meeting, Public] }', errors: []},
  {
    name: 'read receipts on Community groups are refused',
    app: 'edition: premium\ngroupSettings: { readReceipts: [Community] }',
    errors: ['config/group-type-unsupported'],
  },
  {
    name: 'member profile notifications exist for AV groups',
    app: 'groupSettings: { byType: { AVChatRoom: { notifications: { memberProfileChange: true } } } }',
    errors: [],
  },
  {
    name: 'AV groups have no profile change notification',
    app: 'groupSettings: { byType: { AVChatRoom: { notifications: { profileChange: false } } } }',
    errors: ['config/group-type-unsupported'],
  },
  {
    name: 'community groups join freely',
    app: 'groupSettings: { community: true }\ngroups: { "@TGS#_c": { type: Community, name: C, applyJoin: needPermission } }',
    errors: ['config/group-type-unsupported'],
  },
  {name: 'a deleted community group needs no community feature', app: 'groups: { "@TGS#_c": { type: Community, name: C, ensure: absent } }', errors: []},
  {
    name: 'a community holds more members than the edition allows other groups',
    app: `edition: premium\ngroupSettings: { community: true }\naccounts:\n${Array.from({length: 2001}, (_, i) => `  u${i}: {}`).join('\n')}\ngroups:\n  "@TGS#_c": { type: Community, name: C, owner: u0, members: [${Array.from({length: 2000}, (_, i) => `u${i + 1}`).join(', ')}] }`,
    errors: [],
  },
  {
    name: 'a public group holds the members per group of its edition',
    app: `edition: premium\naccounts:\n${Array.from({length: 2001}, (_, i) => `  u${i}: {}`).join('\n')}\ngroups:\n  p: { type: Public, name: P, owner: u0, members: [${Array.from({length: 2000}, (_, i) => `u${i + 1}`).join(', ')}] }`,
    errors: ['config/edition-limit'],
  },
  {name: 'topics in communities', app: 'edition: premium\ngroupSettings: { community: true, topics: true }', errors: []},
  {name: 'topics need communities', app: 'edition: premium\ngroupSettings: { topics: true }', errors: ['config/setting-dependency']},
  {name: 'topics are a premium feature', app: 'edition: standard\ngroupSettings: { topics: false }', errors: []},
  {
    name: 'member change notifications chosen per kind',
    app: 'groupSettings: { byType: { Meeting: { notifications: { memberChange: { invited: true, quit: false }, profileChange: { owner: true } } } } }',
    errors: [],
  },
  {
    name: 'member change notifications name their kinds',
    app: 'groupSettings: { byType: { Meeting: { notifications: { memberChange: { renamed: true } } } } }',
    errors: ['config/unknown-key'],
  },
  {
    name: 'AV groups have no member change notification, chosen per kind or not',
    app: 'groupSettings: { byType: { AVChatRoom: { notifications: { memberChange: { quit: true } } } } }',
    errors: ['config/group-type-unsupported'],
  },
  {
    name: 'read receipts serve groups of at most 200 members',
    app: `edition: premium\ngroupSettings: { readReceipts: [Work] }\naccounts:\n${Array.from({length: 201}, (_, i) => `  u${i}: {}`).join('\n')}\ngroups:\n  w: { type: Work, name: W, owner: u0, members: [${Array.from({length: 200}, (_, i) => `u${i + 1}`).join(', ')}] }\n  m: { type: Meeting, name: M, owner: u0, members: [${Array.from({length: 200}, (_, i) => `u${i + 1}`).join(', ')}] }`,
    errors: [],
    warnings: ['config/read-receipts-group-size'],
  },
  // Webhooks
  {
    name: 'callbacks Tencent added after the guide',
    app: 'webhook: { url: "https://h.example.com/im", events: [Follow.CallbackAfterFollowAdd, Follow.CallbackAfterFollowDelete, C2C.CallbackAfterC2CMsgExtension, Group.CallbackAfterGroupMsgExtension] }',
    errors: [],
  },
  {
    name: 'the group profile callback chosen per change',
    app: 'webhook: { url: "https://h.example.com/im", events: [Group.CallbackAfterGroupInfoChanged], groupInfoChanges: [name, notification] }',
    errors: [],
  },
  {
    name: 'group profile callback choices need the callback',
    app: 'webhook: { url: "https://h.example.com/im", events: [Group.CallbackAfterCreateGroup], groupInfoChanges: [name] }',
    errors: ['config/setting-dependency'],
  },
  // Push certificates
  {
    name: 'an iOS certificate needs its password',
    app: 'push: { ios: { prod: { p12: UDEy, password: "" } } }',
    errors: ['config/invalid-value'],
    warnings: ['config/secret-in-clear'],
  },
  {
    name: 'a push certificate deleted on request needs none of its values',
    app: 'push: { ios: { prod: { ensure: absent } }, android: { vivo: { ensure: absent } } }',
    errors: [],
  },
  {name: 'a kept push certificate needs its values', app: 'push: { ios: { prod: { type: voip } } }', errors: ['config/missing-key', 'config/missing-key']},
  {
    name: 'a protected push certificate cannot be deleted',
    app: 'push: { android: { oppo: { ensure: absent, protected: true } } }',
    errors: ['config/protected'],
  },
  // Custom fields
  {
    name: 'account values for declared user fields',
    app: 'userFields: { Tier: { read: [app], write: [admin] } }\naccounts: { a: { custom: { Tier: gold } } }',
    errors: [],
  },
  {
    name: 'group values for fields bound to the group type',
    app: 'groupFields: { region: { groupTypes: { Work: {} } } }\ngroups: { t: { type: Work, name: T, fields: { region: eu } } }',
    errors: [],
  },
  {name: 'a group value for an undeclared field', app: 'groups: { t: { type: Work, name: T, fields: { region: eu } } }', errors: ['config/unknown-reference']},
  // References
  {
    name: 'members not declared are a warning',
    app: 'groups: { t: { type: Work, name: T, owner: x, members: [y] } }',
    errors: [],
    warnings: ['config/undeclared-account'],
  },
  {
    name: 'a member deleted by the configuration',
    app: 'accounts: { y: { ensure: absent } }\ngroups: { t: { type: Work, name: T, members: [y] } }',
    errors: ['config/unknown-reference'],
  },
  // Lifecycle
  {name: 'a disabled app may be deleted', app: 'status: disabled\nensure: absent', errors: []},
  {name: 'a protected account cannot be deleted', app: 'accounts: { a: { ensure: absent, protected: true } }', errors: ['config/protected']},
  {name: 'a protected group cannot be deleted', app: 'groups: { t: { type: Work, name: T, ensure: absent, protected: true } }', errors: ['config/protected']},
  // Byte lengths count UTF-8 bytes, not characters
  {name: 'a 30-byte group name', app: 'groups: { t: { type: Work, name: 客服团队客服团队客服 } }', errors: []},
  {name: 'a location over 16 bytes', app: 'accounts: { a: { location: 北京市海淀区中关 } }', errors: ['config/byte-length']},
  // Secrets
  {
    name: 'a secret written in clear is a warning',
    app: 'webhook: { url: https://h.example.com/im, token: hunter2 }',
    errors: [],
    warnings: ['config/secret-in-clear'],
  },
]

describe('rules that need no live state', () => {
  it.each(cases)('$name', ({app: body, errors, warnings = []}) => {
    const result = loadYaml(app(body))
    expect(codesOf(result)).toEqual(errors)
    expect(codesOf(result, 'warning')).toEqual(warnings)
  })

  it('policies: every app reference resolves, * means every app', () => {
    const yaml = `${app('')}policies:\n  p:\n    statements:\n      - { actions: [Describe*], apps: [demo, "*"] }\n`
    expect(loadYaml(yaml).diagnostics).toEqual([])
  })

  it('a policy naming an app that failed the schema is not also an unknown reference', () => {
    const yaml = `version: 1\napps:\n  demo: { name: Demo, edition: gold }\npolicies:\n  p:\n    statements:\n      - { actions: ["*"], apps: [demo] }\n`
    expect(codesOf(loadYaml(yaml))).toEqual(['config/invalid-value'])
  })

  it('rules still check the rest of an app that has a schema error', () => {
    const yaml = app('colour: blue\nedition: standard\nmessages: { userStatus: true }')
    expect(codesOf(loadYaml(yaml))).toEqual(['config/unknown-key', 'config/edition-feature'])
  })
})
