import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const WORKFLOWS = ['chatcfg-apply.yml', 'chatcfg-confirm.yml', 'chatcfg-drift.yml', 'chatcfg-pull-request.yml']
const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates', 'github', 'workflows')

describe('chatcfg init', () => {
  it('starts an empty folder that validate and plan then accept', () => {
    const cwd = workspace({})
    const init = chatcfg(['init'], cwd)
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('wrote chatcfg.yaml\nwrote chatcfg.schema.json\nwrote .github/workflows/chatcfg-apply.yml\n')
    const config = readFileSync(join(cwd, 'chatcfg.yaml'), 'utf8')
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./chatcfg.schema.json')
    expect(JSON.parse(readFileSync(join(cwd, 'chatcfg.schema.json'), 'utf8'))).toEqual(JSON.parse(chatcfg(['schema'], cwd).stdout))
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toContain('\n.chatcfg/\n')
    expect(readdirSync(join(cwd, '.github', 'workflows')).sort()).toEqual(WORKFLOWS)
    for (const name of WORKFLOWS) expect(readFileSync(join(cwd, '.github', 'workflows', name), 'utf8')).toBe(readFileSync(join(TEMPLATES, name), 'utf8'))

    expect(chatcfg(['validate'], cwd)).toMatchObject({code: 0, stdout: 'valid: 1 file, 1 app, 0 policies\n'})
    const plan = chatcfg(['plan', '--detailed-exitcode'], cwd)
    expect(plan.code).toBe(2)
    expect(plan.stdout).toContain('+ app.chat (create)')
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    expect(chatcfg(['plan', '--detailed-exitcode'], cwd).code).toBe(0)
  })

  it('adds to a .gitignore that is there, once', () => {
    const cwd = workspace({'.gitignore': 'node_modules/'})
    expect(chatcfg(['init'], cwd).stdout).toContain('added .chatcfg/ to .gitignore\n')
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toBe("node_modules/\n# chatcfg's local emulator and apply journal\n.chatcfg/\n")
    const ignored = workspace({'.gitignore': '.chatcfg/\n'})
    expect(chatcfg(['init'], ignored).stdout).not.toContain('.gitignore')
    expect(readFileSync(join(ignored, '.gitignore'), 'utf8')).toBe('.chatcfg/\n')
  })

  it.each([
    ['chatcfg.yaml', 'version: 1\n'],
    ['.github/workflows/chatcfg-drift.yml', 'name: ours\n'],
    ['chatcfg/apps.yaml', 'version: 1\n'],
  ])('refuses to overwrite %s: one line, exit 1, nothing written', (path, text) => {
    const cwd = workspace({[path]: text})
    const init = chatcfg(['init'], cwd)
    expect(init.code).toBe(1)
    expect(init.stdout).toBe('')
    expect(init.stderr).toBe(
      `chatcfg: error: nothing written: ${path.startsWith('chatcfg/') ? 'chatcfg/' : path} exists already; chatcfg init only starts a folder without them\n`,
    )
    expect(readFileSync(join(cwd, path), 'utf8')).toBe(text)
    expect(existsSync(join(cwd, 'chatcfg.schema.json'))).toBe(false)
    expect(existsSync(join(cwd, '.gitignore'))).toBe(false)
  })

  it('names every file in the way', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\n', 'chatcfg.schema.json': '{}'})
    writeFileSync(join(cwd, 'other.txt'), 'kept')
    expect(chatcfg(['init'], cwd).stderr).toBe(
      'chatcfg: error: nothing written: chatcfg.yaml, chatcfg.schema.json exist already; chatcfg init only starts a folder without them\n',
    )
  })
})
