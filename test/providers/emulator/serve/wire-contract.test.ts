import {CommonClient} from 'tencentcloud-sdk-nodejs-common'
import {afterEach, describe, expect, it} from 'vitest'
import {generateUserSig} from '../../../../src/auth/usersig.js'
import {CloudApiClient} from '../../../../src/providers/tencentcloud/cloud-client.js'
import {RestClient} from '../../../../src/providers/tencentcloud/rest-client.js'
import {CLOUD_API_VERSIONS, IM_APP_TAG_RESOURCE, imAppResource, MAX_RESOURCE_IDS, MAX_TAGS_PER_CHANGE} from '../../../../src/wire/cloud-api.js'
import {ADD_MEMBER_BATCH, REST_DOMAINS} from '../../../../src/wire/rest-v4.js'
import {loadYaml} from '../../../helpers.js'
import {account, group} from '../changes.js'
import {APP_KEY, CREDENTIALS, ROOT_UIN, SERVE_TARGETS, type Served, type ServeSetup, SUB_USER} from './targets.js'

const SDK_APP_ID = 1400000000
const DOCUMENT = JSON.stringify({version: '2.0', statement: [{effect: 'allow', action: ['name/im:*'], resource: [`qcs::im::uin/${ROOT_UIN}:sdkappid/*`]}]})

let served: Served | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

