import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {generateUserSig} from '../../../../src/auth/usersig.js'
import {Emulator} from '../../../../src/providers/emulator/emulator.js'
import {type EmulatorServer, serveEmulator} from '../../../../src/providers/emulator/serve/server.js'
import {BATCH} from '../../../../src/wire/rest-v4.js'
import {account, createApp, settings, times} from '../changes.js'

// The console guide's rules where they reach the wire: the same refusals through REST v4 as in process.
const APP_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const CREDENTIALS = {secretId: 'AKIDchatcfgEMULATOR0000000000000000', secretKey: 'emulator-secret-key-for-tests-0000'}

let emulator: Emulator
let server: EmulatorServer

beforeEach(async () => {
  emulator = Emulator.open({path: ':memory:'})
  for (const change of [createApp('demo', {edition: 'premium'}), settings('group-settings', 'demo', {community: true})]) await emulator.apply(change)
  for (const change of times(2002, (i) => account('demo', `u${i}`))) await emulator.apply(change)
  server = await serveEmulator(emulator, {credentials: CREDENTIALS, appSecretKey: (id) => (id === 1400000000 ? APP_KEY : undefined)})
})
afterEach(async () => {
  await server.close()
  emulator.close()
})

async function rest(command: string, body: unknown): Promise<Record<string, unknown>> {
  const userSig = generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'administrator', time: Math.floor(Date.now() / 1000), expire: 3600})
  const url = `${server.url}/v4/${command}?sdkappid=1400000000&identifier=administrator&usersig=${userSig}&random=42&contenttype=json`
  return (await (await fetch(url, {method: 'POST', body: JSON.stringify(body)})).json()) as Record<string, unknown>
}

/** Creates a group owned by u0 and adds u1…u<members> in the service's batches; the last answer. */
async function groupOf(type: string, groupId: string, members: number): Promise<Record<string, unknown>> {
  const created = await rest('group_open_http_svc/create_group', {Type: type, Name: groupId, GroupId: groupId, Owner_Account: 'u0'})
  expect(created).toMatchObject({ErrorCode: 0})
  let answer = created
  for (let first = 1; first <= members; first += BATCH.groupMembers) {
    const batch = times(Math.min(BATCH.groupMembers, members - first + 1), (i) => ({Member_Account: `u${first + i}`}))
    answer = await rest('group_open_http_svc/add_group_member', {GroupId: groupId, MemberList: batch, Silence: 1})
    if (answer.ErrorCode !== 0) return answer
  }
  return answer
}

describe('emulator serve: group sizes by group type', () => {
  it('a premium community takes more than the 2,000 members of other groups', async () => {
    expect(await groupOf('Community', '@TGS#_big', 2001)).toMatchObject({ActionStatus: 'OK', ErrorCode: 0})
    const info = await rest('group_open_http_svc/get_group_info', {GroupIdList: ['@TGS#_big']})
    expect(info.GroupInfo).toMatchObject([{GroupId: '@TGS#_big', MemberNum: 2002}])
  })

  it('a premium public group stops at 2,000 members with 10038', async () => {
    expect(await groupOf('Public', 'big', 2000)).toMatchObject({ActionStatus: 'FAIL', ErrorCode: 10038})
    expect(emulator.readOne('demo', 'group', 'big')?.attributes.members).toHaveLength(BATCH.groupMembers * Math.floor(1999 / BATCH.groupMembers))
  })
})
