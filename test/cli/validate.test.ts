import {spawnSync} from 'node:child_process'
import {closeSync, openSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')

const VALID = 'version: 1\napps:\n  demo:\n    name: Demo\n'

describe('chatcfg validate', () => {
  it('exits 0 on a valid configuration, reading chatcfg.yaml by default', () => {
    const run = chatcfg(['validate'], workspace({'chatcfg.yaml': VALID}))
    expect(run).toEqual({code: 0, stdout: 'valid: 1 file, 1 app, 0 policies\n', stderr: ''})
  })

  it('reads the path from stdin when none is given and stdin is a file, and the default when it is /dev/null', () => {
    const cwd = workspace({'chatcfg.yaml': VALID, 'other.yaml': `${VALID}    edition: gold\n`, 'paths.txt': 'other.yaml\r\n'})
    const withStdin = (file: string) => {
      const stdin = openSync(file, 'r')
      try {
        const env = {PATH: process.env.PATH ?? '', NO_COLOR: '1'}
        return spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), 'validate'], {cwd, env, encoding: 'utf8', stdio: [stdin, 'pipe', 'pipe']})
      } finally {
        closeSync(stdin)
      }
    }
    const fromFile = withStdin(join(cwd, 'paths.txt'))
    expect(fromFile.status).toBe(1)
    expect(fromFile.stdout).toMatch(/^other\.yaml:5:14: error\[config\/invalid-value\]/)
    expect(withStdin('/dev/null')).toMatchObject({status: 0, stdout: 'valid: 1 file, 1 app, 0 policies\n'})
  })

  it('reads the chatcfg/ folder by default when there is no chatcfg.yaml', () => {
    const run = chatcfg(['validate'], workspace({'chatcfg/apps.yaml': VALID, 'chatcfg/more.yml': 'version: 1\napps: { other: { name: Other } }\n'}))
    expect(run.stdout).toBe('valid: 2 files, 2 apps, 0 policies\n')
  })

  it('exits 1 with one located line per problem', () => {
    const run = chatcfg(['validate', 'chatcfg.yaml'], workspace({'chatcfg.yaml': `${VALID}    edition: gold\n    colour: red\n`}))
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')).toEqual([
      'chatcfg.yaml:5:14: error[config/invalid-value]: "gold" is not allowed here; allowed: developer, standard, premium',
      'chatcfg.yaml:6:5: error[config/unknown-key]: unknown key "colour"',
      'invalid: 2 errors, 0 warnings in 1 file',
      '',
    ])
  })

  it('writes GitHub annotations and JSON with the same exit code', () => {
    const cwd = workspace({'chatcfg.yaml': `${VALID}    edition: gold\n`})
    const github = chatcfg(['validate', '--format', 'github'], cwd)
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(/^::error file=chatcfg.yaml,line=5,col=14,/)
    const json = chatcfg(['validate', '--format', 'json'], cwd)
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({
      formatVersion: 1,
      valid: false,
      errors: 1,
      diagnostics: [{code: 'config/invalid-value', line: 5, column: 14}],
    })
  })

  it.each([
    ['binary garbage', Buffer.from([0, 1, 2, 3, 255, 254, 253])],
    ['an alias bomb', readFileSync(join(ROOT, 'test/fixtures/invalid/yaml-alias-bomb.yaml'))],
    ['deep nesting', `version: 1\napps: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['a YAML syntax error', 'version: 1\napps: [\n'],
  ])('%s gives located errors, exit 1 and no stack trace', (_name, content) => {
    const run = chatcfg(['validate'], workspace({'chatcfg.yaml': content}))
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^chatcfg\.yaml:\d+:\d+: error\[config\//)
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |Error:/)
  })

  it('never prints a secret, even in the message about it', () => {
    const cwd = workspace({'chatcfg.yaml': `${VALID}    webhook:\n      url: \${env:HOOK_URL}\n      token: \${env:HOOK_TOKEN}\n`})
    const env = {HOOK_URL: 'ftp://s3cr3t-host.example.com/hook', HOOK_TOKEN: 's3cr3t-token'}
    for (const format of ['text', 'json', 'github']) {
      const run = chatcfg(['validate', '--resolve', '--format', format], cwd, env)
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('config/webhook-url')
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/s3cr3t/)
    }
  })

  it('refuses an unknown flag value with exit 1 and one line', () => {
    const run = chatcfg(['validate', '--format', 'xml'], workspace({'chatcfg.yaml': VALID}))
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^chatcfg: error: /)
  })

  it('reports a missing file as a located error', () => {
    const run = chatcfg(['validate', 'nowhere.yaml'], workspace({}))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('nowhere.yaml:1:1: error[config/no-input]')
  })
})

describe('chatcfg schema', () => {
  it('prints the configuration schema', () => {
    const run = chatcfg(['schema'], ROOT)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas/chatcfg.schema.json'), 'utf8')))
  })

  it('needs no secret: references are checked for form, and --resolve reads them as plan does', () => {
    const cwd = workspace({'chatcfg.yaml': `${VALID}    sdkAppId: \${env:APP_ID}\n    introduction: \${file:intro.txt}\n`})
    expect(chatcfg(['validate'], cwd)).toEqual({code: 0, stdout: 'valid: 1 file, 1 app, 0 policies\n', stderr: ''})
    const resolved = chatcfg(['validate', '--resolve'], cwd)
    expect(resolved.code).toBe(1)
    expect(resolved.stdout.split('\n').slice(0, 2)).toEqual([
      'chatcfg.yaml:5:15: error[config/missing-env]: environment variable APP_ID is not set',
      'chatcfg.yaml:6:19: error[config/file-reference]: referenced file "intro.txt" does not exist',
    ])
    expect(chatcfg(['validate', '--resolve'], cwd, {APP_ID: 'none'}).stdout).toContain(
      'chatcfg.yaml:5:15: error[config/reference-type]: ${env:APP_ID} does not give an integer, which this setting needs',
    )
  })
})
