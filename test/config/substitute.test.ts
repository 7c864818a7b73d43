import {describe, expect, it} from 'vitest'
import {errorsOf, loadChecked, loadYaml, workspace} from '../helpers.js'

const withIntroduction = (value: string) => `version: 1\napps:\n  demo:\n    name: Demo\n    introduction: "${value}"\n`

describe('${…} references', () => {
  it('replaces ${env:NAME} with the variable and marks the value secret', () => {
    const result = loadYaml(withIntroduction('Team ${env:TEAM}'), {TEAM: 'blue'})
    expect(result.config?.apps?.demo.introduction).toBe('Team blue')
    expect([...result.secrets]).toContain('/apps/demo/introduction')
  })

  it('writes a literal ${ for $${ and marks nothing secret', () => {
    const result = loadYaml(withIntroduction('costs $${price}'))
    expect(result.config?.apps?.demo.introduction).toBe('costs ${price}')
    expect(result.secrets.has('/apps/demo/introduction')).toBe(false)
  })

  it('reads ${file:path} as text and ${filebase64:path} as base64, relative to the file', () => {
    const cwd = workspace({
      'conf/chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    introduction: ${file:intro.txt}\n    type: ${filebase64:type.bin}\n',
      'conf/intro.txt': 'Hello from a file',
      'conf/type.bin': Buffer.from([1, 2, 3, 250]),
    })
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics).toEqual([])
    expect(result.config?.apps?.demo.introduction).toBe('Hello from a file')
    expect(result.config?.apps?.demo.type).toBe(Buffer.from([1, 2, 3, 250]).toString('base64'))
    expect([...result.secrets].sort()).toEqual(['/apps/demo/introduction', '/apps/demo/type'])
  })

  it('refuses a binary file read as text, pointing at the value', () => {
    const cwd = workspace({'chatcfg.yaml': withIntroduction('${file:cert.p12}'), 'cert.p12': Buffer.from([0xff, 0xfe, 0x00])})
    expect(errorsOf(loadChecked(['chatcfg.yaml'], {cwd, env: {}}))).toEqual(['config/file-reference@5:19'])
  })

  it('reports every missing variable of a value', () => {
    expect(errorsOf(loadYaml(withIntroduction('${env:ONE} and ${env:TWO}')))).toEqual(['config/missing-env@5:19', 'config/missing-env@5:19'])
  })

  it('refuses names that are not environment variable names', () => {
    expect(errorsOf(loadYaml(withIntroduction('${env:not valid}')))).toEqual(['config/bad-substitution@5:19'])
  })
})
