// The served emulator as an attack surface: it listens on loopback only; requests with missing,
// malformed, expired or wrongly signed credentials are refused with the service's codes; oversized and
// malformed bodies get the proper envelope; the rate limits hold under a burst from another process.
import {spawn} from 'node:child_process'
import {request as httpRequest} from 'node:http'
import {join} from 'node:path'
import {tc3Date, tc3Signature} from '../dist/auth/tc3.js'
import {generateUserSig} from '../dist/auth/usersig.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {serveEmulator} from '../dist/providers/emulator/serve/server.js'
import {remove, runCli, workspace} from './common.mjs'

const APP_KEY = 'attack-app-secret-key-0000000000000000000000000000000000000000000'
const CLOUD = {secretId: 'AKIDchatcfgATTACK000000000000000000', secretKey: 'attack-api-secret-key'}
const now = () => Math.floor(Date.now() / 1000)

function signedHeaders(
  body,
  {secretKey = CLOUD.secretKey, secretId = CLOUD.secretId, timestamp = now(), action = 'ListPolicies', host = 'cam.intl.tencentcloudapi.com'} = {},
) {
  const headers = {'content-type': 'application/json; charset=utf-8', host}
  const signature = tc3Signature(secretKey, {
    method: 'POST',
    query: '',
    headers,
    signedHeaders: ['content-type', 'host'],
    payload: body,
    service: 'cam',
    timestamp,
  })
  return {
    ...headers,
    'x-tc-action': action,
    'x-tc-version': '2019-01-16',
    'x-tc-timestamp': String(timestamp),
    authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${tc3Date(timestamp)}/cam/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
  }
}

/** node:http, not fetch: fetch will not send the Host header the signature covers. */
function cloudCall(url, body, headers) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/`, {method: 'POST', headers}, (response) => {
      let text = ''
      response.on('data', (chunk) => {
        text += chunk
      })
      response.on('end', () => resolve(JSON.parse(text).Response))
    })
    request.on('error', reject)
    request.end(body)
  })
}

async function restCall(url, command, body, {sdkAppId = 1400000000, identifier = 'administrator', userSig} = {}) {
  const sig = userSig ?? generateUserSig(APP_KEY, {sdkAppId, identifier, time: now(), expire: 3600})
  const response = await fetch(`${url}/v4/${command}?sdkappid=${sdkAppId}&identifier=${identifier}&usersig=${sig}&random=1&contenttype=json`, {
    method: 'POST',
    body,
  })
  return response.json()
}

/** A burst from a second process: `count` calls at once to one endpoint; resolves to the ErrorCodes it got. */
function burstFromAnotherProcess(url, count) {
  const userSig = generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'administrator', time: now(), expire: 3600})
  const script = `const url=${JSON.stringify(`${url}/v4/im_open_login_svc/account_check?sdkappid=1400000000&identifier=administrator&usersig=${userSig}&random=1&contenttype=json`)};
