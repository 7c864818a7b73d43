// Secrets: a canary for every kind of secret chatcfg handles passes through every command and format,
// with both providers, with oclif's debug log on, into every file chatcfg writes; no canary may appear
// in clear (nor in base64 or hex) in any output or file.
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {applyPlan} from '../dist/apply/apply-plan.js'
import {preparePlan} from '../dist/index.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {serveEmulator} from '../dist/providers/emulator/serve/server.js'
import {remove, runCli, workspace} from './common.mjs'

/** One canary per secret kind; each is unlike anything else in the configuration. */
export const CANARIES = {
  WEBHOOK_TOKEN: 'canary-webhook-token-5c1e9a',
  FCM_SERVER_KEY: 'canary-fcm-server-key-77b2d0',
  HUAWEI_SECRET: 'canary-huawei-app-secret-a1f3',
  MI_SECRET: 'canary-mi-app-secret-0d9c44',
  VIVO_SECRET: 'canary-vivo-app-secret-e6b7',
  OPPO_SECRET: 'canary-oppo-master-secret-31aa',
  HONOR_SECRET: 'canary-honor-client-secret-9f02',
  P12_PASSWORD: 'canary-p12-password-4be8c6',
  TENCENTCLOUD_SECRET_KEY: 'canary-api-secret-key-2d7f19',
  CHATCFG_APP_SECRET_KEY: 'canary-app-secret-key-0c55e3',
}
/** Certificate content comes from files: the p12 bytes and an FCM service-account JSON. */
const P12_BYTES = Buffer.from('canary-p12-certificate-bytes-8e1d')
const FCM_JSON = '{"type":"service_account","private_key":"canary-fcm-private-key-6a3b"}'
const FILE_CANARIES = ['canary-p12-certificate-bytes-8e1d', 'canary-fcm-private-key-6a3b']

/**
 * A value in clear, in hex, and in base64 at each of the three alignments it can take inside a longer
 * encoded text (the characters that mix in its neighbours are left out).
 */
function forms(value) {
  const buffer = Buffer.from(value)
  const base64 = [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), buffer]).toString('base64')
    const whole = Math.floor((offset + buffer.length) / 3) * 4
    return encoded.slice(offset === 0 ? 0 : 4, whole)
  })
  return [value, buffer.toString('hex'), ...base64.filter((form) => form.length >= 8)]
}
// The secrets as chatcfg holds them, too: the p12 as base64 text and the whole service-account file.
const needles = [...Object.values(CANARIES), ...FILE_CANARIES, P12_BYTES.toString('base64'), FCM_JSON].flatMap(forms)

const app = (extra) => `    name: Support
    edition: premium
${extra}    webhook:
      url: https://hooks.example.com/im
      token: "\${env:WEBHOOK_TOKEN}"
      events: [State.StateChange]
    push:
      android:
        google: { serverKey: "\${env:FCM_SERVER_KEY}", channelId: default }
        huawei: { appId: "104512345", appSecret: "\${env:HUAWEI_SECRET}" }
        mi: { appId: "2882303761", appSecret: "\${env:MI_SECRET}" }
        vivo: { appId: "10001", appKey: vivo-key, appSecret: "\${env:VIVO_SECRET}" }
        oppo: { appKey: oppo-key, masterSecret: "\${env:OPPO_SECRET}" }
        honor: { appId: "104400", clientId: honor-client, clientSecret: "\${env:HONOR_SECRET}" }
      ios:
        prod: { type: apns, environment: production, bundleId: com.example.support, p12: "\${filebase64:certs/prod.p12}", password: "\${env:P12_PASSWORD}" }
`
const emulatorConfig = `version: 1\napps:\n  support:\n${app('')}`
const cloudConfig = (url) =>
  `version: 1\nprovider:\n  tencentcloud: { region: usa, uin: 100000000001, endpoint: ${url} }\napps:\n  support:\n${app('    sdkAppId: 1400000000\n').replace('serverKey: "${env:FCM_SERVER_KEY}"', 'credentials: "${file:certs/fcm.json}"')}`
// A configuration whose errors sit on secret values: the messages must not quote them.
const brokenConfig = `version: 1\napps:\n  support:\n    name: Support\n    webhook:\n      url: https://hooks.example.com/im\n      token: "\${env:WEBHOOK_TOKEN}"\n      events: [State.StateChange]\n      timeoutSeconds: "\${env:P12_PASSWORD}"\n    push:\n      ios:\n        prod: { p12: "\${env:HUAWEI_SECRET}", password: 7 }\n`

function filesUnder(folder) {
  return readdirSync(folder, {recursive: true})
    .map((name) => join(folder, String(name)))
    .filter((path) => statSync(path).isFile())
}

/** Every canary (in clear, base64 or hex) found in a text, as a problem naming where. */
export function leaks(text, where) {
  return needles.filter((needle) => text.includes(needle)).map((needle) => `${where}: contains ${needle.slice(0, 18)}…`)
}

