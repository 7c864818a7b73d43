import {execFileSync} from 'node:child_process'
import {existsSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_FILES, MAX_TOTAL_BYTES} from '../../src/config/limits.js'
import {loadConfig} from '../../src/config/load.js'
import {workspace} from '../helpers.js'

const located = (result: ReturnType<typeof loadConfig>) =>
  result.diagnostics.map((d) => `${d.source?.file}:${d.source?.start.line}:${d.source?.start.column} ${d.code}`)

/** A named pipe with no writer: reading it would wait for ever. */
function fifo(cwd: string, name: string): void {
  execFileSync('mkfifo', [join(cwd, name)])
}

describe('reading configuration files refuses what is not a bounded regular file, before reading it', () => {
  const devices = ['/dev/zero', '/dev/urandom'].filter((path) => existsSync(path))

  it.each(devices)('%s is a device, not a file', (device) => {
    const result = loadConfig([device], {cwd: workspace({}), env: {}})
    expect(located(result)).toEqual([`${device}:1:1 config/not-a-file`])
    expect(result.diagnostics[0].message).toBe('is a character device, not a file; chatcfg reads configuration from regular files only')
  })

  it('a named pipe given as the configuration, or found in a folder, is refused without waiting for a writer', () => {
    const cwd = workspace({'conf/chatcfg.yaml': 'version: 1\n'})
    fifo(cwd, 'pipe.yaml')
    fifo(cwd, 'conf/pipe.yaml')
    expect(located(loadConfig(['pipe.yaml'], {cwd, env: {}}))).toEqual(['pipe.yaml:1:1 config/not-a-file'])
    expect(located(loadConfig(['conf'], {cwd, env: {}}))).toEqual(['conf/pipe.yaml:1:1 config/not-a-file'])
  })

  it('a link in a folder to a device is refused as leaving the folder', () => {
    const cwd = workspace({'conf/chatcfg.yaml': 'version: 1\n'})
    symlinkSync('/dev/zero', join(cwd, 'conf', 'zero.yaml'))
    expect(located(loadConfig(['conf'], {cwd, env: {}}))).toEqual(['conf/zero.yaml:1:1 config/outside-folder'])
  })

  it('a ${file:} reference to a named pipe is refused without waiting for a writer', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    introduction: ${file:pipe.txt}\n'})
    fifo(cwd, 'pipe.txt')
    const result = loadConfig(['chatcfg.yaml'], {cwd, env: {}})
    expect(located(result)).toEqual(['chatcfg.yaml:5:19 config/file-reference'])
    expect(result.diagnostics[0].message).toBe('referenced path "pipe.txt" is not a file')
  })

  it(`more than ${MAX_FILES} files in one run are refused at the first file past the limit`, () => {
    const files = Object.fromEntries(Array.from({length: MAX_FILES + 1}, (_, i) => [`conf/f${String(i).padStart(4, '0')}.yaml`, 'version: 1\n']))
    const result = loadConfig(['conf'], {cwd: workspace(files), env: {}})
    expect(located(result)).toEqual([`conf/f${MAX_FILES}.yaml:1:1 config/too-many-files`])
  })

  it(`files that together exceed ${MAX_TOTAL_BYTES} bytes are refused at the file that crosses the limit`, () => {
    const padding = `# ${'x'.repeat(3.5 * 1024 * 1024)}\n`
    const files = Object.fromEntries(Array.from({length: 5}, (_, i) => [`conf/f${i}.yaml`, `version: 1\n${padding}`]))
    const result = loadConfig(['conf'], {cwd: workspace(files), env: {}})
    expect(located(result)).toEqual(['conf/f4.yaml:1:1 config/file-too-large'])
  })
})
