import {describe, expect, it} from 'vitest'
import type {Diagnostic} from '../../src/diagnostics/diagnostic.js'
import {ANNOTATIONS_PER_STEP, annotationLines, repositoryPath} from '../../src/render/github.js'

const at = (file: string, line: number) => ({file, start: {line, column: 3, offset: line * 20}, end: {line, column: 8, offset: line * 20 + 5}})

describe('GitHub annotations', () => {
  it('name files from the repository root, wherever the command ran', () => {
    const paths = {root: '/repo', cwd: '/repo/infra/chat'}
    expect(repositoryPath('chatcfg.yaml', paths)).toBe('infra/chat/chatcfg.yaml')
    expect(repositoryPath('apps/web.yaml', paths)).toBe('infra/chat/apps/web.yaml')
    expect(repositoryPath('chatcfg.yaml', undefined)).toBe('chatcfg.yaml')
    // A file outside the repository keeps the name the user gave it.
    expect(repositoryPath('../../../elsewhere.yaml', paths)).toBe('../../../elsewhere.yaml')
    const [line] = annotationLines([{severity: 'error', code: 'plan/immutable', message: 'x', source: at('chatcfg.yaml', 4)}], paths)
    expect(line).toBe('::error file=infra/chat/chatcfg.yaml,line=4,col=3,endLine=4,endColumn=8,title=chatcfg plan/immutable::x')
  })

  it('stay within GitHub’s per-step limits and list the rest as located lines', () => {
    const diagnostics: Diagnostic[] = Array.from({length: 30}, (_, i) => ({
      severity: i % 2 === 0 ? 'error' : 'warning',
      code: 'plan/immutable',
      message: `problem ${i}`,
      source: at('chatcfg.yaml', i + 1),
    }))
    const lines = annotationLines(diagnostics)
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(ANNOTATIONS_PER_STEP.error)
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(ANNOTATIONS_PER_STEP.warning)
    expect(lines).toContain('chatcfg.yaml:21:3: error[plan/immutable]: problem 20')
    expect(lines).toContain('chatcfg.yaml:30:3: warning[plan/immutable]: problem 29')
    expect(lines.at(-1)).toBe('10 more problems are listed above rather than annotated: GitHub keeps 10 error and 10 warning annotations per step.')
  })

  it('make the same problem in many apps one annotation naming the apps', () => {
    const diagnostics: Diagnostic[] = Array.from({length: 300}, (_, i) => ({
      severity: 'error',
      code: 'plan/immutable',
      message: `type of app.app-${i}.userField.Tier cannot change once it exists`,
      address: `app.app-${i}.userField.Tier`,
      source: at('chatcfg.yaml', i + 1),
    }))
    expect(annotationLines(diagnostics)).toEqual([
      '::error file=chatcfg.yaml,line=1,col=3,endLine=1,endColumn=8,title=chatcfg plan/immutable::type of app.*.userField.Tier cannot change once it exists (in 300 apps: app-0 … app-299)',
    ])
  })
})
