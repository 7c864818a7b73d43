import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {stripVTControlCharacters} from 'node:util'
import {describe, expect, it} from 'vitest'
import {type DiagnosticFormat, renderValidation} from '../../src/render/diagnostics.js'
import {loadChecked} from '../helpers.js'

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden', 'validate')
const EXTENSIONS: Record<DiagnosticFormat, string> = {text: 'txt', json: 'json', github: 'github.txt'}

describe('validation reports', () => {
  const result = loadChecked(['chatcfg.yaml'], {cwd: GOLDEN, env: {GOLDEN_WEBHOOK_TOKEN: 'tok-3f9a'}})
  const report = {files: result.files, diagnostics: result.diagnostics, apps: 2, policies: 1}

  it.each(Object.keys(EXTENSIONS) as DiagnosticFormat[])('%s matches its golden file byte for byte', (format) => {
    const rendered = renderValidation(report, format, {color: false})
    const golden = join(GOLDEN, `expected.${EXTENSIONS[format]}`)
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, rendered)
    expect(rendered).toBe(readFileSync(golden, 'utf8'))
    expect(rendered).not.toContain('tok-3f9a')
  })

  it('colours the severity on a terminal and nothing else', () => {
    const text = renderValidation(report, 'text', {color: true})
    expect(text).toContain('\u001b[')
    expect(stripVTControlCharacters(text)).toBe(renderValidation(report, 'text', {color: false}))
  })
})
