import {request} from 'node:http'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {generateUserSig} from '../../../../src/auth/usersig.js'
import {Emulator} from '../../../../src/providers/emulator/emulator.js'
import {type EmulatorServer, serveEmulator} from '../../../../src/providers/emulator/serve/server.js'
import {ServiceError} from '../../../../src/providers/errors.js'
import {CloudApiClient} from '../../../../src/providers/tencentcloud/cloud-client.js'
import {account, createApp} from '../changes.js'

const APP_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const CREDENTIALS = {secretId: 'AKIDchatcfgEMULATOR0000000000000000', secretKey: 'emulator-secret-key-for-tests-0000'}

let emulator: Emulator
let server: EmulatorServer

beforeEach(async () => {
  emulator = Emulator.open({path: ':memory:', account: {uin: 100000000001, subUsers: [100000000011], userGroups: [7]}})
  await emulator.apply(createApp('demo', {edition: 'standard'}))
  server = await serveEmulator(emulator, {credentials: CREDENTIALS, appSecretKey: (id) => (id === 1400000000 ? APP_KEY : undefined), maxBodyBytes: 64 * 1024})
})
afterEach(async () => {
  await server.close()
  emulator.close()
})

async function rest(command: string, body: unknown, auth: {identifier?: string; userSig?: string; sdkAppId?: number} = {}) {
  const sdkAppId = auth.sdkAppId ?? 1400000000
  const identifier = auth.identifier ?? 'administrator'
  const userSig = auth.userSig ?? generateUserSig(APP_KEY, {sdkAppId, identifier, time: Math.floor(Date.now() / 1000), expire: 3600})
  const url = `${server.url}/v4/${command}?sdkappid=${sdkAppId}&identifier=${identifier}&usersig=${userSig}&random=42&contenttype=json`
  const response = await fetch(url, {method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body)})
  return (await response.json()) as Record<string, unknown>
}

const cloud = (credentials = CREDENTIALS) => new CloudApiClient({site: 'intl', endpoint: server.url, credentials})

describe('emulator serve: API 3.0 through the official SDK', () => {
  it('creates, reads, lists, attaches, detaches and deletes a CAM policy', async () => {
    const client = cloud()
    const document = JSON.stringify({version: '2.0', statement: [{effect: 'allow', action: ['name/im:*'], resource: ['*']}]})
    const created = await client.call('cam', 'CreatePolicy', {PolicyName: 'im-readers', PolicyDocument: document, Description: 'readers'})
    const policyId = created.PolicyId as number
    expect(policyId).toBeGreaterThan(0)
    const read = await client.call('cam', 'GetPolicy', {PolicyId: policyId})
    expect(read).toMatchObject({PolicyName: 'im-readers', Type: 1})
    expect(JSON.parse(String(read.PolicyDocument))).toEqual(JSON.parse(document))
    const listed = await client.call('cam', 'ListPolicies', {Scope: 'Local', Rp: 200})
    expect(listed).toMatchObject({TotalNum: 1, List: [{PolicyId: policyId, PolicyName: 'im-readers'}]})
    await client.call('cam', 'AttachUserPolicy', {PolicyId: policyId, AttachUin: 100000000011})
    await client.call('cam', 'AttachGroupPolicy', {PolicyId: policyId, AttachGroupId: 7})
    expect(await client.call('cam', 'ListEntitiesForPolicy', {PolicyId: policyId})).toMatchObject({TotalNum: 2})
    expect(emulator.policies()[0]?.attributes).toMatchObject({users: [100000000011], groups: [7]})
    await client.call('cam', 'DetachUserPolicy', {PolicyId: policyId, DetachUin: 100000000011})
    await client.call('cam', 'DeletePolicy', {PolicyId: [policyId]})
    expect(emulator.policies()).toEqual([])
    client.close()
  })

  it('refuses a request signed with a wrong key with AuthFailure.SignatureFailure, and an unknown SecretId', async () => {
    const wrong = cloud({...CREDENTIALS, secretKey: 'not-the-key'})
    await expect(wrong.call('cam', 'ListPolicies', {})).rejects.toMatchObject({code: 'AuthFailure.SignatureFailure'})
    const stranger = cloud({...CREDENTIALS, secretId: 'AKIDsomeoneelse'})
    await expect(stranger.call('cam', 'ListPolicies', {})).rejects.toMatchObject({code: 'AuthFailure.SecretIdNotFound'})
    wrong.close()
    stranger.close()
  })

  it('answers the service codes for a bad policy document and an unknown action', async () => {
    const client = cloud()
    await expect(client.call('cam', 'CreatePolicy', {PolicyName: 'bad', PolicyDocument: '{"version":"1.0"}'})).rejects.toMatchObject({
      code: 'InvalidParameter.PolicyDocumentError',
    })
    await expect(client.call('cam', 'DropEverything', {})).rejects.toBeInstanceOf(ServiceError)
    // Names an object inherits are no actions.
    await expect(client.call('cam', 'constructor', {})).rejects.toMatchObject({code: 'InvalidAction'})
    await expect(client.call('cam', 'toString', {})).rejects.toMatchObject({code: 'InvalidAction'})
    client.close()
  })

  it('reads and replaces app tags through the Tag API', async () => {
    const client = cloud()
    await client.call('tag', 'ModifyResourceTags', {
      Resource: 'qcs::im::uin/100000000001:sdkappid/1400000000',
      ReplaceTags: [{TagKey: 'team', TagValue: 'ops'}],
    })
    const tags = await client.call('tag', 'DescribeResourceTagsByResourceIds', {
      ServiceType: 'im',
      ResourcePrefix: 'sdkappid',
      ResourceIds: ['1400000000'],
      ResourceRegion: '',
    })
    expect(tags).toMatchObject({TotalCount: 1, Tags: [{TagKey: 'team', TagValue: 'ops', ResourceId: '1400000000'}]})
    client.close()
  })
})

