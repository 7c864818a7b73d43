import {describe, expect, it} from 'vitest'
import type {LoadResult} from '../../src/config/load.js'
import {validateConfiguration} from '../../src/operations/validate.js'
import {errorsOf, loadChecked, loadYaml, workspace} from '../helpers.js'

const withIntroduction = (value: string) => `version: 1\napps:\n  demo:\n    name: Demo\n    introduction: "${value}"\n`

describe('${…} references', () => {
  it('replaces ${env:NAME} with the variable and marks the value secret', () => {
    const result = loadYaml(withIntroduction('Team ${env:TEAM}'), {TEAM: 'blue'})
    expect(result.config?.apps?.demo.introduction).toBe('Team blue')
    expect([...result.secrets]).toContain('/apps/demo/introduction')
  })

  it('reads a reference whose $ is written as an escape, as one written out', () => {
    const result = loadYaml(withIntroduction('Team \\u0024{env:TEAM}'), {TEAM: 'blue'})
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

describe('references checked for form only (validate without secrets)', () => {
  const check = (yaml: string, files: Record<string, string> = {}) => {
    const cwd = workspace({'chatcfg.yaml': yaml, ...files})
    return validateConfiguration({paths: ['chatcfg.yaml'], cwd, env: {}, references: 'check'}).load
  }
  const app = (settings: string) => `version: 1\napps:\n  demo:\n    name: Demo\n${settings}`

  it.each([
    {name: 'an unset variable', yaml: withIntroduction('${env:NOT_SET}'), expected: []},
    {name: 'a file that is not there', yaml: withIntroduction('${file:certs/missing.pem}'), expected: []},
    {name: 'a binary file that is not there', yaml: withIntroduction('${filebase64:certs/missing.p12}'), expected: []},
    {name: 'an integer setting', yaml: app('    sdkAppId: ${env:APP_ID}\n'), expected: []},
    {name: 'a boolean setting', yaml: app('    messages:\n      userStatus: ${env:USER_STATUS}\n'), expected: []},
    {name: 'a webhook URL', yaml: app('    webhook:\n      url: ${env:HOOK_URL}\n      events: [C2C.CallbackBeforeSendMsg]\n'), expected: []},
    {name: 'a bad variable name', yaml: withIntroduction('${env:not valid}'), expected: ['config/bad-substitution@5:19']},
    {name: 'an unknown kind', yaml: withIntroduction('${vault:x}'), expected: ['config/bad-substitution@5:19']},
    {name: 'an unterminated reference', yaml: withIntroduction('${env:X'), expected: ['config/bad-substitution@5:19']},
    {name: 'a file reference naming no file', yaml: withIntroduction('${file:}'), expected: ['config/file-reference@5:19']},
    {name: 'a file outside the folder', yaml: withIntroduction('${file:../secret.txt}'), expected: ['config/file-reference@5:19']},
  ])('$name', ({yaml, expected}) => {
    expect(errorsOf(check(yaml))).toEqual(expected)
  })

  it('leaves the reference unread and secret, and still writes $${ as ${', () => {
    const result = check(withIntroduction('${file:intro.txt} costs $${price}'), {'intro.txt': 'never read'})
    expect(result.config?.apps?.demo.introduction).toBe('${file:intro.txt} costs $${price}')
    expect([...result.secrets]).toEqual(['/apps/demo/introduction'])
    expect(check(withIntroduction('costs $${price}')).config?.apps?.demo.introduction).toBe('costs ${price}')
  })

  it('plan and apply still require every reference', () => {
    const yaml = app('    sdkAppId: ${env:APP_ID}\n')
    expect(errorsOf(loadYaml(yaml))).toEqual(['config/missing-env@5:15'])
  })
})

describe('a reference takes the type the schema expects where it stands', () => {
  const app = (settings: string) => `version: 1\napps:\n  demo:\n    name: Demo\n${settings}`
  const resolved = (yaml: string, env: Record<string, string>) => loadYaml(yaml, env)

  it.each([
    {
      name: 'an integer',
      yaml: app('    sdkAppId: ${env:V}\n'),
      value: '1400000001',
      read: (r: LoadResult) => r.config?.apps?.demo.sdkAppId,
      expected: 1400000001,
    },
    {
      name: 'an integer, quoted',
      yaml: app('    sdkAppId: "${env:V}"\n'),
      value: ' 1400000002 ',
      read: (r: LoadResult) => r.config?.apps?.demo.sdkAppId,
      expected: 1400000002,
    },
    {
      name: 'true or false',
      yaml: app('    messages:\n      userStatus: ${env:V}\n'),
      value: 'true',
      read: (r: LoadResult) => r.config?.apps?.demo.messages?.userStatus,
      expected: true,
    },
    {
      name: 'a string stays text',
      yaml: app('    introduction: ${env:V}\n'),
      value: '42',
      read: (r: LoadResult) => r.config?.apps?.demo.introduction,
      expected: '42',
    },
    {
      name: 'text around a reference stays text',
      yaml: app('    introduction: "v${env:V}"\n'),
      value: '42',
      read: (r: LoadResult) => r.config?.apps?.demo.introduction,
      expected: 'v42',
    },
  ])('$name', ({yaml, value, read, expected}) => {
    const result = resolved(yaml, {V: value})
    expect(errorsOf(result)).toEqual([])
    expect(read(result)).toBe(expected)
  })

  it.each([
    {
      name: 'not an integer',
      yaml: app('    sdkAppId: ${env:V}\n'),
      value: '14e8',
      message: '${env:V} does not give an integer, which this setting needs',
      at: '5:15',
    },
    {
      name: 'not true or false',
      yaml: app('    messages:\n      userStatus: ${env:V}\n'),
      value: 'yes',
      message: '${env:V} does not give true or false, which this setting needs',
      at: '6:19',
    },
  ])('$name is one located error that does not show the value', ({yaml, value, message, at}) => {
    const result = resolved(yaml, {V: value})
    expect(errorsOf(result)).toEqual([`config/reference-type@${at}`])
    expect(result.diagnostics[0].message).toBe(message)
  })

  it('a value from a template is typed where the template puts it', () => {
    const yaml = 'version: 1\ntemplates:\n  base:\n    messages:\n      recallLimitMinutes: ${env:RECALL}\napps:\n  demo:\n    name: Demo\n    extends: base\n'
    expect(resolved(yaml, {RECALL: '7'}).config?.apps?.demo.messages?.recallLimitMinutes).toBe(7)
  })
})