describe.each(SERVE_TARGETS)('the documented wire contract, served ($name)', (target) => {
  const start = async (setup?: ServeSetup) => {
    served = await target.start(setup)
    return served
  }
  const cloud = (url: string, credentials = CREDENTIALS) => new CloudApiClient({site: 'intl', endpoint: url, credentials, retries: 0})
  const rest = async (url: string, command: string, body: unknown, time = Math.floor(Date.now() / 1000)) => {
    const userSig = generateUserSig(APP_KEY, {sdkAppId: SDK_APP_ID, identifier: 'administrator', time, expire: 3600})
    const response = await fetch(`${url}/v4/${command}?sdkappid=${SDK_APP_ID}&identifier=administrator&usersig=${userSig}&random=7&contenttype=json`, {
      method: 'POST',
      body: JSON.stringify(body),
    })
    return (await response.json()) as Record<string, unknown>
  }

  it('1. ListEntitiesForPolicy gives a sub-user its own ID in Id, as text, and its UIN in Uin', async () => {
    const {url} = await start()
    const client = cloud(url)
    const {PolicyId} = await client.call('cam', 'CreatePolicy', {PolicyName: 'readers', PolicyDocument: DOCUMENT})
    await client.call('cam', 'AttachUserPolicy', {PolicyId, AttachUin: SUB_USER})
    await client.call('cam', 'AttachGroupPolicy', {PolicyId, AttachGroupId: 7})
    const {List} = await client.call('cam', 'ListEntitiesForPolicy', {PolicyId, Rp: 200, Page: 1})
    expect(List).toEqual([
      {Id: expect.any(String), Uin: SUB_USER, RelatedType: 1},
      {Id: '7', RelatedType: 2},
    ])
    expect((List as Array<{Id: string}>)[0]?.Id).not.toBe(String(SUB_USER))
    client.close()
  })

  it('2. GetPolicy hands the document back written again, its slashes escaped', async () => {
    const {url} = await start()
    const client = cloud(url)
    const {PolicyId} = await client.call('cam', 'CreatePolicy', {PolicyName: 'readers', PolicyDocument: DOCUMENT})
    const {PolicyDocument} = await client.call('cam', 'GetPolicy', {PolicyId})
    expect(PolicyDocument).toContain('"name\\/im:*"')
    expect(PolicyDocument).not.toBe(DOCUMENT)
    expect(JSON.parse(String(PolicyDocument))).toEqual(JSON.parse(DOCUMENT))
    client.close()
  })

  it('3. ModifyResourceTags takes either list alone, never an empty one, and at most 10 tags in each', async () => {
    const {url, emulator} = await start()
    const client = cloud(url)
    const Resource = imAppResource(ROOT_UIN, SDK_APP_ID)
    const tags = (n: number) => Array.from({length: n}, (_, i) => ({TagKey: `k${i}`, TagValue: `v${i}`}))
    await expect(client.call('tag', 'ModifyResourceTags', {Resource, ReplaceTags: tags(1), DeleteTags: []})).rejects.toMatchObject({code: 'InvalidParameter'})
    await expect(client.call('tag', 'ModifyResourceTags', {Resource, ReplaceTags: [], DeleteTags: [{TagKey: 'k0'}]})).rejects.toMatchObject({
      code: 'InvalidParameter',
    })
    await expect(client.call('tag', 'ModifyResourceTags', {Resource, ReplaceTags: tags(MAX_TAGS_PER_CHANGE + 1)})).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    })
    await client.call('tag', 'ModifyResourceTags', {Resource, ReplaceTags: tags(MAX_TAGS_PER_CHANGE)})
    await client.call('tag', 'ModifyResourceTags', {Resource, DeleteTags: [{TagKey: 'k0'}]})
    expect(Object.keys((emulator.appResource(SDK_APP_ID)?.attributes.tags as object) ?? {})).toHaveLength(MAX_TAGS_PER_CHANGE - 1)
    client.close()
  })

  it('4. DescribeResourceTagsByResourceIds takes at most 50 resource IDs', async () => {
    const {url} = await start()
    const client = cloud(url)
    const ids = (n: number) => Array.from({length: n}, (_, i) => String(SDK_APP_ID + i))
    const params = {ServiceType: 'im', ResourcePrefix: 'sdkappid', ResourceRegion: '', Offset: 0, Limit: 100}
    await expect(client.call('tag', 'DescribeResourceTagsByResourceIds', {...params, ResourceIds: ids(MAX_RESOURCE_IDS + 1)})).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    })
    expect(await client.call('tag', 'DescribeResourceTagsByResourceIds', {...params, ResourceIds: ids(MAX_RESOURCE_IDS)})).toMatchObject({TotalCount: 0})
    client.close()
  })

  it.each([
    ['intl', 300],
    ['china', 20],
  ] as const)('5. add_group_member takes the %s site documented batch (%i) and answers each member', async (site, batch) => {
    expect(ADD_MEMBER_BATCH[site]).toBe(batch)
    const {url, emulator} = await start({site})
    for (let i = 0; i <= batch; i++) await emulator.apply(account('demo', `u${i}`))
    await emulator.apply(group('demo', 'ops', {type: 'Work', owner: 'u0'}))
    const members = (from: number, to: number) => Array.from({length: to - from}, (_, i) => ({Member_Account: `u${from + i}`}))
    expect(await rest(url, 'group_open_http_svc/add_group_member', {GroupId: 'ops', MemberList: members(0, batch + 1)})).toMatchObject({ErrorCode: 70206})
    const answer = await rest(url, 'group_open_http_svc/add_group_member', {GroupId: 'ops', MemberList: members(0, batch)})
    expect(answer).toMatchObject({ErrorCode: 0})
    const results = answer.MemberList as Array<{Member_Account: string; Result: number}>
    expect(results[0]).toEqual({Member_Account: 'u0', Result: 2})
    expect(results.slice(1).every((r) => r.Result === 1)).toBe(true)
    expect(await rest(url, 'group_open_http_svc/add_group_member', {GroupId: 'ops', MemberList: [{Member_Account: 'nobody'}]})).toMatchObject({
      ErrorCode: 10019,
    })
  })

  it('5. add_group_member answers Result 0 for a member who cannot join, and adds the others', async () => {
    const {url, emulator} = await start()
    // The premium edition lets one account join 1000 groups: a 1001st fails for that member only.
    await emulator.apply(account('demo', 'busy'))
    await emulator.apply(account('demo', 'free'))
    for (let i = 0; i < 1000; i++) await emulator.apply(group('demo', `g${i}`, {type: 'Work', owner: 'busy'}))
    await emulator.apply(group('demo', 'ops', {type: 'Work'}))
    const answer = await rest(url, 'group_open_http_svc/add_group_member', {GroupId: 'ops', MemberList: [{Member_Account: 'busy'}, {Member_Account: 'free'}]})
    expect(answer.MemberList).toEqual([
      {Member_Account: 'busy', Result: 0},
      {Member_Account: 'free', Result: 1},
    ])
    expect(emulator.readOne('demo', 'group', 'ops')?.attributes.members).toEqual(['free'])
  })

  it('6. the group and profile services answer transient faults with their own codes', async () => {
    const failing = await start({faults: {seed: 1, failureRate: 1, throttleRate: 0, dropRate: 0, latencyMs: 0}})
    await failing.emulator.apply(account('demo', 'alice'))
    expect(await rest(failing.url, 'group_open_http_svc/create_group', {Type: 'Public', Name: 'x', GroupId: 'x'})).toMatchObject({ErrorCode: 10002})
    expect(await rest(failing.url, 'profile/portrait_set', {From_Account: 'alice', ProfileItem: [{Tag: 'Tag_Profile_IM_Nick', Value: 'A'}]})).toMatchObject({
      ErrorCode: 40006,
    })
    await failing.close()
    served = undefined
    const throttled = await start({faults: {seed: 1, failureRate: 0, throttleRate: 1, dropRate: 0, latencyMs: 0}})
    expect(await rest(throttled.url, 'group_open_http_svc/create_group', {Type: 'Public', Name: 'x', GroupId: 'x'})).toMatchObject({ErrorCode: 10006})
  })

  it('6. the REST client repeats a call the group service refused as transient', async () => {
    // Half the writes fail: the client keeps at it until the group is made.
    const {url, emulator} = await start({faults: {seed: 3, failureRate: 0.5, throttleRate: 0, dropRate: 0, latencyMs: 0}})
    const client = new RestClient({region: 'singapore', endpoint: url, admin: 'administrator', appSecretKey: () => APP_KEY, retries: 12, minRetryDelayMs: 1})
    for (const id of ['a', 'b', 'c', 'd']) await client.call(SDK_APP_ID, 'group_open_http_svc/create_group', {Type: 'Public', Name: id, GroupId: id})
    expect(emulator.groupIds(SDK_APP_ID)).toEqual(['a', 'b', 'c', 'd'])
    expect(client.requests.get('group_open_http_svc/create_group')).toBeGreaterThan(4)
    client.close()
  })

  it('7. get_group_info fails with 10018 past 1 MB, and lists no members of an audio-video group', async () => {
    const {url, emulator} = await start()
    const ids = Array.from({length: 2000}, (_, i) => `member-with-a-long-user-id-${String(i).padStart(5, '0')}`)
    for (const id of ids) await emulator.apply(account('demo', id))
    for (const g of ['big1', 'big2', 'big3', 'big4']) await emulator.apply(group('demo', g, {type: 'Work', owner: ids[0], members: ids.slice(1)}))
    await emulator.apply(group('demo', 'live', {type: 'AVChatRoom', owner: ids[0]}))
    const all = await rest(url, 'group_open_http_svc/get_group_info', {GroupIdList: ['big1', 'big2', 'big3', 'big4']})
    expect(all).toMatchObject({ActionStatus: 'FAIL', ErrorCode: 10018})
    const one = await rest(url, 'group_open_http_svc/get_group_info', {GroupIdList: ['big1', 'live']})
    const [big, live] = one.GroupInfo as Array<Record<string, unknown>>
    expect(big?.MemberList).toHaveLength(2000)
    expect(live).toMatchObject({GroupId: 'live', Type: 'AVChatRoom', Owner_Account: ids[0]})
    expect(live).not.toHaveProperty('MemberList')
    expect(live).not.toHaveProperty('MemberNum')
    // Without members, the base information of all four fits; members come a page at a time.
    const bare = await rest(url, 'group_open_http_svc/get_group_info', {
      GroupIdList: ['big1', 'big2', 'big3', 'big4'],
      ResponseFilter: {GroupBaseInfoFilter: ['Name']},
    })
    expect(bare).toMatchObject({ErrorCode: 0, GroupInfo: [{GroupId: 'big1', Name: 'big1'}, {}, {}, {}]})
    expect((bare.GroupInfo as Array<Record<string, unknown>>)[0]).not.toHaveProperty('MemberList')
    const page = await rest(url, 'group_open_http_svc/get_group_member_info', {GroupId: 'big1', Limit: 200, Offset: 1800})
    expect(page).toMatchObject({MemberNum: 2000})
    expect((page.MemberList as unknown[]).length).toBe(200)
  })

  it('8. an app in Riyadh: the configuration takes the region, and the REST client calls its domain', async () => {
    const {url} = await start()
    expect(REST_DOMAINS.riyadh).toBe('adminapiksa.im.qcloud.com')
    const loaded = loadYaml(
      `version: 1\nprovider:\n  tencentcloud: { region: riyadh, uin: ${ROOT_UIN}, endpoint: ${url} }\napps:\n  demo: { name: Demo, sdkAppId: ${SDK_APP_ID} }\n`,
    )
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const client = new RestClient({region: 'riyadh', endpoint: url, admin: 'administrator', appSecretKey: () => APP_KEY})
    expect(await client.call(SDK_APP_ID, 'im_open_login_svc/account_check', {CheckItem: [{UserID: 'administrator'}]})).toMatchObject({ErrorCode: 0})
    client.close()
  })

  it('9. the official SDK, pointed at the emulator its own way, signs and is answered; a wrong key is refused', async () => {
    const {url} = await start()
    // As the SDK documents it: httpProfile.endpoint is host:port, protocol http://; by POST and by GET.
    const sdk = (service: 'cam' | 'tag', secretKey = CREDENTIALS.secretKey, reqMethod: 'POST' | 'GET' = 'POST') =>
      new CommonClient(`${service}.tencentcloudapi.com`, CLOUD_API_VERSIONS[service], {
        credential: {secretId: CREDENTIALS.secretId, secretKey},
        profile: {httpProfile: {endpoint: new URL(url).host, protocol: 'http://', reqMethod}},
      })
    const created = await sdk('cam').request('CreatePolicy', {PolicyName: 'sdk-readers', PolicyDocument: DOCUMENT})
    expect(created.PolicyId).toEqual(expect.any(Number))
    expect(await sdk('cam', CREDENTIALS.secretKey, 'GET').request('GetPolicy', {PolicyId: created.PolicyId})).toMatchObject({PolicyName: 'sdk-readers'})
    await sdk('tag', CREDENTIALS.secretKey, 'GET').request('ModifyResourceTags', {
      Resource: imAppResource(ROOT_UIN, SDK_APP_ID),
      ReplaceTags: [{TagKey: 'team', TagValue: 'ops'}],
    })
    expect(
      await sdk('tag').request('DescribeResourceTagsByResourceIds', {
        ServiceType: IM_APP_TAG_RESOURCE.serviceType,
        ResourcePrefix: IM_APP_TAG_RESOURCE.resourcePrefix,
        ResourceIds: [String(SDK_APP_ID)],
        ResourceRegion: '',
        Offset: 0,
        Limit: 10,
      }),
    ).toMatchObject({TotalCount: 1, Tags: [{TagKey: 'team', TagValue: 'ops', ResourceId: String(SDK_APP_ID)}]})
    await expect(sdk('cam', 'not-the-key').request('ListPolicies', {})).rejects.toMatchObject({code: 'AuthFailure.SignatureFailure'})
    await expect(sdk('tag', 'not-the-key', 'GET').request('DescribeResourceTagsByResourceIds', {})).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    })
  })

  it('10. create_group without a GroupId makes the group under an ID the service chooses', async () => {
    const {url, emulator} = await start()
    const made = await rest(url, 'group_open_http_svc/create_group', {Type: 'Public', Name: 'Lobby'})
    expect(made).toMatchObject({ErrorCode: 0, GroupId: expect.stringMatching(/^@TGS#\w+$/)})
    expect(emulator.readOne('demo', 'group', String(made.GroupId))?.attributes).toMatchObject({type: 'Public', name: 'Lobby'})
    // An ID in the service's own form is still refused when a caller chooses it.
    expect(await rest(url, 'group_open_http_svc/create_group', {Type: 'Public', Name: 'x', GroupId: '@TGS#MINE'})).toMatchObject({ErrorCode: 10004})
  })

  it('11. the app is tagged under the one resource name chatcfg spells, and no other', async () => {
    const {url} = await start()
    const client = cloud(url)
    expect(imAppResource(ROOT_UIN, SDK_APP_ID)).toBe(`qcs::im::uin/${ROOT_UIN}:sdkappid/${SDK_APP_ID}`)
    await client.call('tag', 'ModifyResourceTags', {Resource: imAppResource(ROOT_UIN, SDK_APP_ID), ReplaceTags: [{TagKey: 'a', TagValue: 'b'}]})
    await expect(
      client.call('tag', 'ModifyResourceTags', {
        Resource: `qcs::im:ap-singapore:uin/${ROOT_UIN}:app/${SDK_APP_ID}`,
        ReplaceTags: [{TagKey: 'a', TagValue: 'b'}],
      }),
    ).rejects.toMatchObject({code: 'InvalidParameter.ResourceDescriptionError'})
    client.close()
  })

  it('refuses a UserSig made a year in the future with 70009', async () => {
    const {url} = await start()
    const ahead = Math.floor(Date.now() / 1000) + 365 * 24 * 3600
    expect(await rest(url, 'im_open_login_svc/account_check', {CheckItem: [{UserID: 'administrator'}]}, ahead)).toMatchObject({ErrorCode: 70009})
  })
})