describe('emulator serve: REST v4', () => {
  it('imports, checks, profiles and deletes accounts with the v4 envelope', async () => {
    expect(await rest('im_open_login_svc/multiaccount_import', {AccountList: [{UserID: 'alice', Nick: 'Alice'}, {UserID: 'bob'}]})).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      FailAccounts: [],
    })
    const checked = await rest('im_open_login_svc/account_check', {CheckItem: [{UserID: 'alice'}, {UserID: 'carol'}]})
    expect(checked.ResultItem).toEqual([
      {UserID: 'alice', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported'},
      {UserID: 'carol', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported'},
    ])
    await rest('profile/portrait_set', {From_Account: 'bob', ProfileItem: [{Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male'}]})
    const profiles = await rest('profile/portrait_get', {To_Account: ['alice', 'bob'], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Gender']})
    expect(profiles.UserProfileItem).toMatchObject([
      {To_Account: 'alice', ProfileItem: [{Tag: 'Tag_Profile_IM_Nick', Value: 'Alice'}]},
      {To_Account: 'bob', ProfileItem: [{Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male'}]},
    ])
    // Standard edition: deletion is refused per item with the service's code.
    const deleted = await rest('im_open_login_svc/account_delete', {DeleteItem: [{UserID: 'alice'}]})
    expect(deleted).toMatchObject({ErrorCode: 0, ResultItem: [{UserID: 'alice', ResultCode: 71000}]})
  })

  it('creates a group with members, reads it, changes members and destroys it', async () => {
    await emulator.apply(account('demo', 'alice'))
    await emulator.apply(account('demo', 'bob'))
    const created = await rest('group_open_http_svc/create_group', {
      Type: 'Private',
      Name: 'Ops',
      GroupId: 'ops',
      Owner_Account: 'alice',
      MemberList: [{Member_Account: 'bob'}],
    })
    expect(created).toMatchObject({ErrorCode: 0, GroupId: 'ops'})
    expect(emulator.readOne('demo', 'group', 'ops')?.attributes).toMatchObject({type: 'Work', owner: 'alice', members: ['bob']})
    const info = await rest('group_open_http_svc/get_group_info', {GroupIdList: ['ops', 'nope']})
    expect(info.GroupInfo).toMatchObject([
      {GroupId: 'ops', Type: 'Private', Name: 'Ops', Owner_Account: 'alice', MemberNum: 2},
      {GroupId: 'nope', ErrorCode: 10010},
    ])
    await rest('group_open_http_svc/delete_group_member', {GroupId: 'ops', MemberToDel_Account: ['bob']})
    expect(emulator.readOne('demo', 'group', 'ops')?.attributes.members).toEqual([])
    expect(await rest('group_open_http_svc/get_appid_group_list', {})).toMatchObject({TotalCount: 1, GroupIdList: [{GroupId: 'ops'}], Next: 0})
    expect(await rest('group_open_http_svc/destroy_group', {GroupId: 'ops'})).toMatchObject({ActionStatus: 'OK'})
    expect(await rest('group_open_http_svc/destroy_group', {GroupId: 'ops'})).toMatchObject({ActionStatus: 'FAIL', ErrorCode: 10010})
  })

  it.each([
    ['an expired UserSig', {userSig: generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'administrator', time: 1000, expire: 60})}, 70001],
    [
      'a UserSig signed with another key',
      {userSig: generateUserSig('other', {sdkAppId: 1400000000, identifier: 'administrator', time: Math.floor(Date.now() / 1000), expire: 60})},
      70009,
    ],
    ['a malformed UserSig', {userSig: 'garbage'}, 70003],
    ['a missing UserSig', {userSig: ''}, 70002],
    ['an unknown app', {sdkAppId: 1400009999}, 70020],
    ['an identifier that is not an admin', {identifier: 'alice'}, 60010],
  ])('refuses %s with %i and changes nothing', async (_name, auth, code) => {
    await emulator.apply(account('demo', 'alice'))
    const answer = await rest('im_open_login_svc/account_import', {UserID: 'mallory'}, auth)
    expect(answer).toMatchObject({ActionStatus: 'FAIL', ErrorCode: code})
    expect(emulator.readOne('demo', 'account', 'mallory')).toBeUndefined()
  })

  it('answers malformed JSON, oversized bodies and unknown commands with the envelope', async () => {
    expect(await rest('im_open_login_svc/account_import', '{"UserID":')).toMatchObject({ActionStatus: 'FAIL', ErrorCode: 60003})
    expect(await rest('im_open_login_svc/account_import', JSON.stringify({UserID: 'x', Nick: 'n'.repeat(100_000)}))).toMatchObject({ErrorCode: 60002})
    expect(await rest('im_open_login_svc/no_such_command', {})).toMatchObject({ErrorCode: 60009})
    expect(await rest('im_open_login_svc/multiaccount_import', {Accounts: Array.from({length: 101}, (_, i) => `u${i}`)})).toMatchObject({ErrorCode: 70206})
    // Malformed items are bad parameters (not retried), never internal errors.
    expect(await rest('im_open_login_svc/multiaccount_import', {AccountList: [null]})).toMatchObject({ErrorCode: 70402})
    expect(await rest('im_open_login_svc/account_delete', {DeleteItem: [7]})).toMatchObject({ErrorCode: 70402})
    expect(await rest('profile/portrait_set', {From_Account: 'administrator', ProfileItem: [{Tag: 'Tag_Profile_IM_Nick', Value: {}}]})).toMatchObject({
      ErrorCode: 40001,
    })
    expect(await rest('group_open_http_svc/create_group', {Type: 'Public', Name: 'x', ApplyJoinOption: 'toString'})).toMatchObject({ErrorCode: 10004})
    expect(await rest('group_open_http_svc/create_group', {Type: 'Public', Name: 'x', AppDefinedData: [null]})).toMatchObject({ErrorCode: 10004})
    expect(await rest('im_open_login_svc/account_import', '[1, 2]')).toMatchObject({ErrorCode: 60003})
  })

  it('drops the connection when the answer to a batch import is lost, rather than reporting stored accounts as failed', async () => {
    const lossy = Emulator.open({path: ':memory:', faults: {seed: 1, failureRate: 0, throttleRate: 0, dropRate: 1, latencyMs: 0}})
    await lossy.apply(createApp('demo')).catch(() => {})
    const lossyServer = await serveEmulator(lossy, {credentials: CREDENTIALS, appSecretKey: () => APP_KEY})
    try {
      const userSig = generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'administrator', time: Math.floor(Date.now() / 1000), expire: 3600})
      const url = `${lossyServer.url}/v4/im_open_login_svc/multiaccount_import?sdkappid=1400000000&identifier=administrator&usersig=${userSig}&random=1&contenttype=json`
      await expect(fetch(url, {method: 'POST', body: JSON.stringify({AccountList: [{UserID: 'ann'}, {UserID: 'ben'}]})})).rejects.toThrow()
      expect(lossy.readOne('demo', 'account', 'ann')).toBeDefined()
    } finally {
      await lossyServer.close()
      lossy.close()
    }
  })

  it('holds the documented rate: a burst beyond 1/s on the group list is throttled with 60007', async () => {
    const answers = await Promise.all(Array.from({length: 3}, () => rest('group_open_http_svc/get_appid_group_list', {})))
    expect(answers.map((a) => a.ErrorCode).sort()).toEqual([0, 60007, 60007])
    expect(server.stats.snapshot()['group_open_http_svc/get_appid_group_list']).toMatchObject({requests: 3, throttled: 2})
  })
})

describe('emulator serve: listening', () => {
  it('refuses an address beyond loopback unless asked by name', async () => {
    await expect(serveEmulator(emulator, {host: '0.0.0.0', credentials: CREDENTIALS, appSecretKey: () => undefined})).rejects.toThrow(/not a loopback address/)
  })

  it.each([
    ['an unsigned GET', 'GET', 'AuthFailure.SignatureFailure'],
    ['a PUT', 'PUT', 'UnsupportedOperation'],
  ])('answers %s with the API 3.0 error envelope', async (_name, method, code) => {
    const body = await new Promise<string>((resolve, reject) => {
      request(`${server.url}/`, {method}, (response) => {
        let text = ''
        response.on('data', (chunk) => {
          text += chunk
        })
        response.on('end', () => resolve(text))
      })
        .on('error', reject)
        .end()
    })
    expect(JSON.parse(body)).toMatchObject({Response: {Error: {Code: code}}})
  })
})
