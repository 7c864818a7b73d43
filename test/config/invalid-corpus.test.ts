import {readdirSync, readFileSync, statSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_FILE_BYTES} from '../../src/config/limits.js'
import {loadChecked, workspace} from '../helpers.js'

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'invalid')

/** Each corpus case states what it must produce in its first line: `# expect: <code> at [file:]line:col`. */
function expectation(path: string): string {
  const first = statSync(path).isDirectory()
    ? join(
        path,
        readdirSync(path)
          .filter((f) => f.endsWith('.yaml'))
          .sort()[0],
      )
    : path
  const header = /^# expect: (\S+) at (\S+)$/m.exec(readFileSync(first, 'utf8'))
  if (!header) throw new Error(`${path} has no "# expect:" header`)
  return `${header[1]} at ${header[2]}`
}

describe('invalid configuration corpus', () => {
  const cases = readdirSync(CORPUS).sort()

  it('holds at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases)('%s is rejected with its code at its position', (name) => {
    const path = join(CORPUS, name)
    const isFolder = statSync(path).isDirectory()
    const result = loadChecked([name], {cwd: CORPUS, env: {HOME: '/home/test'}})
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code} at ${isFolder ? `${d.source?.file.split('/').pop()}:` : ''}${d.source?.start.line}:${d.source?.start.column}`)
    expect(errors).toEqual([expectation(path)])
    expect(result.config).toBeUndefined()
  })
})

describe('malformed input generated at test time', () => {
  const cases: Array<{name: string; content: string | Buffer; expected: string}> = [
    {name: 'an empty file', content: '', expected: 'config/empty-file at 1:1'},
    {name: 'a file over the size limit', content: `version: 1\n# ${'x'.repeat(10 * 1024 * 1024)}\n`, expected: 'config/file-too-large at 1:1'},
    {name: 'binary garbage', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]), expected: 'config/not-text at 1:9'},
    {name: 'a NUL byte in text', content: 'version: 1\napps:\0\n', expected: 'config/not-text at 2:6'},
    {name: 'invalid UTF-8 in text', content: Buffer.concat([Buffer.from('version: 1\nname: '), Buffer.from([0xc3, 0x28])]), expected: 'config/not-text at 2:7'},
    {
      name: 'the 301st app',
      content: `version: 1\napps:\n${Array.from({length: 301}, (_, i) => `  app-${i}: { name: App ${i} }\n`).join('')}`,
      expected: 'config/limit-exceeded at 303:3',
    },
  ]

  it('size limit is what the 10 MB case exceeds', () => {
    expect(10 * 1024 * 1024).toBeGreaterThan(MAX_FILE_BYTES)
  })

  it.each(cases)('$name', ({content, expected}) => {
    const cwd = workspace({'chatcfg.yaml': content})
    const result = loadChecked(['chatcfg.yaml'], {cwd, env: {}})
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} at ${d.source?.start.line}:${d.source?.start.column}`)).toEqual([
      expected,
    ])
  })

  it('a path that does not exist', () => {
    const result = loadChecked(['missing.yaml'], {cwd: workspace({}), env: {}})
    expect(result.diagnostics.map((d) => d.code)).toEqual(['config/no-input'])
  })

  it('a folder with no YAML files', () => {
    const cwd = workspace({'configs/readme.txt': 'nothing here'})
    expect(loadChecked(['configs'], {cwd, env: {}}).diagnostics.map((d) => d.code)).toEqual(['config/no-input'])
  })

  it('a ${file:} reference through a symbolic link to a file outside the folder', () => {
    const cwd = workspace({
      'outside/secret.txt': 'top secret',
      'config/chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    introduction: ${file:link.txt}\n',
    })
    symlinkSync(join(cwd, 'outside', 'secret.txt'), join(cwd, 'config', 'link.txt'))
    const result = loadChecked(['config'], {cwd, env: {}})
    expect(result.diagnostics.map((d) => `${d.code} at ${d.source?.start.line}:${d.source?.start.column}`)).toEqual(['config/file-reference at 5:19'])
  })
})
