import {describe, expect, it} from 'vitest'
import {decodeUserSig} from '../../src/auth/usersig.js'
import {chatcfg, workspace} from '../helpers.js'

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const env = {CHATCFG_APP_SECRET_KEY: KEY}

describe('chatcfg usersig', () => {
  it('generates a UserSig valid for 180 days that verify accepts', () => {
    const cwd = workspace({})
    const generated = chatcfg(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'administrator'], cwd, env)
    expect(generated.code).toBe(0)
    const userSig = generated.stdout.trim()
    expect(decodeUserSig(userSig)).toMatchObject({sdkAppId: 1400000000, identifier: 'administrator', expire: 15552000})
    const verified = chatcfg(['usersig', 'verify', '--sdk-app-id', '1400000000', '--user-id', 'administrator', '--format', 'json', userSig], cwd, env)
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({valid: true, sdkAppId: 1400000000, identifier: 'administrator'})
    expect(generated.stdout + verified.stdout).not.toContain(KEY)
  })

  it('names the service error code of a UserSig for another app, and exits 1', () => {
    const cwd = workspace({'key.txt': `${KEY}\n`})
    const userSig = chatcfg(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'ops', '--expire', '60'], cwd, env).stdout.trim()
    const run = chatcfg(['usersig', 'verify', '--sdk-app-id', '1400000001', '--user-id', 'ops', '--key-file', 'key.txt', userSig], cwd)
    expect(run).toMatchObject({code: 1, stderr: 'chatcfg: error[70014]: the UserSig was made for SDKAppID 1400000000, not 1400000001\n'})
  })

  it('refuses a UserSig signed with another key with 70009', () => {
    const cwd = workspace({})
    const userSig = chatcfg(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'ops'], cwd, env).stdout.trim()
    const run = chatcfg(['usersig', 'verify', '--sdk-app-id', '1400000000', '--user-id', 'ops', userSig], cwd, {CHATCFG_APP_SECRET_KEY: 'another-key'})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^chatcfg: error\[70009\]: /)
  })

  it('asks for the key in one line when the environment has none', () => {
    const run = chatcfg(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'ops'], workspace({}))
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('set CHATCFG_APP_SECRET_KEY')
  })
})