export async function secretsCampaign() {
  const problems = []
  const checked = {commands: 0, files: 0}
  const env = {...CANARIES, TENCENTCLOUD_SECRET_ID: 'AKIDchatcfgCANARY00000000000000000', CHATCFG_FINGERPRINT_KEY: 'fingerprints', DEBUG: '*'}
  const files = {'certs/prod.p12': P12_BYTES, 'certs/fcm.json': FCM_JSON}
  // Each command must also do its job (exit as expected): a command that fails early proves nothing.
  const check = async (args, cwd, expected = 0, extraEnv = {}) => {
    const {code, output} = await runCli(args, {cwd, env: {...env, ...extraEnv}})
    checked.commands++
    if (code !== expected)
      problems.push(
        `chatcfg ${args.join(' ')} exited ${code}, expected ${expected}: ${output
          .split('\n')
          .filter((l) => !l.includes('oclif'))
          .slice(-2)
          .join(' ')}`,
      )
    problems.push(...leaks(output, `chatcfg ${args.join(' ')}`))
    return output
  }

  // The emulator: every command and format, then every file left behind.
  const local = workspace({...files, 'chatcfg.yaml': emulatorConfig, 'broken/chatcfg.yaml': brokenConfig, 'broken/certs/prod.p12': P12_BYTES})
  try {
    // validate reads no reference unless asked to; both ways are checked.
    for (const resolve of [[], ['--resolve']]) {
      for (const format of ['text', 'json', 'github']) await check(['validate', ...resolve, '--format', format], local)
      for (const format of ['text', 'json', 'github']) await check(['validate', ...resolve, '--format', format], join(local, 'broken'), 1)
    }
    for (const format of ['text', 'markdown', 'json']) await check(['plan', '--format', format], local)
    await check(['plan', '--out', 'plan.json'], local)
    for (const format of ['text', 'markdown', 'json']) await check(['show', 'plan.json', '--format', format], local)
    await check(['apply', '--auto-approve', 'plan.json'], local)
    await check(['apply', '--auto-approve'], local)
    await check(['drift'], local)
    await check(['drift', '--format', 'json'], local)
    await check(['export', '--out', 'exported.yaml'], local)
    await check(['synth', '--out', 'synth'], local)
    await check(['emulator', 'status', '--format', 'json'], local)
    await check(['plan'], join(local, 'broken'), 1)
    await check(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'administrator'], local)
    for (const file of filesUnder(local)) {
      if (file.includes(`${join('broken', 'certs')}`) || file.endsWith(join('certs', 'prod.p12')) || file.endsWith(join('certs', 'fcm.json'))) continue
      if (file.endsWith('chatcfg.yaml')) continue
      checked.files++
      problems.push(...leaks(readFileSync(file).toString('latin1'), file.slice(local.length + 1)))
    }
  } finally {
    remove(local)
  }

  // The real provider against the served emulator: plans, apply with the console steps confirmed, the state file.
  const cloud = workspace({...files})
  const database = join(cloud, 'service.db')
  const console = Emulator.open({path: database, account: {uin: 100000000001}})
  await console.apply({action: 'create', kind: 'app', address: 'app.support', name: 'support', after: {name: 'Support', edition: 'premium'}})
  const server = await serveEmulator(console, {
    credentials: {secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: CANARIES.TENCENTCLOUD_SECRET_KEY},
    appSecretKey: () => CANARIES.CHATCFG_APP_SECRET_KEY,
  })
  try {
    writeFileSync(join(cloud, 'chatcfg.yaml'), cloudConfig(server.url))
    for (const format of ['text', 'markdown', 'json']) await check(['plan', '--format', format], cloud)
    // Without a terminal, apply makes what an API can make and lists the console steps: exit 5.
    await check(['apply', '--auto-approve'], cloud, 5)
    const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd: cloud, env})
    if (!planning.ok) throw new Error(planning.diagnostics.map((d) => d.message).join('; '))
    const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator: async () => ({})})
    planning.provider.close()
    if (!report.ok) problems.push('the real provider could not apply the canary configuration')
    await check(['plan'], cloud)
    await check(['drift', '--format', 'json'], cloud)
    await check(['plan'], cloud, 1, {TENCENTCLOUD_SECRET_KEY: 'a-wrong-key'})
    for (const file of filesUnder(cloud)) {
      if (file.endsWith(join('certs', 'prod.p12')) || file.endsWith(join('certs', 'fcm.json')) || file.endsWith('chatcfg.yaml')) continue
      checked.files++
      problems.push(...leaks(readFileSync(file).toString('latin1'), file.slice(cloud.length + 1)))
    }
  } finally {
    await server.close()
    console.close()
    remove(cloud)
  }
  return {campaign: 'secrets', canaries: Object.keys(CANARIES).length + FILE_CANARIES.length, ...checked, problems}
}
