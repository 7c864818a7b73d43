import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const ENV = {WEBHOOK_TOKEN: 'export-token', HUAWEI_APP_SECRET: 'export-huawei', APNS_P12_PASSWORD: 'export-password'}

/** The example applied to a fresh emulator in a fresh folder. */
function applied(name: string, env: Record<string, string> = {}): string {
  const cwd = workspace({})
  // Not the emulator state a local demo run may have left beside the example.
  cpSync(join(ROOT, 'examples', name), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  expect(chatcfg(['apply', '--auto-approve'], cwd, env).code).toBe(0)
  return cwd
}

describe('chatcfg export', () => {
  it('exports live state such that planning the export shows no changes', () => {
    const cwd = applied('quickstart')
    expect(chatcfg(['export', '--out', 'exported.yaml'], cwd).code).toBe(0)
    expect(chatcfg(['validate', 'exported.yaml'], cwd).code).toBe(0)
    expect(chatcfg(['plan', '--detailed-exitcode', 'exported.yaml'], cwd)).toMatchObject({
      code: 0,
      stdout: 'No changes. Live state matches the configuration.\n',
    })
  })

  it('writes secrets as environment references; set to the real values, the plan shows no changes', () => {
    const cwd = applied('premium-complete', ENV)
    const exported = chatcfg(['export'], cwd)
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain('token: ${env:SUPPORT_WEBHOOK_TOKEN}')
    for (const secret of Object.values(ENV)) expect(exported.stdout).not.toContain(secret)
    writeFileSync(join(cwd, 'exported.yaml'), exported.stdout)
    const secrets = {
      SUPPORT_WEBHOOK_TOKEN: ENV.WEBHOOK_TOKEN,
      SUPPORT_PUSH_ANDROID_HUAWEI_APPSECRET: ENV.HUAWEI_APP_SECRET,
      SUPPORT_PUSH_IOS_APNS_PRODUCTION_PASSWORD: ENV.APNS_P12_PASSWORD,
      SUPPORT_PUSH_IOS_APNS_PRODUCTION_P12: readFileSync(join(cwd, 'certs', 'apns-production.p12')).toString('base64'),
      SUPPORT_PUSH_ANDROID_GOOGLE_CREDENTIALS: readFileSync(join(cwd, 'certs', 'fcm-service-account.json'), 'utf8'),
    }
    expect(chatcfg(['plan', '--detailed-exitcode', 'exported.yaml'], cwd, secrets).stdout).toBe('No changes. Live state matches the configuration.\n')
  })
})

describe('chatcfg drift', () => {
  it('exits 0 without drift, and 4 naming each difference', () => {
    const cwd = applied('quickstart')
    expect(chatcfg(['drift'], cwd)).toMatchObject({code: 0, stdout: 'No drift: live state matches the configuration.\n'})
    const file = join(cwd, 'chatcfg.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('recallLimitMinutes: 5', 'recallLimitMinutes: 8'))
    expect(chatcfg(['drift'], cwd)).toMatchObject({
      code: 4,
      stdout: 'app.demo.messages: recallLimitMinutes is 5 live, 8 in the configuration\nDrift: live state differs from the configuration (1 resource).\n',
    })
  })
})
