import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const MARKER = '<!-- chatcfg-plan -->'
const APP = `version: 1
apps:
  demo:
    name: Demo
    userFields:
      Tier: { read: [app], write: [admin] }
`

/** A repository with the configuration in a subfolder, as teams keep it. */
function repository(config = APP): {root: string; cwd: string} {
  const root = workspace({'infra/chat/chatcfg.yaml': config})
  mkdirSync(join(root, '.git'))
  return {root, cwd: join(root, 'infra', 'chat')}
}

describe('chatcfg plan in GitHub Actions', () => {
  it('with an invalid configuration still prints the marked comment listing the errors (exit 1)', () => {
    const {cwd} = repository(APP.replace('name: Demo', 'name: Demo\n    edition: premum'))
    const run = chatcfg(['plan', '--format', 'markdown'], cwd)
    expect(run.code).toBe(1)
    expect(run.stdout.startsWith(`${MARKER}\n**chatcfg plan** — the configuration is invalid: 1 error, 0 warnings in 1 file;`)).toBe(true)
    expect(run.stdout).toMatch(/- `config\/invalid-value` .*premum.* \(`chatcfg\.yaml:5:14`\)/)
  })

  it('writes the whole plan to the job summary beside the comment and the saved plan', () => {
    const {cwd} = repository()
    const summary = join(cwd, 'summary.md')
    writeFileSync(summary, '')
    const run = chatcfg(['plan', '--format', 'markdown', '--out', 'plan.json', '--job-summary', '--detailed-exitcode'], cwd, {GITHUB_STEP_SUMMARY: summary})
    expect(run.code).toBe(2)
    expect(run.stdout.startsWith(`${MARKER}\n**chatcfg plan** — 2 to create`)).toBe(true)
    const written = readFileSync(summary, 'utf8')
    expect(written).toContain('<code>+ app.demo.userField.Tier</code> create')
    expect(JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8')).kind).toBe('chatcfg-plan')
  })

  it('refuses --job-summary outside GitHub Actions before doing anything', () => {
    const {cwd} = repository()
    const run = chatcfg(['plan', '--job-summary', '--out', 'plan.json'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'chatcfg: error: --job-summary writes to the file named by GITHUB_STEP_SUMMARY, which is not set (GitHub Actions sets it in every step)\n',
    )
    expect(run.stdout).toBe('')
  })

  it('annotates plan rules with paths from the repository root (--format github), from a live plan or a saved one', () => {
    const {cwd} = repository()
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    writeFileSync(join(cwd, 'chatcfg.yaml'), APP.replace('{ read: [app]', '{ type: bytes, read: [app]'))
    const plan = chatcfg(['plan', '--format', 'github', '--out', 'plan.json'], cwd)
    expect(plan.code).toBe(3)
    const annotation =
      '::error file=infra/chat/chatcfg.yaml,line=6,col=21,endLine=6,endColumn=26,title=chatcfg plan/immutable::type of app.demo.userField.Tier cannot change once it exists'
    expect(plan.stdout.split('\n')[0]).toBe(annotation)
    expect(plan.stdout).toContain('! app.demo.userField.Tier (update, blocked by plan/immutable)')
    const show = chatcfg(['show', 'plan.json', '--format', 'github'], cwd, {GITHUB_WORKSPACE: join(cwd, '..')})
    expect(show.stdout.split('\n')[0]).toBe(annotation.replace('infra/chat/', 'chat/'))
  })
})