const start=performance.now();
Promise.all(Array.from({length:${count}},()=>fetch(url,{method:'POST',body:JSON.stringify({CheckItem:[{UserID:'a'}]})}).then(r=>r.json()).then(j=>j.ErrorCode))).then(c=>process.stdout.write(JSON.stringify({codes:c,elapsedMs:performance.now()-start})))`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script])
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('close', () => {
      try {
        resolve(JSON.parse(out))
      } catch (error) {
        reject(error)
      }
    })
  })
}

export async function attackCampaign() {
  const folder = workspace({})
  const emulator = Emulator.open({path: join(folder, 'service.db'), account: {uin: 100000000001}})
  await emulator.apply({action: 'create', kind: 'app', address: 'app.target', name: 'target', after: {name: 'Target', edition: 'standard'}})
  await emulator.apply({action: 'create', kind: 'account', address: 'app.target.account.mallory', appKey: 'target', name: 'mallory', after: {type: 'general'}})
  const server = await serveEmulator(emulator, {credentials: CLOUD, appSecretKey: (id) => (id === 1400000000 ? APP_KEY : undefined), maxBodyBytes: 64 * 1024})
  const probes = []
  const probe = async (name, expected, got) => {
    const actual = await got
    probes.push({name, expected, actual, ok: actual === expected})
  }
  try {
    const body = JSON.stringify({Scope: 'Local'})
    // Listening
    await probe(
      'listen on 0.0.0.0 without --allow-remote',
      'refused',
      serveEmulator(emulator, {host: '0.0.0.0', credentials: CLOUD, appSecretKey: () => undefined}).then(
        () => 'listening',
        () => 'refused',
      ),
    )
    await probe(
      'emulator serve --host 0.0.0.0 exits 1',
      1,
      runCli(['emulator', 'serve', '--db', join(folder, 'cli.db'), '--host', '0.0.0.0'], {
        env: {TENCENTCLOUD_SECRET_ID: 'a', TENCENTCLOUD_SECRET_KEY: 'b'},
      }).then((r) => r.code),
    )
    // API 3.0 credentials
    const cloud = (headers, payload = body) => cloudCall(server.url, payload, headers).then((r) => r.Error?.Code ?? 'OK')
    await probe('API 3.0 correctly signed', 'OK', cloud(signedHeaders(body)))
    await probe('API 3.0 without Authorization', 'AuthFailure.SignatureFailure', cloud({...signedHeaders(body), authorization: ''}))
    await probe('API 3.0 malformed Authorization', 'AuthFailure.SignatureFailure', cloud({...signedHeaders(body), authorization: 'TC3-HMAC-SHA256 garbage'}))
    await probe('API 3.0 signed with a wrong key', 'AuthFailure.SignatureFailure', cloud(signedHeaders(body, {secretKey: 'wrong'})))
    await probe('API 3.0 unknown SecretId', 'AuthFailure.SecretIdNotFound', cloud(signedHeaders(body, {secretId: 'AKIDunknown'})))
    await probe('API 3.0 timestamp 10 minutes old', 'AuthFailure.SignatureExpire', cloud(signedHeaders(body, {timestamp: now() - 600})))
    await probe('API 3.0 body changed after signing', 'AuthFailure.SignatureFailure', cloud(signedHeaders(body), JSON.stringify({Scope: 'All'})))
    await probe('API 3.0 action named constructor', 'InvalidAction', cloud(signedHeaders(body, {action: 'constructor'})))
    await probe('API 3.0 malformed JSON, signed', 'InvalidParameter', cloud(signedHeaders('{"Scope":'), '{"Scope":'))
    const big = JSON.stringify({Keyword: 'x'.repeat(100 * 1024)})
    await probe('API 3.0 oversized body', 'InvalidParameter', cloud(signedHeaders(big), big))
    // REST v4 credentials
    const rest = (command, payload, auth) => restCall(server.url, command, payload, auth).then((r) => r.ErrorCode)
    const check = JSON.stringify({CheckItem: [{UserID: 'mallory'}]})
    await probe('REST correctly signed', 0, rest('im_open_login_svc/account_check', check))
    await probe('REST without a UserSig', 70002, rest('im_open_login_svc/account_check', check, {userSig: ''}))
    await probe('REST malformed UserSig', 70003, rest('im_open_login_svc/account_check', check, {userSig: 'eJx-not-zlib'}))
    await probe(
      'REST expired UserSig',
      70001,
      rest('im_open_login_svc/account_check', check, {
        userSig: generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'administrator', time: 1000, expire: 60}),
      }),
    )
    await probe(
      'REST UserSig from another key',
      70009,
      rest('im_open_login_svc/account_check', check, {
        userSig: generateUserSig('other', {sdkAppId: 1400000000, identifier: 'administrator', time: now(), expire: 60}),
      }),
    )
    await probe(
      'REST UserSig of another app',
      70014,
      rest('im_open_login_svc/account_check', check, {
        userSig: generateUserSig(APP_KEY, {sdkAppId: 1400000001, identifier: 'administrator', time: now(), expire: 60}),
      }),
    )
    await probe(
      'REST UserSig of another UserID',
      70013,
      rest('im_open_login_svc/account_check', check, {
        userSig: generateUserSig(APP_KEY, {sdkAppId: 1400000000, identifier: 'mallory', time: now(), expire: 60}),
      }),
    )
    await probe('REST signed by an account that is not an admin', 60010, rest('im_open_login_svc/account_check', check, {identifier: 'mallory'}))
    await probe('REST unknown app', 70020, rest('im_open_login_svc/account_check', check, {sdkAppId: 1400009999}))
    await probe('REST malformed JSON', 60003, rest('im_open_login_svc/account_import', '{"UserID":'))
    await probe('REST oversized body', 60002, rest('im_open_login_svc/account_import', JSON.stringify({UserID: 'x', Nick: 'n'.repeat(100 * 1024)})))
    await probe('REST unknown command', 60009, rest('im_open_login_svc/__proto__', '{}'))
    // Rate limit under a burst from another process: account_check allows 100 calls per second.
    // A bucket of one second's calls that refills as time passes: at most 100 plus 100 per second of the burst.
    const {codes, elapsedMs} = await burstFromAnotherProcess(server.url, 300)
    const accepted = codes.filter((c) => c === 0).length
    const throttled = codes.filter((c) => c === 60007).length
    const ceiling = Math.floor(100 + (100 * elapsedMs) / 1000) + 1
    probes.push({
      name: 'burst of 300 account_check calls from another process (100/s)',
      expected: `at most ${ceiling} accepted over ${Math.round(elapsedMs)} ms, the rest 60007`,
      actual: `${accepted} accepted, ${throttled} throttled`,
      ok: accepted <= ceiling && accepted >= 100 && accepted + throttled === 300,
    })
    // A second later the bucket has refilled: the same call is answered again.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const stillServing = await rest('im_open_login_svc/account_check', check)
    probes.push({name: 'a second after the burst, served again', expected: 0, actual: stillServing, ok: stillServing === 0})
  } finally {
    await server.close()
    emulator.close()
    remove(folder)
  }
  return {
    campaign: 'attack-surface',
    probes: probes.length,
    problems: probes.filter((p) => !p.ok).map((p) => `${p.name}: expected ${p.expected}, got ${p.actual}`),
    detail: probes,
  }
}
